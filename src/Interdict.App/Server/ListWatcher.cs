using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Interdict.App.Server;

/// <summary>
/// Notices new snapshots in the server's database whoever wrote them (a CLI <c>import</c> or <c>update</c>, another
/// process's refresh) and has <see cref="ScreeningState"/> rebuild and swap its index. Without it a server went on
/// screening against the lists it started with while <c>/api/lists</c> already showed the new publication.
/// It polls a cheap query (the ids of each list's current snapshot) rather than the file's modification time, which
/// audit and alert writes change too and which does not exist for a database server.
/// </summary>
public sealed partial class ListWatcher : BackgroundService
{
    private readonly ScreeningState _state;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<ListWatcher> _logger;

    public ListWatcher(ScreeningState state, TimeSpan interval, TimeProvider time, ILogger<ListWatcher> logger)
    {
        _state = state;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Until the start-up build has finished there is nothing to compare with; that build reads the newest anyway.
                if (!_state.Ready)
                {
                    continue;
                }

                var before = _state.LoadedVersion;
                try
                {
                    // The build runs here, on the watcher's thread: requests keep the old index until the swap.
                    if (_state.ReloadIfChanged())
                    {
                        LogReloaded(before ?? "", _state.LoadedVersion ?? "");
                    }
                }
#pragma warning disable CA1031 // A failed poll or build (database busy, a bad row) must not stop the watching; the old index keeps serving.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogFailed(ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "new list snapshots in the database: index rebuilt ({Before} -> {After})")]
    private partial void LogReloaded(string before, string after);

    [LoggerMessage(Level = LogLevel.Error, Message = "checking the database for new list snapshots failed; still screening against the loaded ones: {Error}")]
    private partial void LogFailed(string error);
}
