using System.Data.Common;
using Interdict.Store.Relational;
using Microsoft.Data.Sqlite;

namespace Interdict.Store.Sqlite;

/// <summary>
/// An embedded SQLite file (WAL mode: readers on other connections and processes proceed while one writer writes). The file
/// is created owner-only; connections are pooled while the backend lives and the pool is cleared when it is disposed, so
/// no handle keeps the file open afterwards.
/// </summary>
internal sealed class SqliteBackend : SqlBackend
{
    private readonly string _connectionString;

    public SqliteBackend(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,

            // A writer waits this long for another process's write to end before it reports the file busy.
            DefaultTimeout = 30,
        }.ToString();
        DatabaseFile.CreateOwnerOnly(Path);
        using var conn = Open();
        SchemaMigrator.Exec(conn, null, "PRAGMA journal_mode = WAL");
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override string Engine => "SQLite";

    public override string Describe => Path;

    public override DbConnection Open()
    {
        var conn = new SqliteConnection(_connectionString);
        try
        {
            conn.Open();
            return conn;
        }
        catch
        {
            conn.Dispose();
            throw;
        }
    }

    // BEGIN IMMEDIATE: the file's write lock from the start, so what a writer reads before it writes cannot go stale.
    public override DbTransaction BeginWrite(DbConnection connection, StoreLock writeLock) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override bool TableExists(DbConnection connection, DbTransaction? tx, string table) =>
        Scalar(connection, tx, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @name", ("@name", table)) is not null;

    // SQLITE_CONSTRAINT (19): this provider reports the primary result code; UNIQUE and PRIMARY KEY are its only kinds here.
    public override bool IsUniqueViolation(DbException error) => error is SqliteException { SqliteErrorCode: 19 };

    public override void Dispose()
    {
        using var conn = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(conn);
    }
}
