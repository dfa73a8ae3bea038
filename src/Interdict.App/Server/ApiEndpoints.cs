using System.Globalization;
using Interdict.App.Commands;
using Interdict.Matching;
using Interdict.Screening;
using Interdict.Store;
using Interdict.Store.Operations;

namespace Interdict.App.Server;

internal static class ApiEndpoints
{
    public const int MaxBatch = 1000;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Interdict");

        api.MapGet("/search", (string? q, string? type, string? list, int? limit, double? threshold, string? asOf, HttpContext ctx, ScreeningState state, AuditWriter audit) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                throw new FormatException("q (the name to search for) is required");
            }

            var req = new ScreenRequest { Name = q, Type = type, Lists = list is null ? null : list.Split(',', StringSplitOptions.RemoveEmptyEntries), Limit = limit, Threshold = threshold, AsOf = asOf };
            return Results.Ok(Screen(req, ctx, state, audit, "api"));
        }).Produces<ScreenResponse>().ProducesProblem(400).WithSummary("Search the lists for a name.").WithDescription("Ranked, explained matches. asOf=YYYY-MM-DD screens against the lists as they stood then.");

        api.MapPost("/screen", (ScreenRequest req, HttpContext ctx, ScreeningState state, AuditWriter audit) => Results.Ok(Screen(req, ctx, state, audit, "api")))
            .Produces<ScreenResponse>().ProducesProblem(400).WithSummary("Screen one record (name, type, dob, country, identifiers).");

        api.MapPost("/screen/batch", (BatchScreenRequest req, HttpContext ctx, ScreeningState state, AuditWriter audit) =>
        {
            if (req.Records is null || req.Records.Count == 0)
            {
                throw new FormatException("records must hold at least one record");
            }

            if (req.Records.Count > MaxBatch)
            {
                throw new FormatException($"at most {MaxBatch} records per synchronous batch (got {req.Records.Count}); upload larger files to /api/jobs");
            }

            var results = new ScreenResponse[req.Records.Count];
            for (var i = 0; i < results.Length; i++)
            {
                var r = req.Records[i] with { Threshold = req.Records[i].Threshold ?? req.Threshold, Limit = req.Records[i].Limit ?? req.Limit, Lists = req.Records[i].Lists ?? req.Lists, AsOf = req.Records[i].AsOf ?? req.AsOf };
                try
                {
                    results[i] = Screen(r, ctx, state, audit, "api-batch");
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"records[{i}]: {ex.Message}", ex);
                }
            }

            return Results.Ok(new BatchScreenResponse(results, results.Length > 0 ? results[0].Snapshots : []));
        }).Produces<BatchScreenResponse>().ProducesProblem(400).WithSummary("Screen up to 1,000 records synchronously.");

        api.MapGet("/entities/{id}", (string id, string? asOf, DbPath db, ReadStore reads) =>
        {
            using var lease = reads.Take();
            var store = lease.Store;
            var e = store.GetEntity(id, CliDates.ParseOptional(asOf, "asOf")) ?? throw new KeyNotFoundException($"no entity '{id}'");
            return Results.Text(EntityJson.Serialize(e), "application/json");
        }).WithSummary("One listed entity, every field.");

        api.MapGet("/lists", (DbPath db, ReadStore reads) =>
        {
            using var lease = reads.Take();
            var store = lease.Store;
            using var statusStore = new Interdict.Sources.Refresh.RefreshStatusStore(db.Path);
            var refresh = statusStore.All().ToDictionary(r => r.ListId, StringComparer.Ordinal);
            return Results.Ok(store.Lists().Select(l => new ListInfo(
                refresh.GetValueOrDefault(l.ListId),
                l.ListId,
                l.Name,
                l.Publisher,
                l.SnapshotCount,
                l.Current is null ? null : new CurrentSnapshot(l.Current.Id, l.Current.Published, l.Current.ImportedAt, l.Current.EntityCount, l.Current.Format, l.Current.Files))));
        }).Produces<IReadOnlyList<ListInfo>>().WithSummary("The lists, their current snapshot and counts.");

        api.MapGet("/lists/{list}/snapshots", (string list, DbPath db, ReadStore reads) =>
        {
            using var lease = reads.Take();
            var store = lease.Store;
            var snaps = store.Snapshots(list);
            if (snaps.Count == 0)
            {
                throw new KeyNotFoundException($"no list '{list}'");
            }

            return Results.Ok(snaps);
        }).Produces<IReadOnlyList<Interdict.Model.ListSnapshot>>().ProducesProblem(404).WithSummary("Every snapshot of one list, oldest first.");

        api.MapGet("/programs", (DbPath db, ReadStore reads) =>
        {
            using var lease = reads.Take();
            var store = lease.Store;
            return Results.Ok(store.Programs().Select(p => new ProgramInfo(p.Program.Code, p.Program.Name, p.Program.Publisher, p.Count)));
        }).Produces<IReadOnlyList<ProgramInfo>>().WithSummary("Sanctions programs with names and entry counts.");

        api.MapGet("/audit", async (string? from, string? to, int? limit, long? after, IOperationsStore ops, AuditWriter audit) =>
        {
            await audit.FlushAsync().ConfigureAwait(false);
            var records = ops.Audit(CliDates.ParseOptional(from, "from", endOfDay: false), CliDates.ParseOptional(to, "to"), Math.Clamp(limit ?? 100, 1, 10_000), after);
            return Results.Ok(records);
        }).RequireAdmin().Produces<IReadOnlyList<AuditRecord>>().ProducesProblem(403).WithSummary("The audit trail (admin).");

        api.MapGet("/session", (HttpContext ctx) => ApiKeyAuth.CallerOf(ctx) is { } c
            ? Results.Ok(new { name = c.Name, role = c.Role.ToString().ToLowerInvariant() })
            : Results.Problem(title: "Unauthorized", detail: "not signed in", statusCode: 401)).ExcludeFromDescription();

        api.MapPost("/session", (SessionRequest req, HttpContext ctx, IOperationsStore ops, UiSessions sessions, AuthFailureLimiter failures) =>
        {
            var info = ops.Authenticate(req.Key ?? "");
            if (info is null)
            {
                failures.Failed(ctx.Connection.RemoteIpAddress);
                return Results.Problem(title: "Unauthorized", detail: "the API key is unknown or revoked", statusCode: 401);
            }

            sessions.SignIn(ctx, info);
            return Results.Ok(new { name = info.Name, role = info.Role.ToString().ToLowerInvariant() });
        }).ExcludeFromDescription();

        api.MapDelete("/session", (HttpContext ctx, UiSessions sessions) =>
        {
            sessions.SignOut(ctx);
            return Results.NoContent();
        }).ExcludeFromDescription();
    }

    public sealed record SessionRequest(string? Key);

    public static ScreenResponse Screen(ScreenRequest req, HttpContext ctx, ScreeningState state, AuditWriter audit, string channel)
    {
        InputLimits.Check(req);
        var query = req.ToQuery();
        if (req.Threshold is < 0 or > 1)
        {
            throw new FormatException("threshold must be between 0 and 1");
        }

        if (req.Limit is < 1 or > 500)
        {
            throw new FormatException("limit must be between 1 and 500");
        }

        var screener = state.At(CliDates.ParseOptional(req.AsOf, "asOf"));
        var options = new ScreeningOptions
        {
            Threshold = req.Threshold ?? ScreeningOptions.DefaultThreshold,
            Limit = req.Limit ?? 10,
            Kind = query.Kind,
            Lists = req.Lists is { Count: > 0 } ? req.Lists.ToHashSet(StringComparer.Ordinal) : null,
        };
        var matches = screener.Screen(query, options);
        var caller = ApiKeyAuth.CallerOf(ctx)?.Name ?? "anonymous";
        audit.Record(caller, channel, req with { Threshold = options.Threshold }, screener, options.Threshold, matches);
        HealthEndpoints.Screenings.WithLabels(channel).Inc();
        HealthEndpoints.MatchesReturned.WithLabels(channel).Inc(matches.Count);
        var results = screener.Group(matches).Select(g => MatchResult.From(g.Match, alsoListed: g.AlsoListed)).ToList();
        return new ScreenResponse(req.Id, results, options.Threshold, SnapshotRefs(screener));
    }

    public static IReadOnlyList<SnapshotRef> SnapshotRefs(Screener s) => s.Snapshots.Select(x => new SnapshotRef(x.ListId, x.Id, x.Published)).ToList();

    internal static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The database path the server was started with.</summary>
public sealed record DbPath(string Path);
