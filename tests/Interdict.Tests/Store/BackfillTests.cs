using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store;
using Interdict.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Interdict.Tests.Store;

/// <summary>
/// Importing a snapshot published before the newest one: it must land at its place and every read must answer as if
/// the snapshots had been imported in publication order. Spans are kept maximal, so the span table of an out-of-order
/// import must equal the in-order one row for row.
/// </summary>
public sealed class BackfillTests : IDisposable
{
    private const string List = "ofac-sdn";
    private static readonly DateTimeOffset Day1 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = TestPaths.TempDir();
    private readonly LineListParser _parser = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SqliteListStore NewStore(string name) => SqliteListStore.Open(Path.Combine(_dir, name + ".db"));

    private ImportResult Import(SqliteListStore store, DateTimeOffset published, IEnumerable<string> rows) =>
        store.Import(List, published, _parser, [LineListParser.Input("list.txt", rows)]);

    [Fact]
    public void Insert_in_the_middle_splits_a_crossing_span_for_a_changed_entry_and_for_a_missing_one()
    {
        using var store = NewStore("middle");
        Import(store, Day1, ["1|ONE|SDGT", "2|TWO|SDGT", "3|THREE|SDGT"]);
        Import(store, Day1.AddDays(10), ["1|ONE|SDGT", "2|TWO|SDGT", "3|THREE|SDGT", "4|FOUR|SDGT"]);

        // Day 5: 1 unchanged, 2 renamed, 3 absent (present before and after), 4 not yet listed, 5 only here.
        var r = Import(store, Day1.AddDays(5), ["1|ONE|SDGT", "2|TWO RENAMED|SDGT", "5|FIVE|SDGT"]);

        Assert.Equal((1, 1, 1, 1), (r.Added, r.Removed, r.Changed, r.Same));
        Assert.Equal([Day1, Day1.AddDays(5), Day1.AddDays(10)], store.Snapshots(List).Select(s => s.Published));
        Assert.Equal(r.Snapshot.Id, store.SnapshotAt(List, Day1.AddDays(7))!.Id);
        Assert.Equal(["ofac-sdn:1", "ofac-sdn:2", "ofac-sdn:5"], store.Entities(r.Snapshot.Id).Select(e => e.Id));
        Assert.Equal("TWO RENAMED", store.GetEntity("ofac-sdn:2", Day1.AddDays(5))!.PrimaryName.Full);
        Assert.Equal("TWO", store.GetEntity("ofac-sdn:2", Day1.AddDays(4))!.PrimaryName.Full);
        Assert.Equal("TWO", store.GetEntity("ofac-sdn:2")!.PrimaryName.Full);
        Assert.Null(store.GetEntity("ofac-sdn:3", Day1.AddDays(5)));
        Assert.Equal("THREE", store.GetEntity("ofac-sdn:3", Day1.AddDays(10))!.PrimaryName.Full);
        Assert.Null(store.GetEntity("ofac-sdn:5"));
        Assert.Equal(
            [("ofac-sdn:1", 1L, 3L), ("ofac-sdn:2", 1, 1), ("ofac-sdn:2", 2, 2), ("ofac-sdn:2", 3, 3), ("ofac-sdn:3", 1, 1), ("ofac-sdn:3", 3, 3), ("ofac-sdn:4", 3, 3), ("ofac-sdn:5", 2, 2)],
            Spans(store).Select(s => (s.Entity, s.First, s.Last)));
    }

    [Fact]
    public void Insert_at_the_start_counts_everything_as_added_and_joins_the_following_spans()
    {
        using var store = NewStore("start");
        Import(store, Day1.AddDays(1), ["1|ONE|SDGT", "2|TWO|SDGT"]);
        Import(store, Day1.AddDays(2), ["1|ONE|SDGT", "2|TWO CHANGED|SDGT"]);

        var r = Import(store, Day1, ["1|ONE|SDGT", "2|TWO|SDGT", "3|THREE|SDGT"]);

        Assert.Equal((3, 0, 0, 0), (r.Added, r.Removed, r.Changed, r.Same));
        Assert.Equal(r.Snapshot.Id, store.Snapshots(List)[0].Id);
        Assert.Null(store.SnapshotAt(List, Day1.AddSeconds(-1)));
        Assert.Equal(
            [("ofac-sdn:1", 1L, 3L), ("ofac-sdn:2", 1, 2), ("ofac-sdn:2", 3, 3), ("ofac-sdn:3", 1, 1)],
            Spans(store).Select(s => (s.Entity, s.First, s.Last)));
    }

    [Fact]
    public void Content_equal_to_a_neighbour_joins_its_span_and_an_absence_splits_one()
    {
        using var store = NewStore("merge");
        Import(store, Day1, ["1|ONE|SDGT", "2|TWO|SDGT"]);
        Import(store, Day1.AddDays(2), ["1|ONE|SDGT", "2|TWO|SDGT"]);

        // Entry 2 was absent from the snapshot between (day 1) in reality: importing day 1 without it splits the span...
        var missing = Import(store, Day1.AddDays(1), ["1|ONE|SDGT"]);
        Assert.Equal((0, 1, 0, 1), (missing.Added, missing.Removed, missing.Changed, missing.Same));
        Assert.Equal([("ofac-sdn:1", 1L, 3L), ("ofac-sdn:2", 1, 1), ("ofac-sdn:2", 3, 3)], Spans(store).Select(s => (s.Entity, s.First, s.Last)));

        // ...and a snapshot between day 1 and day 2 that has it again joins the day-2 span on its left.
        Import(store, Day1.AddHours(36), ["1|ONE|SDGT", "2|TWO|SDGT"]);
        Assert.Equal([("ofac-sdn:1", 1L, 4L), ("ofac-sdn:2", 1, 1), ("ofac-sdn:2", 3, 4)], Spans(store).Select(s => (s.Entity, s.First, s.Last)));

        // A snapshot equal to its left neighbour (day 0) extends that span to the right.
        Import(store, Day1.AddHours(12), ["1|ONE|SDGT", "2|TWO|SDGT"]);
        Assert.Equal([("ofac-sdn:1", 1L, 5L), ("ofac-sdn:2", 1, 2), ("ofac-sdn:2", 4, 5)], Spans(store).Select(s => (s.Entity, s.First, s.Last)));

        // Entry 2 is back right before the day-1.5 span (its predecessor, day 1, lacks it): joins on the left again.
        // (Equal content on both sides of a slot cannot occur: two adjacent equal spans would already be one.)
        var fill = Import(store, Day1.AddHours(30), ["1|ONE|SDGT", "2|TWO|SDGT"]);
        Assert.True(fill.Added == 1 && fill.Removed == 0);
        var spans = Spans(store);
        Assert.Equal([("ofac-sdn:1", 1L, 6L), ("ofac-sdn:2", 1, 2), ("ofac-sdn:2", 4, 6)], spans.Select(s => (s.Entity, s.First, s.Last)));
        Assert.Equal(6, store.Snapshots(List).Count);
        Assert.Equal(2L, Scalar(store, "SELECT count(*) FROM entity_versions"));
    }

    [Fact]
    public void Equal_publication_time_goes_after_the_stored_snapshot_of_that_time()
    {
        using var store = NewStore("equal");
        var first = Import(store, Day1, ["1|ONE|SDGT"]).Snapshot;
        Import(store, Day1.AddDays(2), ["1|ONE|SDGT"]);
        var again = Import(store, Day1, ["1|ONE AGAIN|SDGT"]);

        Assert.Equal((0, 0, 1), (again.Added, again.Removed, again.Changed));
        Assert.Equal([first.Id, again.Snapshot.Id], store.Snapshots(List).Take(2).Select(s => s.Id));
        Assert.Equal(again.Snapshot.Id, store.SnapshotAt(List, Day1.AddDays(1))!.Id);
        Assert.Equal("ONE AGAIN", store.GetEntity("ofac-sdn:1", Day1)!.PrimaryName.Full);
        Assert.Equal("ONE", store.GetEntity("ofac-sdn:1")!.PrimaryName.Full);
    }

    [Fact]
    public void A_failed_backfill_leaves_seqs_and_spans_untouched()
    {
        using var store = NewStore("failed");
        Import(store, Day1, ["1|ONE|SDGT"]);
        Import(store, Day1.AddDays(2), ["1|ONE|SDGT", "2|TWO|SDGT"]);
        var before = Spans(store);

        Assert.Throws<ListFormatException>(() => Import(store, Day1.AddDays(1), ["1|ONE|SDGT", "2|broken"]));

        Assert.Equal(before, Spans(store));
        Assert.Equal([Day1, Day1.AddDays(2)], store.Snapshots(List).Select(s => s.Published));
        Assert.Equal([1L, 2L], Seqs(store));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_order_import_equals_in_order_import(int seed)
    {
        var random = new Random(seed);
        const int snapshots = 14, entries = 40;

        // Few variants per entry and frequent absences: contents equal to a neighbour, entries that leave and come back.
        var data = Enumerable.Range(0, snapshots)
            .Select(_ => Enumerable.Range(1, entries)
                .Where(_ => random.NextDouble() < 0.75)
                .Select(i => $"{i}|NAME {i} V{random.Next(random.NextDouble() < 0.6 ? 1 : 3)}|{(random.Next(4) == 0 ? "SDGT" : "IRAN")}")
                .ToList())
            .ToList();
        data[random.Next(snapshots)] = [.. data[random.Next(snapshots)]];

        using var ordered = NewStore("ordered");
        for (var k = 0; k < snapshots; k++)
        {
            Import(ordered, Day1.AddDays(k), data[k]);
        }

        using var shuffled = NewStore("shuffled");
        var order = Enumerable.Range(0, snapshots).OrderBy(_ => random.Next()).ToList();
        var done = new SortedSet<int>();
        foreach (var k in order)
        {
            var r = Import(shuffled, Day1.AddDays(k), data[k]);

            // Counts are relative to the snapshot before it in the store at that moment.
            var before = done.GetViewBetween(int.MinValue, k - 1);
            var prev = before.Count == 0 ? [] : Ids(data[before.Max]);
            var now = Ids(data[k]);
            Assert.Equal(now.Keys.Count(id => !prev.ContainsKey(id)), r.Added);
            Assert.Equal(prev.Keys.Count(id => !now.ContainsKey(id)), r.Removed);
            Assert.Equal(now.Count(kv => prev.TryGetValue(kv.Key, out var p) && p != kv.Value), r.Changed);
            done.Add(k);
        }

        AssertSameHistory(ordered, shuffled);
        Assert.Equal(Spans(ordered), Spans(shuffled));
        Assert.Equal(Enumerable.Range(1, snapshots).Select(i => (long)i), Seqs(shuffled));
        AssertSpansMaximal(shuffled);

        for (var k = 0; k < snapshots; k++)
        {
            var at = Day1.AddDays(k).AddHours(1);
            Assert.Equal(
                Ids(data[k]),
                shuffled.Entities(shuffled.SnapshotAt(List, at)!.Id).ToDictionary(e => e.NativeId, e => $"{e.NativeId}|{e.PrimaryName.Full}|{e.Programs[0]}"));
            foreach (var id in new[] { 1, 7, 23, 40 })
            {
                Assert.Equal(ordered.GetEntity($"ofac-sdn:{id}", at)?.PrimaryName.Full, shuffled.GetEntity($"ofac-sdn:{id}", at)?.PrimaryName.Full);
            }
        }
    }

    [Fact]
    public void Real_ofac_snapshots_imported_out_of_order_equal_the_in_order_import()
    {
        string[] files = ["sdn-2021-08-18.csv", "sdn-2022-02-23.csv", "sdn-2022-02-25.csv", "sdn-2022-02-26.csv", "sdn-2022-03-04.csv", "sdn-2022-03-15.csv"];
        var parser = new OfacCsvParser();
        ImportResult ImportFile(SqliteListStore store, int i) =>
            store.Import(List, DateTimeOffset.Parse(files[i][4..14], System.Globalization.CultureInfo.InvariantCulture), parser, [SourceInput.FromPath(TestPaths.Data("history/" + files[i]))]);

        using var ordered = NewStore("real-ordered");
        var inOrder = Enumerable.Range(0, files.Length).Select(i => ImportFile(ordered, i)).ToList();

        // Newest first but 2022-02-25 last: it lands between 02-23 and 02-26 and must split the spans of the 4 entries
        // changed on 02-25 (relative to 02-23 here, as 02-24 is not among these files).
        using var shuffled = NewStore("real-shuffled");
        foreach (var i in new[] { 5, 0, 4, 3, 1 })
        {
            ImportFile(shuffled, i);
        }

        var late = ImportFile(shuffled, 2);
        Assert.Equal((inOrder[2].Added, inOrder[2].Removed, inOrder[2].Changed, inOrder[2].Same), (late.Added, late.Removed, late.Changed, late.Same));
        Assert.Equal((93, 0, 4), (late.Added, late.Removed, late.Changed));

        AssertSameHistory(ordered, shuffled);
        Assert.Equal(Spans(ordered), Spans(shuffled));
        Assert.Null(shuffled.GetEntity("ofac-sdn:35096", new DateTimeOffset(2022, 2, 25, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("PUTIN, Vladimir Vladimirovich", shuffled.GetEntity("ofac-sdn:35096", new DateTimeOffset(2022, 2, 26, 0, 0, 0, TimeSpan.Zero))!.PrimaryName.Full);
    }

    [Fact]
    public void A_version_1_database_with_closed_spans_is_migrated_to_open_spans_and_reads_the_same()
    {
        var path = Path.Combine(_dir, "v1.db");
        using (var store = SqliteListStore.Open(path))
        {
            Import(store, Day1, ["1|ONE|SDGT", "2|TWO|SDGT"]);
            Import(store, Day1.AddDays(1), ["1|ONE|SDGT", "3|THREE|SDGT"]);
        }

        // Version 1 wrote the newest seq as the end of every current span.
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE entity_spans SET last_seq = 2 WHERE last_seq = 9223372036854775807; UPDATE schema_version SET version = 1";
            Assert.Equal(2 + 1, cmd.ExecuteNonQuery());
        }

        using (var store = SqliteListStore.Open(path))
        {
            Assert.Equal(2L, Scalar(store, "SELECT count(*) FROM entity_spans WHERE last_seq = 9223372036854775807"));
            Assert.Equal(3L, Scalar(store, "SELECT version FROM schema_version"));
            Assert.Equal(["ofac-sdn:1", "ofac-sdn:3"], store.Entities(store.SnapshotAt(List)!.Id).Select(e => e.Id));
            Assert.Equal("TWO", store.GetEntity("ofac-sdn:2", Day1)!.PrimaryName.Full);

            // And it goes on: an import closes only what changed.
            var r = Import(store, Day1.AddDays(2), ["1|ONE|SDGT", "3|THREE CHANGED|SDGT"]);
            Assert.Equal((0, 0, 1), (r.Added, r.Removed, r.Changed));
            Assert.Equal([("ofac-sdn:1", 1L, 3L), ("ofac-sdn:2", 1, 1), ("ofac-sdn:3", 2, 2), ("ofac-sdn:3", 3, 3)], Spans(store).Select(s => (s.Entity, s.First, s.Last)));
        }
    }

    private static Dictionary<string, string> Ids(IEnumerable<string> rows) => rows.ToDictionary(r => r.Split('|')[0], r => r);

    /// <summary>Every snapshot of both stores: same publication times and, for each, the same id → canonical JSON.</summary>
    private static void AssertSameHistory(SqliteListStore expected, SqliteListStore actual)
    {
        var a = expected.Snapshots(List);
        var b = actual.Snapshots(List);
        Assert.Equal(a.Select(s => (s.Published, s.EntityCount)), b.Select(s => (s.Published, s.EntityCount)));
        for (var i = 0; i < a.Count; i++)
        {
            var left = expected.Entities(a[i].Id).ToDictionary(e => e.Id, e => EntityJson.Serialize(e));
            var right = actual.Entities(b[i].Id).ToDictionary(e => e.Id, e => EntityJson.Serialize(e));
            Assert.Equal(left, right);
        }
    }

    private static void AssertSpansMaximal(SqliteListStore store)
    {
        foreach (var group in Spans(store).GroupBy(s => s.Entity))
        {
            var spans = group.OrderBy(s => s.First).ToList();
            for (var i = 1; i < spans.Count; i++)
            {
                Assert.True(spans[i].First > spans[i - 1].Last, $"{group.Key}: overlapping spans");
                Assert.False(spans[i].First == spans[i - 1].Last + 1 && spans[i].Hash == spans[i - 1].Hash, $"{group.Key}: adjacent spans with equal content");
            }
        }
    }

    private static List<(string Entity, long First, long Last, string Hash)> Spans(SqliteListStore store)
    {
        using var c = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        // An open span (reaching the newest snapshot) reads as ending at the newest seq.
        cmd.CommandText = """
            SELECT entity_id, first_seq, CASE WHEN last_seq = 9223372036854775807 THEN (SELECT max(seq) FROM snapshots) ELSE last_seq END, hex(hash)
            FROM entity_spans ORDER BY entity_id, first_seq
            """;
        using var r = cmd.ExecuteReader();
        var result = new List<(string, long, long, string)>();
        while (r.Read())
        {
            result.Add((r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3)));
        }

        return result;
    }

    private static List<long> Seqs(SqliteListStore store)
    {
        using var c = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq FROM snapshots ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var result = new List<long>();
        while (r.Read())
        {
            result.Add(r.GetInt64(0));
        }

        return result;
    }

    private static long Scalar(SqliteListStore store, string sql)
    {
        using var c = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }
}
