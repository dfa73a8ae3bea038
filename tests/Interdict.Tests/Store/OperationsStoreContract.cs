using System.Data.Common;
using Interdict.Store;
using Interdict.Store.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Interdict.Tests.Store;

/// <summary>
/// What every operations store backend must do, one test per behaviour, run against each backend by a subclass on a
/// fresh database of its own (<see cref="SqliteOperationsStoreTests"/>, <see cref="PostgresOperationsStoreTests"/>).
/// </summary>
public abstract class OperationsStoreContract : IDisposable
{
    private readonly List<IOperationsStore> _opened = [];

    /// <summary>The clock every store of the test stamps with; a time with all seven fraction digits, to see them kept.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567));

    /// <summary>Opens a new store instance on the test's database (several may be open at once).</summary>
    protected abstract IOperationsStore OpenStore();

    /// <summary>Runs SQL on the test's database past the store, as another client of the database would.</summary>
    protected abstract void Execute(string sql);

    protected abstract long Count(string sql);

    protected IOperationsStore Open()
    {
        var store = OpenStore();
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var s in _opened)
        {
            s.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private static AuditRecord Record(DateTimeOffset time, string actor, int n = 0) => new()
    {
        Time = time,
        Actor = actor,
        Channel = "api",
        Query = $"{{\"name\":\"query {n}\"}}",
        Snapshots = "[1,2]",
        Threshold = 0.8,
        Matches = "[]",
        MatchCount = n,
    };

    [Fact]
    public void Keys_are_created_listed_authenticated_and_revoked()
    {
        var ops = Open();
        var (info, key) = ops.CreateKey("alice", ApiRole.Admin);
        var (_, other) = ops.CreateKey("bob", ApiRole.Screener);
        Assert.StartsWith("idk_", key, StringComparison.Ordinal);
        Assert.Equal(key[..8], info.Prefix);
        Assert.Equal(Clock.GetUtcNow(), info.Created);

        Assert.Equal(["alice", "bob"], ops.Keys().Select(k => k.Name));
        var listed = ops.Keys()[0];
        Assert.Equal((info.Id, ApiRole.Admin, Clock.GetUtcNow(), (DateTimeOffset?)null), (listed.Id, listed.Role, listed.Created, listed.Revoked));
        Assert.Equal("bob", ops.Authenticate(other)?.Name);
        Assert.Null(ops.Authenticate(key + "x"));

        var dup = Assert.Throws<InvalidOperationException>(() => ops.CreateKey("alice", ApiRole.Screener));
        Assert.Contains("'alice' already exists", dup.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ops.CreateKey(" ", ApiRole.Screener));

        Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(ops.RevokeKey("alice"));
        Assert.False(ops.RevokeKey("alice"));
        Assert.False(ops.RevokeKey("nobody"));
        Assert.Null(ops.Authenticate(key));
        Assert.Equal(Clock.GetUtcNow(), ops.Keys()[0].Revoked);
    }

    [Fact]
    public void Audit_records_round_trip_and_page_by_time_and_id()
    {
        var ops = Open();
        var t0 = Clock.GetUtcNow();
        ops.AppendAudit([]);
        ops.AppendAudit([Record(t0, "a", 1), Record(t0.AddMinutes(1), "b", 2)]);
        ops.AppendAudit([Record(t0.AddMinutes(2), "c", 3)]);
        Assert.Equal(3, ops.AuditCount());

        var all = ops.Audit(null, null).ToList();
        Assert.Equal(["a", "b", "c"], all.Select(r => r.Actor));
        Assert.Equal(Record(t0, "a", 1) with { Id = all[0].Id }, all[0]);
        Assert.True(all[0].Id < all[1].Id && all[1].Id < all[2].Id);

        // [from, until): the start is in, the end is out.
        Assert.Equal(["b"], ops.Audit(t0.AddMinutes(1), t0.AddMinutes(2)).Select(r => r.Actor));
        Assert.Equal(["a", "b"], ops.Audit(null, null, limit: 2).Select(r => r.Actor));
        Assert.Equal(["b", "c"], ops.Audit(null, null, afterId: all[0].Id).Select(r => r.Actor));

        // A time in another offset is the same instant.
        Assert.Equal(["c"], ops.Audit(t0.AddMinutes(2).ToOffset(TimeSpan.FromHours(5)), null).Select(r => r.Actor));
    }

    [Fact]
    public void The_audit_trail_refuses_updates_and_deletes_in_the_database()
    {
        var ops = Open();
        ops.AppendAudit([Record(Clock.GetUtcNow(), "a"), Record(Clock.GetUtcNow(), "b")]);

        var update = Assert.ThrowsAny<DbException>(() => Execute("UPDATE audit_log SET actor = 'someone else'"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = Assert.ThrowsAny<DbException>(() => Execute("DELETE FROM audit_log"));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);

        Assert.Equal(["a", "b"], ops.Audit(null, null).Select(r => r.Actor));
    }

    [Fact]
    public void Concurrent_appends_from_two_store_instances_land_every_record()
    {
        var first = Open();
        var second = Open();
        const int Batches = 40;
        const int PerBatch = 25;
        var t = Clock.GetUtcNow();
        Parallel.ForEach([(first, "one"), (second, "two")], new ParallelOptions { MaxDegreeOfParallelism = 2 }, w =>
        {
            for (var b = 0; b < Batches; b++)
            {
                w.Item1.AppendAudit(Enumerable.Range(0, PerBatch).Select(i => Record(t, w.Item2, (b * PerBatch) + i)).ToList());
            }
        });

        var all = first.Audit(null, null).ToList();
        Assert.Equal(2 * Batches * PerBatch, all.Count);
        Assert.Equal(all.Count, all.Select(r => r.Id).Distinct().Count());
        foreach (var actor in new[] { "one", "two" })
        {
            Assert.Equal(Enumerable.Range(0, Batches * PerBatch), all.Where(r => r.Actor == actor).Select(r => r.MatchCount));
        }

        Assert.Equal(all.Count, second.AuditCount());
    }

    [Fact]
    public void Jobs_are_created_updated_and_listed_newest_first()
    {
        var ops = Open();
        var created = Clock.GetUtcNow();
        ops.CreateJob("j1", "alice", JobKind.Batch, 0.85, 10, null);
        Clock.Advance(TimeSpan.FromSeconds(1));
        ops.CreateJob("j2", "bob", JobKind.Portfolio, 0.9, 3, "{\"replace\":true}");

        var j1 = ops.Job("j1")!;
        Assert.Equal(new JobInfo("j1", "alice", JobStatus.Queued, 0, 10, 0, 0, created, null, null, 0.85) { Kind = JobKind.Batch }, j1);
        Assert.Equal(("{\"replace\":true}", JobKind.Portfolio), (ops.Job("j2")!.Options, ops.Job("j2")!.Kind));
        Assert.Null(ops.Job("nope"));
        Assert.Equal(["j2", "j1"], ops.Jobs().Select(j => j.Id));

        // Running: no finish time; the total is kept when not given.
        ops.UpdateJob("j1", JobStatus.Running, 4, 1, 0);
        Assert.Equal((JobStatus.Running, 4L, 1L, (long?)10, (DateTimeOffset?)null), Progress(ops.Job("j1")!));

        Clock.Advance(TimeSpan.FromMinutes(1));
        ops.UpdateJob("j1", JobStatus.Done, 10, 2, 1, 11);
        Assert.Equal((JobStatus.Done, 10L, 2L, (long?)11, (DateTimeOffset?)Clock.GetUtcNow()), Progress(ops.Job("j1")!));
        Assert.Equal(1, ops.Job("j1")!.BadRows);

        ops.UpdateJob("j2", JobStatus.Failed, 0, 0, 0, failure: "bad file");
        Assert.Equal("bad file", ops.Job("j2")!.Error);
        ops.SetJobSummary("j2", "{\"added\":3}");
        Assert.Equal("{\"added\":3}", ops.Job("j2")!.Summary);

        static (JobStatus, long, long, long?, DateTimeOffset?) Progress(JobInfo j) => (j.Status, j.RowsDone, j.Matches, j.RowsTotal, j.Finished);
    }

    [Fact]
    public void Jobs_finished_before_the_cutoff_expire_and_lose_their_data()
    {
        var ops = Open();
        foreach (var id in new[] { "old-done", "old-failed", "old-interrupted", "running", "new-done" })
        {
            ops.CreateJob(id, "k", JobKind.Batch, 0.8, 1, null);
            ops.AppendJobData(id, JobPart.Input, 0, [1, 2, 3]);
        }

        ops.UpdateJob("old-done", JobStatus.Done, 1, 0, 0);
        ops.UpdateJob("old-failed", JobStatus.Failed, 0, 0, 0, failure: "x");
        ops.UpdateJob("old-interrupted", JobStatus.Interrupted, 0, 0, 0);
        ops.UpdateJob("running", JobStatus.Running, 0, 0, 0);
        var cutoff = Clock.GetUtcNow().AddTicks(1);
        Clock.Advance(TimeSpan.FromDays(1));
        ops.UpdateJob("new-done", JobStatus.Done, 1, 0, 0);

        Assert.Equal(["old-done", "old-failed"], ops.ExpireJobs(cutoff).Order(StringComparer.Ordinal));
        Assert.Equal(JobStatus.Expired, ops.Job("old-done")!.Status);
        Assert.Null(ops.JobDataChunk("old-done", JobPart.Input, 0));
        Assert.Equal([1, 2, 3], ops.JobDataChunk("new-done", JobPart.Input, 0));
        Assert.Equal(3, ops.JobDataChunks());
        Assert.Empty(ops.ExpireJobs(cutoff));
    }

    [Fact]
    public void Job_data_round_trips_in_bounded_chunks_and_orphans_are_swept()
    {
        var ops = Open();
        var data = new byte[(IOperationsStore.ChunkBytes * 2) + 12345];
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
        Assert.Equal(IOperationsStore.ChunkBytes, ops.JobDataChunk("j1", JobPart.Input, 0)!.Length);
        Assert.Null(ops.JobDataChunk("j1", JobPart.Input, 3));
        using var back = new MemoryStream();
        new JobDataReadStream(ops, "j1", JobPart.Input).CopyTo(back);
        Assert.Equal(data, back.ToArray());

        // A job's parts are separate, and deleting one leaves the other.
        ops.CreateJob("j2", "k", JobKind.Batch, 0.8, 1, null);
        ops.AppendJobData("j2", JobPart.Input, 0, [1]);
        ops.AppendJobData("j2", JobPart.Output, 0, [2]);
        ops.DeleteJobData("j2", JobPart.Output);
        Assert.Equal([1], ops.JobDataChunk("j2", JobPart.Input, 0));
        Assert.Null(ops.JobDataChunk("j2", JobPart.Output, 0));

        // No job row refers to j1: it is what a crash mid-upload leaves, and the start-up sweep deletes it.
        Assert.Equal(3, ops.DeleteOrphanJobData());
        Assert.Equal(1, ops.JobDataChunks());
        ops.DeleteJobData("j2");
        Assert.Equal(0, ops.JobDataChunks());
    }

    [Fact]
    public void Sessions_last_until_they_expire_end_or_lose_their_key()
    {
        var ops = Open();
        var (alice, aliceKey) = ops.CreateKey("alice", ApiRole.Screener);
        var (bob, _) = ops.CreateKey("bob", ApiRole.Screener);
        var now = Clock.GetUtcNow();
        var lifetime = TimeSpan.FromHours(8);
        var id = ops.CreateSession(alice.Id, now, lifetime);

        var s = ops.Session(id, now.AddSeconds(5))!;
        Assert.Equal(("alice", now, now, now + lifetime), (s.Key.Name, s.Created, s.LastSeen, s.Expires));

        // Last seen is rewritten at most once a minute.
        Assert.Equal(now.AddMinutes(2), ops.Session(id, now.AddMinutes(2))!.LastSeen);
        Assert.Equal(now.AddMinutes(2), ops.Session(id, now.AddMinutes(2).AddSeconds(10))!.LastSeen);
        Assert.Null(ops.Session(id, now + lifetime));
        Assert.Null(ops.Session(id + "x", now));

        var bobs = ops.CreateSession(bob.Id, now, lifetime);
        Assert.True(ops.EndSession(bobs));
        Assert.False(ops.EndSession(bobs));
        Assert.Null(ops.Session(bobs, now));

        var again = ops.CreateSession(alice.Id, now, lifetime);
        ops.RevokeKey("alice");
        Assert.Null(ops.Session(again, now));
        Assert.Null(ops.Authenticate(aliceKey));
        Assert.Throws<InvalidOperationException>(() => ops.CreateSession(alice.Id, now, lifetime));
        Assert.Throws<InvalidOperationException>(() => ops.CreateSession(12345, now, lifetime));
        Assert.Throws<ArgumentOutOfRangeException>(() => ops.CreateSession(bob.Id, now, TimeSpan.Zero));
    }

    [Fact]
    public void Reopening_keeps_the_data_and_applies_each_migration_once()
    {
        var ops = Open();
        ops.CreateKey("alice", ApiRole.Admin);
        ops.Dispose();
        var again = Open();
        Assert.Equal(["alice"], again.Keys().Select(k => k.Name));
        Assert.Equal(1, Count("SELECT count(*) FROM operations_schema_migrations"));
        Assert.Equal(1, Count("SELECT max(version) FROM operations_schema_migrations"));
    }

    [Fact]
    public void A_database_of_a_newer_schema_is_refused_and_left_unchanged()
    {
        Open().CreateKey("alice", ApiRole.Admin);
        Execute("INSERT INTO operations_schema_migrations (version, applied) VALUES (2, 'by a newer build')");
        Execute("CREATE TABLE from_the_future (x INTEGER)");

        var ex = Assert.Throws<SchemaTooNewException>(Open);
        Assert.Contains("schema version 2 is newer than this build understands (1); use a newer Interdict", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, Count("SELECT count(*) FROM operations_schema_migrations"));
        Assert.Equal(1, Count("SELECT count(*) FROM api_keys"));
        Assert.Equal(0, Count("SELECT count(*) FROM from_the_future"));
    }
}
