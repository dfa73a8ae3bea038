using System.Text.Json;
using Interdict.Matching;
using Interdict.Model;
using Interdict.Screening;
using Interdict.Sources.Ftm;
using Interdict.Store;

namespace Interdict.App.Server;

/// <summary>
/// OpenSanctions yente-compatible endpoints: an existing yente client switches to Interdict by changing its base URL.
/// Shapes follow yente 5.x (see the interop notes); entities are FollowTheMoney objects.
/// </summary>
internal static class YenteEndpoints
{
    private static readonly string[] Algorithms = ["best", "interdict", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1", "regression-v3"];

    public static void Map(WebApplication app)
    {
        var y = app.MapGroup("").WithTags("yente compatibility");

        y.MapPost("/match/{dataset}", async (string dataset, HttpRequest request, HttpContext ctx, ScreeningState state, AuditWriter audit) =>
        {
            var q = request.Query;
            var lists = DatasetLists(dataset, state) ?? throw new KeyNotFoundException($"unknown dataset '{dataset}' (try 'default', 'sanctions' or a list id from /catalog)");
            var algorithm = q["algorithm"].FirstOrDefault() ?? "best";
            if (!Algorithms.Contains(algorithm))
            {
                return Problem(400, $"unknown algorithm '{algorithm}' (available: {string.Join(", ", Algorithms)})");
            }

            var limit = ParseInt(q["limit"].FirstOrDefault(), 5, 1, 500, "limit");
            var threshold = ParseDouble(q["threshold"].FirstOrDefault(), 0.70, "threshold");
            var include = q["include_dataset"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
            var exclude = q["exclude_dataset"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToHashSet(StringComparer.Ordinal);
            var excludeSchema = q["exclude_schema"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToHashSet(StringComparer.Ordinal);
            var excludeIds = q["exclude_entity_ids"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToHashSet(StringComparer.Ordinal);
            if (include.Count > 0)
            {
                lists = lists.Where(l => include.Contains(l)).ToHashSet(StringComparer.Ordinal);
            }

            lists.ExceptWith(exclude);

            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
            if (!doc.RootElement.TryGetProperty("queries", out var queries) || queries.ValueKind != JsonValueKind.Object)
            {
                return Problem(400, "the body needs a \"queries\" object");
            }

            var count = queries.EnumerateObject().Count();
            if (count == 0 || count > 100)
            {
                return Problem(400, count == 0 ? "the batch is empty" : $"at most 100 queries per request (got {count})");
            }

            var screener = state.Current;
            var responses = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var entry in queries.EnumerateObject())
            {
                var body = entry.Value;
                if (!body.TryGetProperty("schema", out var schemaEl) || schemaEl.ValueKind != JsonValueKind.String)
                {
                    return Problem(422, $"query '{entry.Name}' has no schema");
                }

                var schema = schemaEl.GetString()!;
                if (!FtmRecords.MatchableSchemata.Contains(schema))
                {
                    return Problem(400, $"query '{entry.Name}': schema '{schema}' is not matchable");
                }

                var props = FtmRecords.ReadProperties(body.TryGetProperty("properties", out var p) ? p : default);
                foreach (var (prop, values) in props)
                {
                    InputLimits.Items(values, $"query '{entry.Name}': {prop}");
                    foreach (var v in values)
                    {
                        InputLimits.Name(v, $"query '{entry.Name}': {prop}");
                    }
                }

                ScreeningQuery query;
                try
                {
                    query = FtmRecords.ToQuery(schema, props);
                }
                catch (FormatException ex)
                {
                    return Problem(400, $"query '{entry.Name}': {ex.Message}");
                }

                var options = new ScreeningOptions { Threshold = Math.Min(threshold, 0.5), Limit = limit + excludeIds.Count, Lists = lists, Kind = query.Kind };
                var matches = screener.Screen(query, options)
                    .Where(m => !excludeIds.Contains(m.Entity.Id) && !excludeSchema.Contains(FtmWriter.SchemaOf(m.Entity)))
                    .Take(limit)
                    .ToList();
                audit.Record(ApiKeyAuth.CallerOf(ctx)?.Name ?? "anonymous", "yente", new { schema, properties = props }, screener, threshold, matches.Where(m => m.Score >= threshold).ToList());
                HealthEndpoints.Screenings.WithLabels("yente").Inc();
                HealthEndpoints.MatchesReturned.WithLabels("yente").Inc(matches.Count(m => m.Score >= threshold));
                // One party on several lists is one result, as yente merges it: its datasets and referents name the
                // other lists' entries (see docs/cross-list-links.md).
                var grouped = screener.Group(matches);
                responses[entry.Name] = new
                {
                    status = 200,
                    results = grouped.Select(m => Result(m, threshold)).ToList(),
                    total = new { value = grouped.Count, relation = "eq" },
                    query = new { id = body.TryGetProperty("id", out var idEl) ? idEl.GetString() : null, schema, properties = props },
                };
            }

            return Results.Json(new { responses, limit, snapshots = SnapshotsOf(screener) }, YenteJson);
        }).Accepts<JsonElement>("application/json").WithSummary("yente: match entities (FollowTheMoney queries).");

        y.MapGet("/search/{dataset}", (string dataset, string? q, string? schema, int? limit, int? offset, HttpContext ctx, ScreeningState state, AuditWriter audit) =>
        {
            var lists = DatasetLists(dataset, state) ?? throw new KeyNotFoundException($"unknown dataset '{dataset}'");
            if (string.IsNullOrWhiteSpace(q))
            {
                return Results.Json(new { results = Array.Empty<object>(), facets = new { }, total = new { value = 0, relation = "eq" }, limit = limit ?? 10, offset = offset ?? 0 }, YenteJson);
            }

            InputLimits.Name(q, "q");
            var lim = Math.Clamp(limit ?? 10, 1, 500);
            var off = Math.Max(offset ?? 0, 0);
            var kind = schema is null or "Thing" or "LegalEntity" ? null : FtmRecords.KindOf(schema);
            var screener = state.Current;
            var matches = screener.Screen(new ScreeningQuery { Name = q, Kind = kind }, new ScreeningOptions { Threshold = 0.6, Limit = lim + off, Lists = lists, Kind = kind });
            audit.Record(ApiKeyAuth.CallerOf(ctx)?.Name ?? "anonymous", "yente-search", new { q, schema }, screener, 0.6, matches);
            var grouped = screener.Group(matches);
            var page = grouped.Skip(off).Take(lim).Select(g => g.Match).ToList();
            var also = grouped.ToDictionary(g => g.Match.Entity.Id, g => g.AlsoListed, StringComparer.Ordinal);
            var countries = page.SelectMany(m => m.Entity.Nationalities.Concat(m.Entity.Citizenships).Concat(m.Entity.Addresses.Select(a => a.Country).OfType<string>()).Distinct())
                .GroupBy(c => c).Select(g => new { name = g.Key.ToLowerInvariant(), label = Countries.Name(g.Key) ?? g.Key, count = g.Count() }).OrderByDescending(x => x.count).ToList();
            var datasets = page.GroupBy(m => m.Entity.ListId).Select(g => new { name = g.Key, label = g.Key, count = g.Count() }).ToList();
            return Results.Json(new
            {
                results = page.Select(m => EntityObject(m.Entity, m.Score, also[m.Entity.Id])).ToList(),
                snapshots = SnapshotsOf(screener),
                facets = new
                {
                    countries = new { label = "Countries", values = countries },
                    topics = new { label = "Topics", values = new[] { new { name = "sanction", label = "Sanctioned entity", count = page.Count } } },
                    datasets = new { label = "Data sources", values = datasets },
                },
                total = new { value = grouped.Count, relation = "eq" },
                limit = lim,
                offset = off,
            }, YenteJson);
        }).WithSummary("yente: search entities by text.");

        y.MapGet("/entities/{id}", (string id, DbPath db, ReadStore reads) =>
        {
            using var lease = reads.Take();
            var store = lease.Store;
            var e = store.GetEntity(id) ?? throw new KeyNotFoundException($"no entity '{id}'");
            return Results.Json(EntityObject(e, null), YenteJson);
        }).WithSummary("yente: one entity as FollowTheMoney.");

        y.MapGet("/catalog", (ScreeningState state) =>
        {
            var snaps = state.Current.Snapshots;
            var version = snaps.Max(s => s.Published).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var children = snaps.Select(s => s.ListId).ToList();
            var datasets = new List<object>
            {
                new { name = "default", title = "All lists", version, children, load = true, index_version = version, index_current = true },
                new { name = "sanctions", title = "Sanctions lists", version, children, load = true, index_version = version, index_current = true },
            };
            datasets.AddRange(snaps.Select(s => (object)new
            {
                name = s.ListId,
                title = Sources.ListCatalog.Find(s.ListId)?.Name ?? s.ListId,
                version = s.Published.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
                children = Array.Empty<string>(),
                load = true,
                index_version = s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                index_current = true,
                entity_count = s.EntityCount,
            }));
            return Results.Json(new { datasets, current = datasets.Select(d => ((dynamic)d).name).ToList(), outdated = Array.Empty<string>(), index_stale = false }, YenteJson);
        }).WithSummary("yente: the datasets.");

        y.MapGet("/algorithms", () => Results.Json(new
        {
            algorithms = Algorithms.Select(a => new { name = a, description = a == "interdict" || a == "best" ? "Interdict's matcher: token alignment with rarity weights, transliteration and name variants, record attributes." : "accepted for compatibility; Interdict's matcher answers", features = Array.Empty<string>() }),
            @default = "best",
            best = "interdict",
        }, YenteJson)).WithSummary("yente: available algorithms.");
    }

    /// <summary>The snapshots answered from, named as in Interdict's own API (yente's serializer keeps property names as written).</summary>
    private static IEnumerable<object> SnapshotsOf(Screener screener) =>
        screener.Snapshots.Select(s => new { list = s.ListId, snapshot = s.Id, published = s.Published });

    private static readonly JsonSerializerOptions YenteJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static HashSet<string>? DatasetLists(string dataset, ScreeningState state)
    {
        var all = state.Current.Snapshots.Select(s => s.ListId).ToHashSet(StringComparer.Ordinal);
        return dataset is "default" or "sanctions" ? all : all.Contains(dataset) ? [dataset] : null;
    }

    private static object Result(LinkedMatch linked, double threshold)
    {
        var m = linked.Match;
        return new
        {
            id = m.Entity.Id,
            caption = m.Entity.PrimaryName.Full,
            schema = FtmWriter.SchemaOf(m.Entity),
            properties = FtmWriter.PropertiesOf(m.Entity),
            datasets = Datasets(m.Entity, linked.AlsoListed),
            referents = linked.AlsoListed.Select(a => a.EntityId).ToArray(),
            target = true,
            first_seen = (string?)null,
            last_seen = (string?)null,
            last_change = (string?)null,
            score = Math.Round(m.Score, 4),
            match = m.Score >= threshold,
            explanations = new Dictionary<string, object>
            {
                ["interdict"] = new { score = Math.Round(m.Score, 4), detail = m.Explanation.ToString(), query = m.Explanation.QueryName, candidate = m.MatchedName.Full },
            },
        };
    }

    private static string[] Datasets(Entity e, IReadOnlyList<AlsoListed> also) =>
        [e.ListId, .. also.Select(a => a.List).Where(l => l != e.ListId).Distinct(StringComparer.Ordinal)];

    private static object EntityObject(Entity e, double? score, IReadOnlyList<AlsoListed>? also = null) => new
    {
        id = e.Id,
        caption = e.PrimaryName.Full,
        schema = FtmWriter.SchemaOf(e),
        properties = FtmWriter.PropertiesOf(e),
        datasets = Datasets(e, also ?? []),
        referents = (also ?? []).Select(a => a.EntityId).ToArray(),
        target = true,
        score,
    };

    private static IResult Problem(int status, string detail) => Results.Problem(title: status == 422 ? "Unprocessable entity" : "Bad request", detail: detail, statusCode: status);

    private static int ParseInt(string? s, int fallback, int min, int max, string name) =>
        s is null ? fallback : int.TryParse(s, out var v) && v >= min && v <= max ? v : throw new FormatException($"{name} must be an integer between {min} and {max}");

    private static double ParseDouble(string? s, double fallback, string name) =>
        s is null ? fallback : double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1 ? v : throw new FormatException($"{name} must be a number between 0 and 1");
}
