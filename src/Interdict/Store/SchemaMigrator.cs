using System.Data.Common;

namespace Interdict.Store;

/// <summary>
/// The versioned migration runner every backend shares; a backend brings its SQL (the steps) and its way of taking the
/// write lock. A database records the steps applied in a table of its own; step N moves it from version N-1 to N.
/// Each step runs in its own transaction with the version it reaches, so a crash leaves a whole version, and two
/// processes opening one database at once apply each step once (the second waits for the lock, then finds it done).
/// </summary>
internal static class SchemaMigrator
{
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="table">The version table (one per store, since stores may share a database).</param>
    /// <param name="location">The database as the user named it, for the refusal message.</param>
    /// <param name="begin">Begins a transaction that holds the backend's write lock until it ends.</param>
    /// <param name="steps">Append only: a released step is never edited, a change is a new step.</param>
    /// <param name="clock">Stamps when each step was applied.</param>
    public static void Migrate(DbConnection connection, string table, string location, Func<DbTransaction> begin, IReadOnlyList<Action<DbTransaction>> steps, TimeProvider clock)
    {
        while (true)
        {
            using var tx = begin();
            Exec(connection, tx, $"CREATE TABLE IF NOT EXISTS {table} (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)");
            var version = ReadVersion(connection, tx, table);
            if (version > steps.Count)
            {
                // Disposing the transaction rolls it back: a newer database is left exactly as it was.
                throw new SchemaTooNewException(
                    $"{location}: the operations store's schema version {version} is newer than this build understands ({steps.Count}); use a newer Interdict.");
            }

            if (version == steps.Count)
            {
                tx.Commit();
                return;
            }

            steps[version](tx);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = $"INSERT INTO {table} (version, applied) VALUES (@v, @t)";
                AddParameter(record, "@v", version + 1);
                AddParameter(record, "@t", StoreTime.Text(clock.GetUtcNow()));
                record.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    /// <summary>The version a database is at (0: none applied).</summary>
    public static int ReadVersion(DbConnection connection, DbTransaction? tx, string table)
    {
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = $"SELECT max(version) FROM {table}";
        return read.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public static void Exec(DbConnection connection, DbTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}

/// <summary>The database was written by a newer build; nothing was changed.</summary>
public sealed class SchemaTooNewException(string message) : InvalidOperationException(message);
