using Interdict.Store.Operations;
using Microsoft.Data.Sqlite;

namespace Interdict.Tests.Store;

/// <summary>Job data in the operations store: chunked round trip, and the upgrade from job files beside the database.</summary>
public class OperationsStoreJobDataTests
{
    [Fact]
    public void Job_data_round_trips_in_bounded_chunks()
    {
        var db = Path.Combine(TestPaths.TempDir(), "ops.db");
        using var ops = OperationsStore.Open(db);
        var data = new byte[(OperationsStore.ChunkBytes * 2) + 12345];
        new Random(1).NextBytes(data);
        using (var w = new JobDataWriteStream(ops, "j1", JobPart.Input))
        {
            // Odd-sized writes cross chunk boundaries.
            for (var i = 0; i < data.Length; i += 70_001)
            {
                w.Write(data, i, Math.Min(70_001, data.Length - i));
            }
        }

        Assert.Equal(3, ops.JobDataChunks());
        using var back = new MemoryStream();
        new JobDataReadStream(ops, "j1", JobPart.Input).CopyTo(back);
        Assert.Equal(data, back.ToArray());

        // No job row refers to it: it is what a crash mid-upload leaves, and the start-up sweep deletes it.
        Assert.Equal(3, ops.DeleteOrphanJobData());
        Assert.Equal(0, ops.JobDataChunks());
    }

    [Fact]
    public void Opening_a_database_of_an_earlier_version_deletes_its_job_files_and_expires_those_jobs()
    {
        var dir = TestPaths.TempDir();
        var db = Path.Combine(dir, "old.db");
        var jobs = Directory.CreateDirectory(db + ".jobs").FullName;
        File.WriteAllText(Path.Combine(jobs, "0123456789abcdef.csv"), "id,name\nsecret,Customer\n");
        File.WriteAllText(Path.Combine(jobs, "0123456789abcdef.jsonl"), "{}\n");

        // What a refused upload left (no job names it): deleted too.
        File.WriteAllText(Path.Combine(jobs, "fedcba9876543210.csv"), "id,name\nsecret,Customer\n");
        using (var conn = new SqliteConnection($"Data Source={db}"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"""
                CREATE TABLE jobs(
                  id TEXT PRIMARY KEY, owner TEXT NOT NULL, status TEXT NOT NULL, rows_done INTEGER NOT NULL DEFAULT 0, rows_total INTEGER,
                  matches INTEGER NOT NULL DEFAULT 0, bad_rows INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, finished TEXT, error TEXT,
                  threshold REAL NOT NULL, input_path TEXT NOT NULL, output_path TEXT NOT NULL);
                INSERT INTO jobs(id, owner, status, created, threshold, input_path, output_path)
                  VALUES('a', 'k', 'done', '2026-01-01T00:00:00.0000000+00:00', 0.8, '{Path.Combine(jobs, "0123456789abcdef.csv")}', '{Path.Combine(jobs, "0123456789abcdef.jsonl")}');
                """;
            cmd.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        using var ops = OperationsStore.Open(db);
        Assert.False(Directory.Exists(jobs));
        var job = Assert.Single(ops.Jobs());
        Assert.Equal(JobStatus.Expired, job.Status);
        Assert.Equal(JobKind.Batch, job.Kind);

        // The upgraded table takes new jobs.
        ops.CreateJob("b", "k", JobKind.Portfolio, 0.8, 1, null);
        Assert.Equal(JobKind.Portfolio, ops.Job("b")!.Kind);
    }
}
