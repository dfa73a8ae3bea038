using System.Text;
using System.Threading.Channels;
using Interdict.Matching;
using Interdict.Screening;
using Interdict.Store.Operations;

namespace Interdict.App.Server;

/// <summary>
/// Runs uploaded batch files one at a time in the background. Jobs are persisted: after a restart, jobs that were
/// queued or running are run again from the start (their output is rewritten), so no upload is ever lost.
/// </summary>
public sealed class JobRunner : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly OperationsStore _ops;
    private readonly ScreeningState _state;
    private readonly AuditWriter _audit;
    private readonly string _dir;

    public JobRunner(OperationsStore ops, ScreeningState state, AuditWriter audit, DbPath db)
    {
        _ops = ops;
        _state = state;
        _audit = audit;
        _dir = OperationsStore.JobsDirectory(db.Path);
        Directory.CreateDirectory(_dir);
    }

    public async Task<JobInfo> SubmitAsync(Stream csv, string owner, double threshold, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        var input = Path.Combine(_dir, id + ".csv");
        var output = Path.Combine(_dir, id + ".jsonl");
        await using (var f = File.Create(input))
        {
            await csv.CopyToAsync(f, ct).ConfigureAwait(false);
        }

        if (new FileInfo(input).Length == 0)
        {
            File.Delete(input);
            throw new FormatException("the uploaded file is empty (expected a CSV with header id,name,type,dob,country)");
        }

        _ops.CreateJob(id, owner, threshold, input, output);
        await _queue.Writer.WriteAsync(id, ct).ConfigureAwait(false);
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

        var (input, output) = _ops.JobFiles(id);
        var total = CountRows(input);
        _ops.UpdateJob(id, JobStatus.Running, 0, 0, 0, total);
        var screener = _state.Current;
        long matches = 0, bad = 0;
        try
        {
            using var reader = new StreamReader(input, new UTF8Encoding(false, true));
            using var outStream = File.Create(output);
            var options = new ScreeningOptions { Threshold = job.Threshold, Limit = 10 };
            var summary = BatchScreening.Run(screener, reader, outStream, options, $"job {id}",
                _ => Interlocked.Increment(ref bad),
                rows => _ops.UpdateJob(id, JobStatus.Running, rows, matches, Interlocked.Read(ref bad), total),
                includeExplanation: true, exhaustive: false, ct);
            matches = summary.Matches;
            _ops.UpdateJob(id, JobStatus.Done, summary.Rows, summary.Matches, summary.BadRows, summary.Rows);
            _audit.Record(job.Owner, "batch-job", new { job = id, rows = summary.Rows, file = Path.GetFileName(input) }, screener, job.Threshold, []);
            HealthEndpoints.Screenings.WithLabels("batch-job").Inc(summary.Screened);
            HealthEndpoints.MatchesReturned.WithLabels("batch-job").Inc(summary.Matches);
        }
        catch (OperationCanceledException)
        {
            _ops.UpdateJob(id, JobStatus.Interrupted, 0, 0, 0, total, "the server stopped while the job ran; it will run again at the next start");
        }
        catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException or IOException or CsvHelper.CsvFormatException)
        {
            _ops.UpdateJob(id, JobStatus.Failed, 0, 0, bad, total, ex.Message);
        }
    }

    private static long CountRows(string path)
    {
        long n = 0;
        foreach (var _ in File.ReadLines(path))
        {
            n++;
        }

        return Math.Max(0, n - 1);
    }
}
