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
            var job = await runner.SubmitAsync(body, caller, threshold ?? ScreeningOptions.DefaultThreshold, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Accepted($"/api/jobs/{job.Id}", ToDto(job));
        }).DisableAntiforgery().Produces<JobDto>(202).ProducesProblem(400).WithSummary("Upload a CSV (id,name,type,dob,country) to screen in the background; returns the job.");

        jobs.MapGet("/", (OperationsStore ops) => Results.Ok(ops.Jobs().Select(ToDto))).Produces<IReadOnlyList<JobDto>>().WithSummary("Recent jobs.");

        jobs.MapGet("/{id}", (string id, OperationsStore ops) =>
            ops.Job(id) is { } j ? Results.Ok(ToDto(j)) : throw new KeyNotFoundException($"no job '{id}'")).Produces<JobDto>().ProducesProblem(404).WithSummary("A job's progress.");

        jobs.MapGet("/{id}/results", (string id, OperationsStore ops) =>
        {
            var j = ops.Job(id) ?? throw new KeyNotFoundException($"no job '{id}'");
            if (j.Status != JobStatus.Done)
            {
                return Results.Problem(title: "Not finished", detail: $"job {id} is {j.Status.ToString().ToLowerInvariant()}", statusCode: 409);
            }

            var (_, output) = ops.JobFiles(id);
            return Results.File(output, "application/x-ndjson", $"interdict-{id}.jsonl");
        }).Produces(200, contentType: "application/x-ndjson").ProducesProblem(404).WithSummary("The results as JSON lines, in the `screen` output format.");
    }

    public sealed record JobDto(string Id, string Status, long RowsDone, long? RowsTotal, double Progress, long Matches, long BadRows, DateTimeOffset Created, DateTimeOffset? Finished, string? Error, string Owner);

    private static JobDto ToDto(JobInfo j) => new(
        j.Id, j.Status.ToString().ToLowerInvariant(), j.RowsDone, j.RowsTotal,
        j.Status == JobStatus.Done ? 1.0 : j.RowsTotal is > 0 ? Math.Round((double)j.RowsDone / j.RowsTotal.Value, 4) : 0,
        j.Matches, j.BadRows, j.Created, j.Finished, j.Error, j.Owner);
}
