using System.Collections.Concurrent;
using Interdict.Sources.Refresh;
using Microsoft.Extensions.Time.Testing;

namespace Interdict.Tests.Sources.Refresh;

/// <summary>The scheduled refresh on a fake clock, against the loopback server.</summary>
public class RefreshSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Off_by_default_the_loop_returns_at_once_and_downloads_nothing()
    {
        using var h = new RefreshHarness();
        using var refresher = h.Refresher();
        var log = new ConcurrentQueue<string>();
        var scheduler = new RefreshScheduler(refresher, h.Status, h.Sources, log: log.Enqueue);

        await scheduler.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(scheduler.Interval);
        Assert.Equal(["scheduled refresh is off (no interval configured)"], log);
        Assert.Equal(0, h.Server.Hits(RefreshHarness.UnPath));
    }

    [Fact]
    public async Task Due_lists_are_refreshed_the_callback_runs_after_an_import_and_next_runs_are_recorded()
    {
        using var h = new RefreshHarness();
        h.Options = h.Options with { Interval = TimeSpan.FromHours(6), RetryAfterFailure = TimeSpan.FromMinutes(30) };
        var time = new FakeTimeProvider(Start);
        using var refresher = h.Refresher(time);
        var reloads = new List<IReadOnlyList<RefreshOutcome>>();
        var scheduler = new RefreshScheduler(
            refresher, h.Status, h.Sources, (o, _) =>
            {
                reloads.Add(o);
                return Task.CompletedTask;
            },
            time: time);
        h.ImportUnBaseline();
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");

        // Never refreshed: due at once. Imported: the callback runs, next run in 6 h.
        var first = await scheduler.RunDueAsync(TimeSpan.FromHours(6), CancellationToken.None);
        Assert.Equal(RefreshResult.Imported, Assert.Single(first).Result);
        Assert.Single(reloads);
        Assert.Equal(Start.AddHours(6), h.Status.Get("un-sc")!.NextRun);

        // Not yet due: nothing is downloaded.
        time.Advance(TimeSpan.FromHours(5));
        Assert.Empty(await scheduler.RunDueAsync(TimeSpan.FromHours(6), CancellationToken.None));
        Assert.Equal(1, h.Server.Hits(RefreshHarness.UnPath));

        // Due, unchanged: no callback.
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(RefreshResult.Unchanged, Assert.Single(await scheduler.RunDueAsync(TimeSpan.FromHours(6), CancellationToken.None)).Result);
        Assert.Single(reloads);
        Assert.Equal(Start.AddHours(12), h.Status.Get("un-sc")!.NextRun);

        // Due, failing: no callback, retried after 30 min rather than 6 h, snapshot kept.
        time.Advance(TimeSpan.FromHours(6));
        h.Server.Status(RefreshHarness.UnPath, 503);
        var failed = Assert.Single(await scheduler.RunDueAsync(TimeSpan.FromHours(6), CancellationToken.None));
        Assert.Equal(RefreshResult.Failed, failed.Result);
        Assert.StartsWith("consolidated.xml: HTTP 503 (Service Unavailable)", failed.Message, StringComparison.Ordinal);
        Assert.Single(reloads);
        var status = h.Status.Get("un-sc")!;
        Assert.Equal(Start.AddHours(12).AddMinutes(30), status.NextRun);
        Assert.Equal(Start.AddHours(12), status.LastAttempt);
        Assert.Equal(Start.AddHours(6), status.LastSuccess);
        Assert.Equal(1003, h.Store.SnapshotAt("un-sc")!.EntityCount);
    }

    [Fact]
    public async Task The_loop_survives_a_failing_callback_and_failing_downloads_and_stops_on_cancellation()
    {
        using var h = new RefreshHarness();
        h.Options = h.Options with { Interval = TimeSpan.FromHours(1), RetryAfterFailure = TimeSpan.FromMinutes(10) };
        var time = new FakeTimeProvider(Start);
        using var refresher = h.Refresher(time);
        var log = new ConcurrentQueue<string>();
        var cycles = new BlockingCollection<IReadOnlyList<RefreshOutcome>>();
        var scheduler = new RefreshScheduler(
            refresher, h.Status, h.Sources, (_, _) => throw new InvalidOperationException("index reload broke"), log.Enqueue, time);
        scheduler.CycleCompleted += cycles.Add;
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");
        using var cts = new CancellationTokenSource();

        var loop = scheduler.RunAsync(cts.Token);

        // First cycle at once: imported, the callback throws, the loop goes on.
        var first = NextCycle(cycles, time);
        Assert.Equal(RefreshResult.Imported, Assert.Single(first).Result);
        Assert.Contains("after-import callback failed: InvalidOperationException: index reload broke", log);

        // The publisher fails: the cycle fails, the loop goes on and retries 10 min later.
        h.Server.Status(RefreshHarness.UnPath, 500);
        var second = NextCycle(cycles, time);
        Assert.Equal(RefreshResult.Failed, Assert.Single(second).Result);
        Assert.False(loop.IsCompleted);
        var retryAt = h.Status.Get("un-sc")!.NextRun!.Value;
        Assert.Equal(TimeSpan.FromMinutes(10), retryAt - h.Status.Get("un-sc")!.LastAttempt!.Value);

        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");
        var third = NextCycle(cycles, time);
        Assert.Equal(RefreshResult.Unchanged, Assert.Single(third).Result);

        await cts.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(loop.IsCompletedSuccessfully);
        Assert.Single(h.Store.Snapshots("un-sc"));
    }

    /// <summary>Moves the fake clock on in small steps until the loop wakes and completes a cycle.</summary>
    private static IReadOnlyList<RefreshOutcome> NextCycle(BlockingCollection<IReadOnlyList<RefreshOutcome>> cycles, FakeTimeProvider time)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (cycles.TryTake(out var cycle, TimeSpan.FromMilliseconds(50)))
            {
                return cycle;
            }

            time.Advance(TimeSpan.FromMinutes(5));
        }

        throw new TimeoutException("the scheduler did not complete a cycle");
    }
}
