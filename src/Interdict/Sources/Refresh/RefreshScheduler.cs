namespace Interdict.Sources.Refresh;

/// <summary>
/// The scheduled refresh inside <c>serve</c>: refreshes each enabled list when it is due, records when it is next
/// due, and calls back after every cycle that imported something (the server reloads its index then). Off unless
/// <see cref="RefreshOptions.Interval"/> is set. Nothing escapes the loop but cancellation: a failed download, a
/// broken callback or a store error is logged and the loop waits for the next run, so <c>serve</c> keeps answering
/// from the snapshot it has.
/// </summary>
/// <remarks>
/// A list is due at its recorded next run, or at once when it has none. After a success the next run is one interval
/// after the cycle started; after a failure it is <see cref="RefreshOptions.RetryAfterFailure"/> later (or the interval, if shorter).
/// Wrap <see cref="RunAsync"/> in a BackgroundService to host it.
/// </remarks>
public sealed class RefreshScheduler
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);

    private readonly ListRefresher _refresher;
    private readonly RefreshStatusStore _status;
    private readonly SourceRegistry _sources;
    private readonly Func<IReadOnlyList<RefreshOutcome>, CancellationToken, Task>? _onImported;
    private readonly Action<string> _log;
    private readonly TimeProvider _time;

    /// <param name="onImported">Called with the cycle's outcomes after a cycle that imported at least one list.</param>
    /// <param name="log">Receives one line per list and cycle, and any error the loop swallowed.</param>
    public RefreshScheduler(
        ListRefresher refresher,
        RefreshStatusStore status,
        SourceRegistry sources,
        Func<IReadOnlyList<RefreshOutcome>, CancellationToken, Task>? onImported = null,
        Action<string>? log = null,
        TimeProvider? time = null)
    {
        _refresher = refresher ?? throw new ArgumentNullException(nameof(refresher));
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
        _onImported = onImported;
        _log = log ?? (_ => { });
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan? Interval => _refresher.Options.Interval;

    /// <summary>Raised after every cycle (also when nothing was due to change), with its outcomes.</summary>
    public event Action<IReadOnlyList<RefreshOutcome>>? CycleCompleted;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; returns at once when the schedule is off.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interval is not { } interval || interval <= TimeSpan.Zero)
        {
            _log("scheduled refresh is off (no interval configured)");
            return;
        }

        _log($"scheduled refresh every {SourceDownloader.FormatDuration(interval)} for {string.Join(", ", _sources.Enabled.Select(s => s.ListId))}");
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await RunDueAsync(interval, cancellationToken).ConfigureAwait(false);
                wait = UntilNextDue(interval);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive any single failure; the error is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log($"scheduled refresh failed: {ex.GetType().Name}: {ex.Message}");
                wait = Min(interval, _refresher.Options.RetryAfterFailure);
            }

            try
            {
                await Task.Delay(wait < MinimumWait ? MinimumWait : wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Refreshes the lists that are due now, once; what <see cref="RunAsync"/> does on each wake-up.</summary>
    public async Task<IReadOnlyList<RefreshOutcome>> RunDueAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = _sources.Enabled.Where(s => (_status.Get(s.ListId)?.NextRun ?? now) <= now).ToList();
        var outcomes = new List<RefreshOutcome>(due.Count);
        foreach (var source in due)
        {
            RefreshOutcome outcome;
            try
            {
                outcome = await _refresher.RefreshAsync(source, force: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One list's unexpected error must not starve the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log($"{source.ListId}: refresh failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
                outcome = new RefreshOutcome(source.ListId, RefreshResult.Failed, ex.Message, null, null, []);
            }

            outcomes.Add(outcome);
            // Anchored to the cycle's start, so a slow download does not make the schedule drift.
            _status.SetNextRun(source.ListId, now + (outcome.Succeeded ? interval : Min(interval, _refresher.Options.RetryAfterFailure)));
            _log($"{source.ListId}: {outcome.Result.ToString().ToLowerInvariant()}: {outcome.Message}");
        }

        if (_onImported is not null && outcomes.Any(o => o.Result == RefreshResult.Imported))
        {
            try
            {
                await _onImported(outcomes, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A failed index reload leaves the old index serving; the next import tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log($"after-import callback failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        CycleCompleted?.Invoke(outcomes);
        return outcomes;
    }

    private TimeSpan UntilNextDue(TimeSpan interval)
    {
        var now = _time.GetUtcNow();
        var next = _sources.Enabled.Select(s => _status.Get(s.ListId)?.NextRun ?? now).DefaultIfEmpty(now + interval).Min();
        return next - now;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
