using System.Text;
using Interdict.App.Commands;
using Interdict.Screening.Portfolio;
using Interdict.Store;
using Interdict.Store.Operations;
using Interdict.Store.Portfolio;

namespace Interdict.App.Server;

/// <summary>Portfolio monitoring over HTTP: upload customers, re-screen (admin), list alerts, decide them (audited).</summary>
internal static class PortfolioEndpoints
{
    // One portfolio change at a time: an import and a re-screen must not interleave their alert updates.
    internal static readonly SemaphoreSlim Gate = new(1, 1);

    public sealed record DecisionRequest(string Decision, string Reason, string? Analyst);

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Portfolio monitoring");

        api.MapGet("/alerts", (DbPath db, string? status, string? list, string? program, double? minScore, string? customer, int? limit) =>
        {
            using var portfolio = PortfolioStore.Open(db.Path);
            var alerts = portfolio.Alerts(new AlertFilter { Status = status, List = list, Program = program, MinScore = minScore, Customer = customer, Limit = Math.Clamp(limit ?? 200, 1, 10000) });
            var json = "[" + string.Join(",", alerts.Select(a => PortfolioCli.ToJson(a, portfolio.Decisions(a.Id)))) + "]";
            return Results.Text(json, "application/json", Encoding.UTF8);
        }).WithSummary("Portfolio alerts with their explanations and decisions; filters: status (open, closed, ...), list, program, minScore, customer.");

        api.MapPost("/alerts/{id:long}/decisions", (long id, DecisionRequest body, DbPath db, IOperationsStore ops, HttpContext ctx) =>
        {
            if (!AlertStatus.Decisions.Contains(body.Decision))
            {
                throw new FormatException("decision must be true-match, false-positive or escalate");
            }

            InputLimits.Reason(body.Reason, "reason");
            InputLimits.Field(body.Analyst, "analyst");

            // The analyst is the caller's key unless the client names the person reviewing under a shared key.
            var analyst = string.IsNullOrWhiteSpace(body.Analyst) ? ApiKeyAuth.CallerOf(ctx)?.Name ?? "anonymous" : body.Analyst;
            using var portfolio = PortfolioStore.Open(db.Path);
            _ = portfolio.GetAlert(id) ?? throw new KeyNotFoundException($"no alert {id}");
            PortfolioCli.Decide(portfolio, ops, id, body.Decision, body.Reason ?? "", analyst, "api");
            return Results.Text(PortfolioCli.ToJson(portfolio.GetAlert(id)!, portfolio.Decisions(id)), "application/json", Encoding.UTF8, 201);
        }).DisableAntiforgery().WithSummary("Decide an alert: true-match, false-positive (suppresses the pair until either side changes) or escalate; append-only and audited.");

        api.MapPost("/portfolio", async (HttpRequest request, bool? replace, bool? confirmEmpty, JobRunner runner, HttpContext ctx) =>
        {
            // A million customers take minutes to screen: the upload is checked and stored now, the import runs as a
            // job (off the request threads, so reads stay answered), and its status URL gives progress and the report.
            var body = await CsvUpload.OpenAsync(request, ctx.RequestAborted).ConfigureAwait(false);
            var caller = ApiKeyAuth.CallerOf(ctx)?.Name ?? "anonymous";
            var job = await runner.SubmitPortfolioAsync(body, caller, replace ?? false, confirmEmpty ?? false, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Accepted($"/api/jobs/{job.Id}", JobEndpoints.ToDto(job));
        }).DisableAntiforgery().Accepts<string>(CsvUpload.ContentTypes[0], CsvUpload.ContentTypes[1..]).RequireAdmin().Produces<JobEndpoints.JobDto>(202).ProducesProblem(400)
            .WithSummary("Upload the portfolio (CSV id,name,type,dob,country; ?replace=true removes absent customers, and an empty replace needs &confirmEmpty=true) (admin). Answers 202 with a job: GET its Location for progress and, when done, the import's report (`summary`).");

        api.MapPost("/portfolio/rescreen", async (DbPath db, bool? full, HttpContext ctx) =>
        {
            await Gate.WaitAsync(ctx.RequestAborted).ConfigureAwait(false);
            try
            {
                using var store = StoreFactory.Open(db.Path);
                using var portfolio = PortfolioStore.Open(db.Path);
                return Results.Ok(Dto(new PortfolioMonitor(store, portfolio) { MaxParallelism = JobRunner.BackgroundParallelism }.Rescreen(null, full ?? false)));
            }
            finally
            {
                Gate.Release();
            }
        }).RequireAdmin().WithSummary("Re-screen the portfolio against the list changes since its last screening (?full=true: everything) (admin).");
    }

    /// <summary>After the scheduled refresh imported a publication: re-screen the portfolio by its changes, when there is one.</summary>
    public static void RescreenAfterRefresh(string dbPath)
    {
        Gate.Wait();
        try
        {
            using var portfolio = PortfolioStore.Open(dbPath);
            if (portfolio.CustomerCount > 0)
            {
                using var store = StoreFactory.Open(dbPath);
                new PortfolioMonitor(store, portfolio) { MaxParallelism = JobRunner.BackgroundParallelism }.Rescreen();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>What a finished portfolio import reports (a portfolio job's <c>summary</c>).</summary>
    internal static object Summary(PortfolioImportReport report) => new
    {
        rows = report.Rows,
        changed = report.Changed,
        unchanged = report.Unchanged,
        removed = report.Removed,
        list_delta = report.ListDelta is { } d ? Dto(d) : null,
        customer_screening = Dto(report.CustomerScreening),
    };

    private static object Dto(RescreenReport r) => new
    {
        full = r.Full,
        customers = r.Customers,
        entries_screened = r.EntriesScreened,
        entries_removed = r.EntriesRemoved,
        raised = r.Raised,
        reevaluated = r.Reevaluated,
        closed = r.Closed,
        active_alerts = r.ActiveAlerts,
        snapshots = r.Snapshots,
        seconds = Math.Round(r.Elapsed.TotalSeconds, 3),
    };
}
