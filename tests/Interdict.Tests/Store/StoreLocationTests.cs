using System.Diagnostics;
using Interdict.Store;
using Interdict.Store.Postgres;
using Interdict.Store.Relational;
using Interdict.Store.Sqlite;
using Interdict.Tests.App;
using Npgsql;

namespace Interdict.Tests.Store;

/// <summary>How a --db value selects the engine, and what a wrong or unreachable PostgreSQL location tells the user.</summary>
public sealed class StoreLocationTests
{
    [Fact]
    public void A_path_is_an_embedded_sqlite_file()
    {
        var location = StoreLocation.Parse("some/dir/interdict.db");
        Assert.False(location.IsPostgres);
        Assert.Equal(Path.GetFullPath("some/dir/interdict.db"), location.SqlitePath);
    }

    [Fact]
    public void A_postgresql_uri_gives_every_part_to_npgsql_and_never_shows_the_password()
    {
        var location = StoreLocation.Parse("postgresql://screening:s%40cret@db.example.org:6543/interdict?sslmode=require&application_name=replica-1");
        Assert.True(location.IsPostgres);
        Assert.Null(location.SqlitePath);
        var csb = new NpgsqlConnectionStringBuilder(location.PostgresConnectionString);
        Assert.Equal("db.example.org", csb.Host);
        Assert.Equal(6543, csb.Port);
        Assert.Equal("interdict", csb.Database);
        Assert.Equal("screening", csb.Username);
        Assert.Equal("s@cret", csb.Password);
        Assert.Equal(SslMode.Require, csb.SslMode);
        Assert.Equal("replica-1", csb.ApplicationName);
        Assert.Equal("postgresql://screening@db.example.org:6543/interdict", location.Display);
        Assert.DoesNotContain("cret", location.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://u@localhost/interdict", 5432)]
    [InlineData("Host=localhost;Port=5433;Database=interdict;Username=u", 5433)]
    public void The_short_scheme_and_an_npgsql_connection_string_are_postgresql_too(string text, int port)
    {
        var location = StoreLocation.Parse(text);
        Assert.True(location.IsPostgres);
        Assert.Equal(port, new NpgsqlConnectionStringBuilder(location.PostgresConnectionString).Port);
    }

    [Theory]
    [InlineData("postgresql://u@localhost:5432/", "names no database")]
    [InlineData("postgresql://u@localhost/db?no_such_setting=1", "no_such_setting")]
    [InlineData("Host=localhost;Database=x;Bogus Key=1", "cannot be read")]
    public void A_postgresql_location_that_cannot_be_read_says_what_is_wrong(string text, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StoreLocation.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_server_fails_within_seconds_naming_host_port_and_database()
    {
        // A port nothing listens on: bind one, note it, close it.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var location = StoreLocation.Parse($"postgresql://interdict@127.0.0.1:{port}/screening");
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<StoreUnavailableException>(() => location.OpenBackend().Dispose());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'screening'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_cluster_opens_as_a_postgresql_backend_that_takes_its_write_locks()
    {
        var admin = Environment.GetEnvironmentVariable("INTERDICT_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("INTERDICT_TEST_PG is not set: run the PostgreSQL tests via ./test, which starts a private PostgreSQL server for them");
        using var backend = StoreLocation.Parse(admin).OpenBackend();
        Assert.IsType<PostgresBackend>(backend);
        Assert.Equal("PostgreSQL", backend.Engine);
        using var conn = backend.Open();
        using var tx = backend.BeginWrite(conn, StoreLock.Lists);
        var held = SqlBackend.Long(SqlBackend.Scalar(
            conn, tx, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objid::bigint = @k", ("@k", (long)StoreLock.Lists)));
        Assert.Equal(1, held);
        Assert.False(backend.TableExists(conn, tx, "no_such_table_here"));
    }

    [Fact]
    public void A_sqlite_backend_creates_its_file_in_wal_mode()
    {
        var path = Path.Combine(TestPaths.TempDir(), "sub", "x.db");
        using (var backend = StoreLocation.Parse(path).OpenBackend())
        {
            Assert.IsType<SqliteBackend>(backend);
            using var conn = backend.Open();
            Assert.Equal("wal", SqlBackend.Scalar(conn, null, "PRAGMA journal_mode"));
            SqlBackend.Execute(conn, null, "CREATE TABLE t (x INTEGER)");
            Assert.True(backend.TableExists(conn, null, "t"));
        }

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void The_cli_refuses_a_postgresql_location_it_cannot_serve_yet_and_creates_no_file_named_after_it()
    {
        var cli = new CliRunner("postgresql://interdict@127.0.0.1:5432/screening");
        var result = cli.Run("lists");
        Assert.NotEqual(0, result.ExitCode);
        // The console wraps long lines: compare the words.
        var stderr = string.Join(' ', result.Stderr.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("names PostgreSQL (postgresql://interdict@127.0.0.1:5432/screening)", stderr, StringComparison.Ordinal);
        Assert.Contains("give a database file path", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(cli.WorkDir));
    }
}
