using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Interdict.Store.Operations;
using Interdict.Store.Postgres;
using Npgsql;

namespace Interdict.Tests.Store;

/// <summary>
/// The operations store contract on a real PostgreSQL server: the private cluster ./test starts (INTERDICT_TEST_PG),
/// a fresh database per test, dropped after it.
/// </summary>
public sealed class PostgresOperationsStoreTests : OperationsStoreContract
{
    private readonly string _admin;
    private readonly string _database = "interdict_test_" + Guid.NewGuid().ToString("N");
    private readonly string _connectionString;

    public PostgresOperationsStoreTests()
    {
        // Never a silent skip: without a server these tests fail and say how to get one.
        _admin = Environment.GetEnvironmentVariable("INTERDICT_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("INTERDICT_TEST_PG is not set: run the PostgreSQL tests via ./test, which starts a private PostgreSQL server for them");
        AdminExecute($"CREATE DATABASE {_database}");
        _connectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ToString();
    }

    protected override IOperationsStore OpenStore() => PostgresOperationsStore.Open(_connectionString, Clock);

    protected override void Execute(string sql)
    {
        using var conn = new NpgsqlConnection(_connectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    protected override long Count(string sql)
    {
        using var conn = new NpgsqlConnection(_connectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void AdminExecute(string sql)
    {
        using var conn = new NpgsqlConnection(_admin);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        base.Dispose();
        NpgsqlConnection.ClearAllPools();
        AdminExecute($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    [Fact]
    public void An_unreachable_server_fails_within_seconds_naming_host_port_and_database()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidOperationException>(() => PostgresOperationsStore.Open($"Host=127.0.0.1;Port={port};Username=interdict;Database=team_ops", Clock));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'team_ops'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_trail_cannot_be_truncated_either()
    {
        Open().AppendAudit([new AuditRecord { Time = Clock.GetUtcNow(), Actor = "a", Channel = "api", Query = "{}", Snapshots = "[]", Threshold = 0.8, Matches = "[]" }]);
        var ex = Assert.Throws<PostgresException>(() => Execute("TRUNCATE audit_log"));
        Assert.Contains("append-only", ex.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, Count("SELECT count(*) FROM audit_log"));
    }
}
