using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Interdict.App.Commands;
using Interdict.Matching;
using Interdict.Model;
using Interdict.Screening;
using Interdict.Screening.Payments;
using Interdict.Screening.Text;

namespace Interdict.App.Server;

/// <summary>Screening of free text and of payment messages: POST /api/screen/text and /api/screen/payment.</summary>
internal static class TextEndpoints
{
    /// <summary>Larger texts belong in a batch job, not a synchronous request.</summary>
    public const int MaxTextChars = 2_000_000;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/screen").WithTags("Interdict");

        api.MapPost("/text", async (HttpContext ctx, ScreeningState state, AuditWriter audit) =>
        {
            var (text, threshold, asOf) = await ReadTextRequest(ctx).ConfigureAwait(false);
            var screener = state.At(CliDates.ParseOptional(asOf, "as_of"));
            var result = new TextScreener(screener).Screen(text, new TextScreeningOptions { Threshold = threshold });
            var matches = result.Mentions.Where(m => m.Entity is not null).Select(m => new Match(m.Entity!, new EntityName { Full = m.MatchedName }, m.Score, m.Explanation)).ToList();
            audit.Record(Caller(ctx), "api-text", new { text = Summary(text), threshold, as_of = asOf, places = result.Places.Select(p => new { p.Start, p.Text, p.Program }) }, screener, threshold, matches);
            HealthEndpoints.Screenings.WithLabels("api-text").Inc();
            HealthEndpoints.MatchesReturned.WithLabels("api-text").Inc(matches.Count);
            return Results.Ok(new TextScreenResponse(result.Mentions, result.Places, result.Threshold, result.Candidates, ApiEndpoints.SnapshotRefs(screener)));
        })
        .Accepts<TextScreenRequest>("application/json", "text/plain")
        .Produces<TextScreenResponse>()
        .ProducesProblem(400)
        .WithSummary("Find listed parties and sanctioned places in a text.")
        .WithDescription("JSON {text, threshold?, as_of?} or the text itself as text/plain (then threshold and as_of are query parameters). Mentions carry offsets, the span, the entity, full or partial, the score and the explanation.");

        api.MapPost("/payment", async (HttpContext ctx, double? threshold, string? asOf, ScreeningState state, AuditWriter audit) =>
        {
            var body = await ReadBody(ctx).ConfigureAwait(false);
            var t = Threshold(threshold);
            var at = asOf ?? ctx.Request.Query["as_of"].FirstOrDefault();
            PaymentMessage message;
            try
            {
                message = PaymentMessageParser.Parse(body);
            }
            catch (PaymentFormatException ex)
            {
                throw new FormatException(ex.Message, ex);
            }

            var screener = state.At(CliDates.ParseOptional(at, "as_of"));
            var result = new PaymentScreener(screener).Screen(message, t);
            var matches = result.Hits.Where(h => h.Entity is not null).Select(h => new Match(h.Entity!, new EntityName { Full = h.MatchedName ?? h.Value }, h.Score, h.Explanation ?? new MatchExplanation { QueryName = h.Value, MatchedName = h.Detail ?? h.Value, Score = h.Score })).ToList();
            audit.Record(Caller(ctx), "api-payment", new { format = result.Format, message_id = result.MessageId, message = Summary(body), threshold = t, as_of = at, places = result.Hits.Where(h => h.Kind == PaymentHitKind.Place).Select(h => new { h.Path, h.Value, h.PlaceId }) }, screener, t, matches);
            HealthEndpoints.Screenings.WithLabels("api-payment").Inc();
            HealthEndpoints.MatchesReturned.WithLabels("api-payment").Inc(matches.Count);
            return Results.Ok(new PaymentScreenResponse(result.Format, result.MessageId, result.Alert, result.Hits, result.Parties, result.FreeTextFields, t, ApiEndpoints.SnapshotRefs(screener)));
        })
        .Accepts<string>("application/xml", "text/plain")
        .Produces<PaymentScreenResponse>()
        .ProducesProblem(400)
        .WithSummary("Screen a payment message (pacs.008, pain.001 XML or SWIFT MT103).")
        .WithDescription("The raw message is the body. Every party by name and country, every BIC against listed SWIFT/BIC identifiers, addresses and country codes against sanctioned places, free-text fields as text; each hit names its path in the message. A malformed message is a 400 naming the element or field.");
    }

    private static double Threshold(double? t) =>
        t is < 0 or > 1 ? throw new FormatException("threshold must be between 0 and 1") : t ?? ScreeningOptions.DefaultThreshold;

    private static string Caller(HttpContext ctx) => ApiKeyAuth.CallerOf(ctx)?.Name ?? "anonymous";

    private static async Task<(string Text, double Threshold, string? AsOf)> ReadTextRequest(HttpContext ctx)
    {
        var body = await ReadBody(ctx).ConfigureAwait(false);
        var q = ctx.Request.Query;
        if (ctx.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var req = JsonSerializer.Deserialize<TextScreenRequest>(body, ServerJson.Options) ?? throw new FormatException("the body must be a JSON object {text, threshold?, as_of?}");
            if (req.Text is null)
            {
                throw new FormatException("text is required");
            }

            return (req.Text, Threshold(req.Threshold), req.AsOf);
        }

        var threshold = q.TryGetValue("threshold", out var tv) && double.TryParse(tv, System.Globalization.CultureInfo.InvariantCulture, out var td) ? td : (double?)null;
        return (body, Threshold(threshold), q["as_of"].FirstOrDefault() ?? q["asOf"].FirstOrDefault());
    }

    private static async Task<string> ReadBody(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new FormatException("the request body is empty");
        }

        return body.Length > MaxTextChars ? throw new FormatException($"at most {MaxTextChars:N0} characters per request") : body;
    }

    /// <summary>The audit keeps a fingerprint and the start of the input, not megabytes of text per request.</summary>
    private static object Summary(string text) => new
    {
        length = text.Length,
        sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
        head = text.Length <= 2000 ? text : text[..2000],
    };
}

public sealed record TextScreenRequest(string? Text, double? Threshold, string? AsOf);

public sealed record TextScreenResponse(IReadOnlyList<TextMention> Mentions, IReadOnlyList<PlaceMention> Places, double Threshold, int Candidates, IReadOnlyList<SnapshotRef> Snapshots);

public sealed record PaymentScreenResponse(string Format, string MessageId, bool Alert, IReadOnlyList<PaymentHit> Hits, IReadOnlyList<ScreenedParty> Parties, IReadOnlyList<string> FreeTextFields, double Threshold, IReadOnlyList<SnapshotRef> Snapshots);
