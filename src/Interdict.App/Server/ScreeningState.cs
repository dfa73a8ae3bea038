using System.Collections.Concurrent;
using Interdict.Screening;
using Interdict.Store;

namespace Interdict.App.Server;

/// <summary>
/// The screener the server answers with. It is built in the background at start-up (/readyz says when) and swapped
/// atomically after an import, so requests never see a half-built index. Past dates get their own screeners, cached.
/// </summary>
public sealed class ScreeningState
{
    private readonly Func<IListStore> _openStore;
    private readonly ConcurrentDictionary<string, Lazy<Screener>> _asOf = new(StringComparer.Ordinal);
    private volatile Screener? _current;
    private volatile string? _loadError;

    public ScreeningState(Func<IListStore> openStore) => _openStore = openStore;

    public bool Ready => _current is not null;

    public string? LoadError => _loadError;

    public DateTimeOffset? LoadedAt { get; private set; }

    public Screener Current => _current ?? throw new ServiceNotReadyException();

    public void Load()
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
            LoadedAt = DateTimeOffset.UtcNow;
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
