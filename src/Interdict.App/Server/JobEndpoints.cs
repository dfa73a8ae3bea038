using Interdict.Matching;
using Interdict.Store.Operations;

namespace Interdict.App.Server;

internal static class JobEndpoints
{
    public static void Map(WebApplication app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Batch jobs");

        jobs.MapPost("/", async (HttpRequest request, double? threshold, JobRunner runner, HttpContext ctx) =>
        {
            if (threshold is < 0 or > 1)
            {
                throw new FormatException("threshold must be between 0 and 1");
            }

            var body = await CsvUpload.OpenAsync(request, ctx.RequestAborted).ConfigureAwait(false);

            var caller = ApiKeyAuth.CallerOf(ctx)?.Name ?? "anonymous";
            var job = await runner.SubmitBatchAsync(body, caller, threshold ?? ScreeningOptions.DefaultThreshold, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Accepted($"/api/jobs/{job.Id}", ToDto(job));
        }).DisableAntiforgery().Accepts<string>(CsvUpload.ContentTypes[0], CsvUpload.ContentTypes[1..]).Produces<JobDto>(202).ProducesProblem(400).WithSummary("Upload a CSV (id,name,type,dob,country) to screen in the background; returns the job.");

        jobs.MapGet("/", (IOperationsStore ops, HttpContext ctx) => Results.Ok(ops.Jobs().Where(j => Visible(j, ctx)).Select(ToDto)))
            .Produces<IReadOnlyList<JobDto>>().WithSummary("Recent jobs: the caller's own, every key's for an admin.");

        jobs.MapGet("/{id}", (string id, IOperationsStore ops, HttpContext ctx) => Results.Ok(ToDto(Owned(ops, id, ctx))))
            .Produces<JobDto>().ProducesProblem(404).WithSummary("A job's progress (its owner's or an admin's).");

        jobs.MapGet("/{id}/results", (string id, IOperationsStore ops, HttpContext ctx) =>
        {
            var j = Owned(ops, id, ctx);
            if (j.Status == JobStatus.Expired)
            {
                return Results.Problem(title: "Expired", detail: $"job {id} has expired: a job's input and results are deleted {Retention(ctx)} after it finished", statusCode: 410);
            }

            if (j.Status != JobStatus.Done)
            {
                return Results.Problem(title: "Not finished", detail: $"job {id} is {j.Status.ToString().ToLowerInvariant()}", statusCode: 409);
            }

            if (j.Kind == JobKind.Portfolio)
            {
                return Results.Text(j.Summary ?? "{}", "application/json");
            }

            return Results.Stream(new JobDataReadStream(ops, id, JobPart.Output), "application/x-ndjson", $"interdict-{id}.jsonl");
        }).Produces(200, contentType: "application/x-ndjson").ProducesProblem(404).ProducesProblem(410).WithSummary("The results as JSON lines, in the `screen` output format.");
    }

    /// <summary>
    /// A job's input and results are customer data: only the key that submitted it and admins may see it. Anyone else
    /// is told it does not exist (404, not 403), so job ids cannot be probed.
    /// </summary>
    private static bool Visible(JobInfo job, HttpContext ctx) =>
        ApiKeyAuth.CallerOf(ctx) is { } caller && (caller.Role == ApiRole.Admin || string.Equals(job.Owner, caller.Name, StringComparison.Ordinal));

    private static JobInfo Owned(IOperationsStore ops, string id, HttpContext ctx) =>
        ops.Job(id) is { } j && Visible(j, ctx) ? j : throw new KeyNotFoundException($"no job '{id}'");

    private static string Retention(HttpContext ctx) => JobRetention.Describe(ctx.RequestServices.GetRequiredService<ServerOptions>().JobRetention);

    /// <summary>A job's status; <c>kind</c> is batch or portfolio, and a finished portfolio import carries its report in <c>summary</c>.</summary>
    public sealed record JobDto(string Id, string Status, long RowsDone, long? RowsTotal, double Progress, long Matches, long BadRows, DateTimeOffset Created, DateTimeOffset? Finished, string? Error, string Owner)
    {
        public string Kind { get; init; } = "batch";

        public System.Text.Json.JsonElement? Summary { get; init; }
    }

    internal static JobDto ToDto(JobInfo j) => new(
        j.Id, j.Status.ToString().ToLowerInvariant(), j.RowsDone, j.RowsTotal,
        j.Status is JobStatus.Done or JobStatus.Expired ? 1.0 : j.RowsTotal is > 0 ? Math.Round((double)j.RowsDone / j.RowsTotal.Value, 4) : 0,
        j.Matches, j.BadRows, j.Created, j.Finished, j.Error, j.Owner)
    {
        Kind = j.Kind.ToString().ToLowerInvariant(),
        Summary = j.Summary is { } s ? Json(s) : null,
    };

    private static System.Text.Json.JsonElement Json(string text)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
