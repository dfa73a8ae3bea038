using System.Data.Common;
using System.Net.Sockets;
using Interdict.Store.Relational;
using Npgsql;

namespace Interdict.Store.Postgres;

/// <summary>
/// A PostgreSQL database shared by any number of processes: connections come from one pooled
/// <see cref="NpgsqlDataSource"/>; writers serialise on transaction-scoped advisory locks (<see cref="StoreLock"/>).
/// </summary>
internal sealed class PostgresBackend : SqlBackend
{
    // A server that does not answer fails the opening within this, not after Npgsql's default of 15 s.
    private const int ConnectTimeoutSeconds = 5;

    private readonly NpgsqlDataSource _source;

    /// <summary>Checks that the server answers (failing within seconds, naming host, port and database) and keeps a pool to it.</summary>
    public PostgresBackend(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            csb.Timeout = ConnectTimeoutSeconds;
        }

        Describe = $"PostgreSQL at {csb.Host}:{csb.Port}, database '{csb.Database}'";
        _source = NpgsqlDataSource.Create(csb);
        try
        {
            Open().Dispose();
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    public override string Engine => "PostgreSQL";

    public override string Describe { get; }

    public override DbConnection Open()
    {
        try
        {
            return _source.OpenConnection();
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StoreUnavailableException($"cannot connect to {Describe}: {Reason(ex)}", ex);
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection, StoreLock writeLock)
    {
        var tx = connection.BeginTransaction();
        try
        {
            Execute(connection, tx, "SELECT pg_advisory_xact_lock(@k)", ("@k", (long)writeLock));
            return tx;
        }
        catch
        {
            tx.Dispose();
            throw;
        }
    }

    public override bool TableExists(DbConnection connection, DbTransaction? tx, string table) =>
        Scalar(connection, tx, "SELECT to_regclass(@name) IS NOT NULL", ("@name", table)) is true;

    public override bool IsUniqueViolation(DbException error) => error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override void Dispose() => _source.Dispose();

    // What went wrong in the user's words: the innermost cause (refused, timed out, unknown host), not the wrapper.
    internal static string Reason(Exception ex)
    {
        if (ex is PostgresException pg)
        {
            return pg.MessageText;
        }

        var inner = ex;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }

        return inner is TimeoutException ? "no answer in time" : inner.Message;
    }
}
