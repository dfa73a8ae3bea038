using Interdict.Store;

namespace Interdict.App.Server;

/// <summary>
/// One open store for the read endpoints (entities, lists, programs, history). Opening a store migrates the schema
/// and refreshes built-in program names, which is start-up work, not per-request work; a store instance is not
/// thread-safe, so requests take turns on it (these reads take milliseconds).
/// </summary>
public sealed class ReadStore : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lazy<IListStore> _store;

    public ReadStore(DbPath db) => _store = new Lazy<IListStore>(() => StoreFactory.Open(db.Path));

    public Lease Take()
    {
        _turn.Wait();
        try
        {
            return new Lease(_store.Value, _turn);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }

        _turn.Dispose();
    }

    /// <summary>The store for the duration of one request; disposing it hands the store to the next request.</summary>
    public readonly struct Lease(IListStore store, SemaphoreSlim turn) : IDisposable
    {
        public IListStore Store { get; } = store;

        public void Dispose() => turn.Release();
    }
}
