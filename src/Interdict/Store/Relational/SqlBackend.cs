using System.Data;
using System.Data.Common;

namespace Interdict.Store.Relational;

/// <summary>
/// What differs between the database engines behind the stores, and nothing else: how a connection is opened, how a
/// writer takes the store's lock, and the few statements without a common SQL form. Every store is written once over
/// <see cref="DbConnection"/> with <c>@name</c> parameters (both providers take them); the tables of each engine are its
/// own migration steps (<see cref="SchemaMigrator"/>).
/// </summary>
internal abstract class SqlBackend : IDisposable
{
    /// <summary>The engine's name for messages and <c>/readyz</c>: "SQLite" or "PostgreSQL".</summary>
    public abstract string Engine { get; }

    /// <summary>The database as the user should read it in a message: the file path, or host, port and database (no password).</summary>
    public abstract string Describe { get; }

    /// <summary>An open connection to the database; the caller disposes it (it goes back to the pool).</summary>
    public abstract DbConnection Open();

    /// <summary>
    /// Begins a transaction that holds <paramref name="writeLock"/> until it ends, so writers of one kind serialise across
    /// connections and processes. SQLite has one writer per file anyway (BEGIN IMMEDIATE); PostgreSQL takes a
    /// transaction-scoped advisory lock.
    /// </summary>
    public abstract DbTransaction BeginWrite(DbConnection connection, StoreLock writeLock);

    /// <summary>True when a table of that name exists (stores sharing one database look at each other's tables).</summary>
    public abstract bool TableExists(DbConnection connection, DbTransaction? tx, string table);

    /// <summary>True when <paramref name="error"/> is a unique or primary key violation (a name taken, a row already there).</summary>
    public abstract bool IsUniqueViolation(DbException error);

    /// <summary>Runs one database's migrations: the steps of this engine, recorded in <paramref name="table"/>.</summary>
    public void Migrate(DbConnection connection, string table, string what, IReadOnlyList<string> steps, TimeProvider clock) =>
        SchemaMigrator.Migrate(
            connection, table, $"{Describe}: {what}", () => BeginWrite(connection, StoreLock.Migration),
            steps.Select(sql => (Action<DbTransaction>)(tx => SchemaMigrator.Exec(connection, tx, sql))).ToList(), clock);

    public abstract void Dispose();

    /// <summary>A command on <paramref name="connection"/> in <paramref name="tx"/> with its parameters bound by name.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(cmd, name, value);
        }

        return cmd;
    }

    /// <summary>Binds a value, null as SQL NULL, with its type so that a prepared statement on PostgreSQL knows it.</summary>
    public static DbParameter Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        if (value is not null)
        {
            p.DbType = TypeOf(value.GetType());
        }

        cmd.Parameters.Add(p);
        return p;
    }

    /// <summary>A prepared statement whose parameters are declared by type and set before each execution.</summary>
    public static DbCommand Prepare(DbConnection connection, DbTransaction tx, string sql, params (string Name, DbType Type)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.DbType = type;
            cmd.Parameters.Add(p);
        }

        cmd.Prepare();
        return cmd;
    }

    public static int Execute(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(connection, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, null for none or SQL NULL.</summary>
    public static object? Scalar(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(connection, tx, sql, parameters);
        return cmd.ExecuteScalar() is { } v and not DBNull ? v : null;
    }

    /// <summary>An integer result whichever integer type the engine answers with (SQLite int64, PostgreSQL int4 or int8).</summary>
    public static long? Long(object? value) => value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private static DbType TypeOf(Type t) =>
        t == typeof(long) ? DbType.Int64
        : t == typeof(int) ? DbType.Int32
        : t == typeof(double) ? DbType.Double
        : t == typeof(bool) ? DbType.Boolean
        : t == typeof(byte[]) ? DbType.Binary
        : DbType.String;
}

/// <summary>
/// The write locks of the stores. Each is one advisory lock key on PostgreSQL (fixed numbers: every process must agree);
/// on SQLite every writer takes the file's one write lock, which covers them all.
/// </summary>
internal enum StoreLock : long
{
    /// <summary>Schema migrations of any store.</summary>
    Migration = 7311001,

    /// <summary>List imports and snapshot removals: seqs and snapshot ids are assigned under it.</summary>
    Lists = 7311002,

    /// <summary>Portfolio writes (customers, alerts, decisions, screening state).</summary>
    Portfolio = 7311003,

    /// <summary>The operations store's writes that read before they write (job claims, key creation).</summary>
    Operations = 7311004,
}

/// <summary>The database cannot be reached: the message names where it was looked for and why it failed.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
