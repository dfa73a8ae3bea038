using System.Collections.Concurrent;
using Interdict.Model;
using Interdict.Screening;
using Interdict.Store;

namespace Interdict.App.Server;

/// <summary>
/// The screener the server answers with. It is built in the background at start-up (/readyz says when) and swapped
/// atomically when the database's current snapshots change (whoever imported them: this server's refresh, the API,
/// or a CLI import into the same database; <see cref="ListWatcher"/> notices), so requests never see a half-built
/// index and never a stale one for longer than one poll and one build. Past dates get their own screeners, cached.
/// </summary>
public sealed class ScreeningState
{
    private readonly Func<IListStore> _openStore;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Lazy<Screener>> _asOf = new(StringComparer.Ordinal);
    private readonly Lock _loading = new();
    private volatile Screener? _current;
    private volatile string? _loadError;

    public ScreeningState(Func<IListStore> openStore, TimeProvider? time = null)
    {
        _openStore = openStore;
        _time = time ?? TimeProvider.System;
    }

    public bool Ready => _current is not null;

    public string? LoadError => _loadError;

    public DateTimeOffset? LoadedAt { get; private set; }

    public Screener Current => _current ?? throw new ServiceNotReadyException();

    /// <summary>The current snapshots of the loaded screener as one comparable value (see <see cref="VersionOf"/>).</summary>
    public string? LoadedVersion => _current is { } c ? VersionOf(c.Snapshots) : null;

    /// <summary>
    /// Which snapshots are current, as one value: any import, back-fill or removal that changes a list's current
    /// snapshot changes it. Ids are never reused, so equal values mean the same lists.
    /// </summary>
    public static string VersionOf(IEnumerable<ListSnapshot> current) =>
        string.Join(",", current.OrderBy(s => s.ListId, StringComparer.Ordinal).Select(s => s.ListId + ":" + s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The version of the database's current snapshots now (a cheap query, polled by <see cref="ListWatcher"/>).</summary>
    public string StoredVersion()
    {
        using var store = _openStore();
        return VersionOf(store.Lists().Select(l => l.Current).OfType<ListSnapshot>());
    }

    /// <summary>Builds a new screener from the database's current snapshots and swaps it in; requests keep the old one meanwhile.</summary>
    public void Load()
    {
        // One build at a time: a refresh and the watcher noticing the same import would otherwise build it twice.
        lock (_loading)
        {
            LoadLocked();
        }
    }

    /// <summary>Loads only when the database's current snapshots differ from the loaded ones; true when it did.</summary>
    public bool ReloadIfChanged()
    {
        lock (_loading)
        {
            if (_current is not null && StoredVersion() == LoadedVersion)
            {
                return false;
            }

            LoadLocked();
            return true;
        }
    }

    private void LoadLocked()
    {
        try
        {
            using var store = _openStore();
            var s = Screener.Load(store);
            if (_current is null)
            {
                // Only before the first answer: a reload keeps serving from the old screener meanwhile.
                s.WarmUp(TimeSpan.FromSeconds(1));
            }

            _current = s;
            _asOf.Clear();
            LoadedAt = _time.GetUtcNow();
            _loadError = null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            _loadError = ex.Message;
            throw;
        }
    }

    /// <summary>The screener for a past date (the lists as they stood then), or the current one.</summary>
    public Screener At(DateTimeOffset? asOf)
    {
        if (asOf is null)
        {
            return Current;
        }

        var key = asOf.Value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (_asOf.Count > 16)
        {
            _asOf.Clear();
        }

        var lazy = _asOf.GetOrAdd(key, _ => new Lazy<Screener>(() =>
        {
            using var store = _openStore();
            return Screener.Load(store, asOf);
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _asOf.TryRemove(key, out _);
            throw;
        }
    }
}

public sealed class ServiceNotReadyException : Exception
{
    public ServiceNotReadyException()
        : base("the screening index is still loading; retry in a moment")
    {
    }

    public ServiceNotReadyException(string message)
        : base(message)
    {
    }

    public ServiceNotReadyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
