using Interdict.Store.Operations;
using Interdict.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Interdict.Tests.Store;

/// <summary>The operations store contract on SQLite, and the upgrades only a SQLite file has (databases of earlier versions).</summary>
public sealed class SqliteOperationsStoreTests : OperationsStoreContract
{
    private readonly string _db = Path.Combine(TestPaths.TempDir(), "ops.db");

    protected override IOperationsStore OpenStore() => SqliteOperationsStore.Open(_db, Clock);

    protected override void Execute(string sql)
    {
        using var conn = Connect();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    protected override long Count(string sql)
    {
        using var conn = Connect();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private SqliteConnection Connect()
    {
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db, Pooling = false }.ToString());
        conn.Open();
        return conn;
    }

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(Path.GetDirectoryName(_db)!, recursive: true);
    }

    [Fact]
    public void A_database_written_before_versioned_migrations_is_taken_as_it_is()
    {
        var ops = Open();
        ops.CreateKey("alice", ApiRole.Admin);
        ops.AppendAudit([new AuditRecord { Time = Clock.GetUtcNow(), Actor = "a", Channel = "api", Query = "{}", Snapshots = "[]", Threshold = 0.8, Matches = "[]" }]);
        ops.Dispose();

        // What the versions before migrations left: the same tables and no version table.
        Execute("DROP TABLE operations_schema_migrations");
        var again = Open();
        Assert.Equal(["alice"], again.Keys().Select(k => k.Name));
        Assert.Equal(1, again.AuditCount());
        Assert.Equal(1, Count("SELECT max(version) FROM operations_schema_migrations"));
        Assert.Throws<SqliteException>(() => Execute("DELETE FROM audit_log"));
    }

    [Fact]
    public void Opening_a_database_of_an_earlier_version_deletes_its_job_files_and_expires_those_jobs()
    {
        var jobs = Directory.CreateDirectory(_db + ".jobs").FullName;
        File.WriteAllText(Path.Combine(jobs, "0123456789abcdef.csv"), "id,name\nsecret,Customer\n");
        File.WriteAllText(Path.Combine(jobs, "0123456789abcdef.jsonl"), "{}\n");

        // What a refused upload left (no job names it): deleted too.
        File.WriteAllText(Path.Combine(jobs, "fedcba9876543210.csv"), "id,name\nsecret,Customer\n");
        Execute($"""
            CREATE TABLE jobs(
              id TEXT PRIMARY KEY, owner TEXT NOT NULL, status TEXT NOT NULL, rows_done INTEGER NOT NULL DEFAULT 0, rows_total INTEGER,
              matches INTEGER NOT NULL DEFAULT 0, bad_rows INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, finished TEXT, error TEXT,
              threshold REAL NOT NULL, input_path TEXT NOT NULL, output_path TEXT NOT NULL);
            INSERT INTO jobs(id, owner, status, created, threshold, input_path, output_path)
              VALUES('a', 'k', 'done', '2026-01-01T00:00:00.0000000+00:00', 0.8, '{Path.Combine(jobs, "0123456789abcdef.csv")}', '{Path.Combine(jobs, "0123456789abcdef.jsonl")}');
            """);

        var ops = Open();
        Assert.False(Directory.Exists(jobs));
        var job = Assert.Single(ops.Jobs());
        Assert.Equal(JobStatus.Expired, job.Status);
        Assert.Equal(JobKind.Batch, job.Kind);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), job.Created);

        // The upgraded table takes new jobs.
        ops.CreateJob("b", "k", JobKind.Portfolio, 0.8, 1, null);
        Assert.Equal(JobKind.Portfolio, ops.Job("b")!.Kind);
    }
}
