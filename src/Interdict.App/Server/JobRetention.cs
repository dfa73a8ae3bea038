using System.Globalization;
using Interdict.Store.Operations;

namespace Interdict.App.Server;

/// <summary>
/// Deletes the input and results of jobs that finished longer ago than <see cref="ServerOptions.JobRetention"/>
/// (7 days unless `serve --job-retention`): uploads are customer data and are kept no longer than their results are
/// useful. The job's record stays, with status "expired", so its owner learns why the results are gone (410).
/// </summary>
internal sealed class JobRetention(IOperationsStore ops, ServerOptions options, TimeProvider clock, ILogger<JobRetention> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var expired = ops.ExpireJobs(clock.GetUtcNow() - options.JobRetention);
            if (expired.Count > 0)
            {
                Log.Expired(log, expired.Count);
            }

            await Task.Delay(options.JobSweepInterval, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>A retention in words: "7 days", "2 seconds".</summary>
    public static string Describe(TimeSpan t) =>
        t.TotalDays >= 1 && t.TotalDays == Math.Floor(t.TotalDays) ? Plural(t.TotalDays, "day")
        : t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? Plural(t.TotalHours, "hour")
        : t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) ? Plural(t.TotalMinutes, "minute")
        : Plural(Math.Round(t.TotalSeconds, 3), "second");

    private static string Plural(double n, string unit) => n.ToString("0.###", CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? "" : "s");
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "expired {Count} finished jobs past the retention")]
    public static partial void Expired(ILogger logger, int count);
}
