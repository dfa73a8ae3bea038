using Interdict.Store.Operations;
using Interdict.Store.Sqlite;

namespace Interdict.Store;

/// <summary>Opens the store a path or connection string names.</summary>
public static class StoreFactory
{
    /// <summary>A file path opens (and creates) an embedded SQLite database.</summary>
    public static IListStore Open(string location) => SqliteListStore.Open(location);

    /// <summary>
    /// The operations store at the same location: a file path opens it in that SQLite file, beside the lists. (The
    /// PostgreSQL backend exists, <see cref="Postgres.PostgresOperationsStore"/>, but no location selects it yet: #11.)
    /// </summary>
    public static IOperationsStore OpenOperations(string location, TimeProvider clock) => SqliteOperationsStore.Open(location, clock);
}
