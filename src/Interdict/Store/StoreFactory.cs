using Interdict.Store.Sqlite;

namespace Interdict.Store;

/// <summary>Opens the store a path or connection string names.</summary>
public static class StoreFactory
{
    /// <summary>A file path opens (and creates) an embedded SQLite database.</summary>
    public static IListStore Open(string location) => SqliteListStore.Open(location);
}
