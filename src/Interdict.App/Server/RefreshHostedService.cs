using Interdict.Sources.Refresh;
using Interdict.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Interdict.App.Server;

/// <summary>
/// Runs the scheduled list refresh inside <c>serve</c>. It opens its own store (a store instance is not thread-safe,
/// and the refresh must not block screening reads) and calls <c>onImported</c> after a cycle that imported a list,
/// where the server reloads its index. Off unless an interval is configured (interdict.sources.json "refresh.interval",
/// $INTERDICT_REFRESH_INTERVAL, or <c>intervalOverride</c> from a serve option).
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddHostedService(sp => new RefreshHostedService(
///     options.DbPath, () => StoreFactory.Open(options.DbPath),
///     (_, _) => { sp.GetRequiredService&lt;ScreeningState&gt;().Load(); return Task.CompletedTask; },
///     sp.GetRequiredService&lt;ILogger&lt;RefreshHostedService&gt;&gt;()));
/// </code>
/// </example>
public sealed partial class RefreshHostedService : BackgroundService
{
    private readonly string _databasePath;
    private readonly Func<IListStore> _openStore;
    private readonly Func<IReadOnlyList<RefreshOutcome>, CancellationToken, Task> _onImported;
    private readonly ILogger<RefreshHostedService> _logger;
    private readonly TimeSpan? _intervalOverride;
    private readonly TimeProvider _time;

    public RefreshHostedService(
        string databasePath,
        Func<IListStore> openStore,
        Func<IReadOnlyList<RefreshOutcome>, CancellationToken, Task> onImported,
        ILogger<RefreshHostedService> logger,
        TimeSpan? intervalOverride = null,
        TimeProvider? time = null)
    {
        _databasePath = databasePath;
        _openStore = openStore;
        _onImported = onImported;
        _logger = logger;
        _intervalOverride = intervalOverride;
        _time = time ?? TimeProvider.System;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Host start-up must not wait for the first download.
        await Task.Yield();
        RefreshConfiguration config;
        try
        {
            config = SourceRegistry.Load(_databasePath);
        }
        catch (FormatException ex)
        {
            LogConfigError(ex.Message);
            return;
        }

        var options = _intervalOverride is { } i ? config.Options with { Interval = i } : config.Options;
        if (options.Interval is null)
        {
            LogOff();
            return;
        }

        using var store = _openStore();
        using var status = new RefreshStatusStore(_databasePath);
        using var refresher = new ListRefresher(store, status, config.Sources, options, time: _time);
        var scheduler = new RefreshScheduler(refresher, status, config.Sources, _onImported, LogCycle, _time);
        await scheduler.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "list refresh disabled: {Error}")]
    private partial void LogConfigError(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled list refresh is off (set refresh.interval in interdict.sources.json or INTERDICT_REFRESH_INTERVAL)")]
    private partial void LogOff();

    [LoggerMessage(Level = LogLevel.Information, Message = "list refresh: {Line}")]
    private partial void LogCycle(string line);
}
