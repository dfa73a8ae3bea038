using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Interdict.Matching;
using Interdict.Screening;
using Interdict.Screening.Portfolio;
using Interdict.Store;
using Interdict.Store.Operations;
using Interdict.Store.Portfolio;

namespace Interdict.App.Server;

/// <summary>
/// Runs uploaded batch files and portfolio imports one at a time in the background, off the request threads. Jobs are
/// persisted with their data in the operations store: after a restart, jobs that were queued or running are run again
/// from the start (their output is rewritten), so no accepted upload is ever lost, and no rejected one is ever kept.
/// </summary>
public sealed class JobRunner : BackgroundService
{
    /// <summary>Threads a background screening may use: all cores but one, which stays with the request threads.</summary>
    internal static int BackgroundParallelism => Math.Max(1, Environment.ProcessorCount - 1);

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly IOperationsStore _ops;
    private readonly ScreeningState _state;
    private readonly AuditWriter _audit;
    private readonly string _dbPath;

    public JobRunner(IOperationsStore ops, ScreeningState state, AuditWriter audit, DbPath db)
    {
        _ops = ops;
        _state = state;
        _audit = audit;
        _dbPath = db.Path;

        // Built before the server accepts requests, so any data without a job is the remainder of an upload a crash cut off.
        _ops.DeleteOrphanJobData();
    }

    /// <summary>A batch file to screen: checked (<see cref="CsvLimits"/>) and stored, then queued.</summary>
    public Task<JobInfo> SubmitBatchAsync(Stream csv, string owner, double threshold, CancellationToken ct) =>
        SubmitAsync(csv, owner, JobKind.Batch, threshold, null, id => CsvLimits.CheckBatch(new JobDataReadStream(_ops, id, JobPart.Input)), ct);

    /// <summary>
    /// A portfolio upload to import: checked whole (a bad row is refused now, with its line), stored, then queued. An
    /// upload of no customers with <paramref name="replace"/> would empty the portfolio, so it needs <paramref name="confirmEmpty"/>.
    /// </summary>
    public Task<JobInfo> SubmitPortfolioAsync(Stream csv, string owner, bool replace, bool confirmEmpty, CancellationToken ct) =>
        SubmitAsync(csv, owner, JobKind.Portfolio, ScreeningOptions.DefaultThreshold, JsonSerializer.Serialize(new PortfolioOptions(replace, confirmEmpty), ServerJson.Options), id =>
        {
            var rows = CsvLimits.CheckPortfolio(() => new JobDataReadStream(_ops, id, JobPart.Input));
            if (replace && rows == 0 && !confirmEmpty)
            {
                throw new FormatException("the upload holds no customers, and replace=true would remove every customer of the portfolio: to do that, add confirmEmpty=true");
            }

            return rows;
        }, ct);

    private async Task<JobInfo> SubmitAsync(Stream csv, string owner, JobKind kind, double threshold, string? options, Func<string, long> check, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        var stored = false;
        try
        {
            await using (var data = new JobDataWriteStream(_ops, id, JobPart.Input))
            {
                await csv.CopyToAsync(data, ct).ConfigureAwait(false);
                if (data.Length == 0)
                {
                    throw new FormatException("the uploaded file is empty (expected a CSV with header id,name,type,dob,country)");
                }
            }

            // Checking reads the stored copy back, a chunk at a time; a big portfolio takes a few seconds of one core.
            var rows = await Task.Run(() => check(id), ct).ConfigureAwait(false);
            _ops.CreateJob(id, owner, kind, threshold, rows, options);
            stored = true;
        }
        finally
        {
            // Rejected (bad CSV, over a limit), too large (413) or cut off: nothing of the upload stays.
            if (!stored)
            {
                _ops.DeleteJobData(id);
            }
        }

        await _queue.Writer.WriteAsync(id, CancellationToken.None).ConfigureAwait(false);
        return _ops.Job(id)!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var j in _ops.Jobs().Where(j => j.Status is JobStatus.Queued or JobStatus.Running).OrderBy(j => j.Created))
        {
            _ops.UpdateJob(j.Id, JobStatus.Queued, 0, 0, 0);
            await _queue.Writer.WriteAsync(j.Id, stoppingToken).ConfigureAwait(false);
        }

        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            while (!_state.Ready)
            {
                await Task.Delay(100, stoppingToken).ConfigureAwait(false);
            }

            await Task.Run(() => Run(id, stoppingToken), stoppingToken).ConfigureAwait(false);
        }
    }

    private void Run(string id, CancellationToken ct)
    {
        var job = _ops.Job(id);
        if (job is null)
        {
            return;
        }

        var total = job.RowsTotal;
        _ops.UpdateJob(id, JobStatus.Running, 0, 0, 0, total);
        long bad = 0;
        try
        {
            if (job.Kind == JobKind.Portfolio)
            {
                RunPortfolio(job, ct);
                return;
            }

            // A rerun after a restart rewrites the output from the start.
            _ops.DeleteJobData(id, JobPart.Output);
            var screener = _state.Current;
            long matches = 0;
            using var reader = new StreamReader(new JobDataReadStream(_ops, id, JobPart.Input), new UTF8Encoding(false, true));
            BatchSummary summary;
            using (var outStream = new JobDataWriteStream(_ops, id, JobPart.Output))
            {
                var options = new ScreeningOptions { Threshold = job.Threshold, Limit = 10 };
                summary = BatchScreening.Run(screener, reader, outStream, options, $"job {id}",
                    _ => Interlocked.Increment(ref bad),
                    rows => _ops.UpdateJob(id, JobStatus.Running, rows, matches, Interlocked.Read(ref bad), total),
                    includeExplanation: true, exhaustive: false, BackgroundParallelism, ct);
            }

            _ops.UpdateJob(id, JobStatus.Done, summary.Rows, summary.Matches, summary.BadRows, summary.Rows);
            _audit.Record(job.Owner, "batch-job", new { job = id, rows = summary.Rows }, screener, job.Threshold, []);
            HealthEndpoints.Screenings.WithLabels("batch-job").Inc(summary.Screened);
            HealthEndpoints.MatchesReturned.WithLabels("batch-job").Inc(summary.Matches);
        }
        catch (OperationCanceledException)
        {
            _ops.UpdateJob(id, JobStatus.Interrupted, 0, 0, 0, total, "the server stopped while the job ran; it will run again at the next start");
        }
        catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException or IOException or CsvHelper.CsvFormatException or FormatException or InvalidOperationException or System.Data.Common.DbException)
        {
            _ops.UpdateJob(id, JobStatus.Failed, 0, 0, bad, total, ex.Message);
        }
    }

    private void RunPortfolio(JobInfo job, CancellationToken ct)
    {
        var options = JsonSerializer.Deserialize<PortfolioOptions>(job.Options ?? "{}", ServerJson.Options) ?? new PortfolioOptions(false, false);
        var customers = CsvLimits.Customers(new JobDataReadStream(_ops, job.Id, JobPart.Input));
        var total = customers.Count;
        ct.ThrowIfCancellationRequested();

        // One portfolio change at a time (shared with re-screens); the wait shows as "running, 0 rows".
        PortfolioEndpoints.Gate.Wait(ct);
        try
        {
            using var store = StoreFactory.Open(_dbPath);
            using var portfolio = PortfolioStore.Open(_dbPath);
            var before = portfolio.CustomerCount;
            long lastShown = 0;
            var monitor = new PortfolioMonitor(store, portfolio)
            {
                MaxParallelism = BackgroundParallelism,
                OnScreened = done =>
                {
                    // Progress of the screening, the long part; written at most every 1% so the store is not busy with it.
                    if (done - Interlocked.Read(ref lastShown) >= Math.Max(1, total / 100))
                    {
                        Interlocked.Exchange(ref lastShown, done);
                        _ops.UpdateJob(job.Id, JobStatus.Running, done, 0, 0, total);
                    }
                },
            };
            var report = monitor.Import(customers, options.Replace);
            var after = portfolio.CustomerCount;
            var summary = PortfolioEndpoints.Summary(report);
            _ops.SetJobSummary(job.Id, JsonSerializer.Serialize(summary, ServerJson.Options));
            _ops.UpdateJob(job.Id, JobStatus.Done, total, report.CustomerScreening.Raised, 0, total);
            if (options.Replace)
            {
                // Replacing removes customers the upload does not name: who did it and what it did stay on record.
                _audit.Record(job.Owner, "api:portfolio-replace", new { job = job.Id, rows_before = before, rows_after = after, removed = report.Removed, confirm_empty = options.ConfirmEmpty }, _state.Current, ScreeningOptions.DefaultThreshold, []);
            }
        }
        finally
        {
            PortfolioEndpoints.Gate.Release();
        }
    }

    internal sealed record PortfolioOptions(bool Replace, bool ConfirmEmpty);
}
