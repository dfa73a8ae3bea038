using System.Security.Cryptography;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Store;
using Interdict.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Interdict.Tests.Store;

public sealed class SqliteListStoreTests : IDisposable
{
    private static readonly DateTimeOffset Day1 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = TestPaths.TempDir();
    private readonly string _path;
    private readonly LineListParser _parser = new();

    private readonly ITestOutputHelper _output;

    public SqliteListStoreTests(ITestOutputHelper output)
    {
        _output = output;
        _path = Path.Combine(_dir, "store.db");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<string> Rows(int count, Func<int, string>? name = null) =>
        Enumerable.Range(1, count).Select(i => $"{i}|{name?.Invoke(i) ?? $"PERSON {i}"}|{(i % 3 == 0 ? "SDGT" : "RUSSIA-EO14024")}");

    private ImportResult Import(SqliteListStore store, DateTimeOffset published, IEnumerable<string> lines, string name = "list.txt") =>
        store.Import("ofac-sdn", published, _parser, [LineListParser.Input(name, lines)]);

    private long Count(string table)
    {
        using var c = new SqliteConnection($"Data Source={_path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void Import_records_the_snapshot_with_the_files_sha256_and_reads_back()
    {
        var file = Path.Combine(_dir, "sdn.txt");
        File.WriteAllLines(file, ["#program LOCAL-1|A locally defined program", "10|SMITH, John|SDGT", "11|ИВАНОВ, Иван|RUSSIA-EO14024|LOCAL-1", "12|ACME LTD|LOCAL-1"]);
        var bytes = File.ReadAllBytes(file);

        using var store = SqliteListStore.Open(_path);
        var result = store.Import("ofac-sdn", Day1, _parser, [SourceInput.FromPath(file)]);

        Assert.Equal((3, 0, 0, 0), (result.Added, result.Removed, result.Changed, result.Same));
        Assert.False(result.NothingChanged);
        var s = result.Snapshot;
        Assert.Equal(("ofac-sdn", 3, "test-lines", Day1), (s.ListId, s.EntityCount, s.Format, s.Published));
        var f = Assert.Single(s.Files);
        Assert.Equal(new SourceFile("sdn.txt", Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length), f);

        var stored = Assert.Single(store.Snapshots("ofac-sdn"));
        Assert.Equal(s.Id, stored.Id);
        Assert.Equal(f, Assert.Single(stored.Files));
        Assert.Equal(s.Id, store.SnapshotAt("ofac-sdn")!.Id);

        var summary = store.Lists().Single(l => l.ListId == "ofac-sdn");
        Assert.Equal("OFAC Specially Designated Nationals and Blocked Persons List", summary.Name);
        Assert.Equal("US Treasury OFAC", summary.Publisher);
        Assert.Equal((s.Id, 1), (summary.Current!.Id, summary.SnapshotCount));
        Assert.Null(store.Lists().Single(l => l.ListId == "un-sc").Current);

        var entities = store.Entities(s.Id).ToList();
        Assert.Equal(["ofac-sdn:10", "ofac-sdn:11", "ofac-sdn:12"], entities.Select(e => e.Id));
        Assert.Equal("ИВАНОВ, Иван", entities[1].PrimaryName.Full);
        Assert.Equal(["RUSSIA-EO14024", "LOCAL-1"], entities[1].Programs);
        Assert.Equal("ACME LTD", store.GetEntity("ofac-sdn:12")!.PrimaryName.Full);
        Assert.Null(store.GetEntity("ofac-sdn:13"));
        Assert.Null(store.GetEntity("un-sc:12"));

        var programs = store.Programs().ToDictionary(p => p.Program.Code);
        Assert.Equal(3, programs.Count);
        Assert.Equal((2, "A locally defined program", "US Treasury OFAC"), (programs["LOCAL-1"].Count, programs["LOCAL-1"].Program.Name, programs["LOCAL-1"].Program.Publisher));
        Assert.Equal((1, "Global Terrorism Sanctions Regulations"), (programs["SDGT"].Count, programs["SDGT"].Program.Name));
        Assert.Equal("Russian Harmful Foreign Activities Sanctions", programs["RUSSIA-EO14024"].Program.Name);
    }

    [Fact]
    public void Fully_populated_entity_survives_the_store()
    {
        var original = EntityJsonTests.FullyPopulated();
        using var store = SqliteListStore.Open(_path);
        var result = store.Import("ofac-sdn", Day1, new FixedParser([original]), [LineListParser.Input("x.txt", ["unused"])]);

        EntityJsonTests.AssertDeepEqual(original, Assert.Single(store.Entities(result.Snapshot.Id)), "entity");
        EntityJsonTests.AssertDeepEqual(original, store.GetEntity(original.Id, Day1), "entity");
    }

    [Fact]
    public void Reimport_of_an_unchanged_list_changes_nothing_and_costs_almost_no_space()
    {
        using var store = SqliteListStore.Open(_path);
        Import(store, Day1, Rows(2000));
        var before = store.MeasureDatabaseBytes();
        var (versions, spans) = (Count("entity_versions"), Count("entity_spans"));

        var again = Import(store, Day1.AddDays(1), Rows(2000));

        Assert.True(again.NothingChanged);
        Assert.Equal((0, 0, 0, 2000), (again.Added, again.Removed, again.Changed, again.Same));
        Assert.Equal((2000L, 2000L), (versions, spans));
        Assert.Equal((versions, spans), (Count("entity_versions"), Count("entity_spans")));
        var growth = store.MeasureDatabaseBytes() - before;
        _output.WriteLine($"re-import of 2,000 unchanged entries grew the database by {growth} bytes (from {before:N0})");
        Assert.True(growth < 4 * 4096, $"re-import grew the database by {growth} bytes");
        Assert.Equal(2, store.Snapshots("ofac-sdn").Count);

        // Same publication time again: a plain re-run is allowed.
        Assert.True(Import(store, Day1.AddDays(1), Rows(2000)).NothingChanged);
    }

    [Fact]
    public void Changes_are_counted_and_history_reads_as_of()
    {
        using var store = SqliteListStore.Open(_path);
        var first = Import(store, Day1, Rows(100)).Snapshot;

        // 7 renamed, 100 removed, 101 added.
        var next = Rows(99, i => i == 7 ? "PERSON SEVEN RENAMED" : $"PERSON {i}").Append("101|NEW PERSON|SDGT");
        var second = Import(store, Day1.AddDays(3), next);

        Assert.Equal((1, 1, 1, 98), (second.Added, second.Removed, second.Changed, second.Same));
        Assert.False(second.NothingChanged);

        Assert.Equal("PERSON 7", store.GetEntity("ofac-sdn:7", Day1)!.PrimaryName.Full);
        Assert.Equal("PERSON 7", store.GetEntity("ofac-sdn:7", Day1.AddDays(2))!.PrimaryName.Full);
        Assert.Equal("PERSON SEVEN RENAMED", store.GetEntity("ofac-sdn:7", Day1.AddDays(3))!.PrimaryName.Full);
        Assert.Equal("PERSON SEVEN RENAMED", store.GetEntity("ofac-sdn:7")!.PrimaryName.Full);
        Assert.Equal("PERSON 100", store.GetEntity("ofac-sdn:100", Day1)!.PrimaryName.Full);
        Assert.Null(store.GetEntity("ofac-sdn:100"));
        Assert.Null(store.GetEntity("ofac-sdn:101", Day1));
        Assert.Null(store.GetEntity("ofac-sdn:1", Day1.AddDays(-1)));

        Assert.Null(store.SnapshotAt("ofac-sdn", Day1.AddSeconds(-1)));
        Assert.Equal(first.Id, store.SnapshotAt("ofac-sdn", Day1.AddDays(2))!.Id);
        Assert.Equal(second.Snapshot.Id, store.SnapshotAt("ofac-sdn", Day1.AddDays(3))!.Id);

        var old = store.Entities(first.Id).ToList();
        Assert.Equal(100, old.Count);
        Assert.Contains(old, e => e.Id == "ofac-sdn:100");
        Assert.Equal("PERSON 7", old.Single(e => e.Id == "ofac-sdn:7").PrimaryName.Full);
        var now = store.Entities(second.Snapshot.Id).ToList();
        Assert.Equal(100, now.Count);
        Assert.DoesNotContain(now, e => e.Id == "ofac-sdn:100");

        // A name that comes back is the same content as before: no new version row.
        Import(store, Day1.AddDays(4), Rows(99).Append("101|NEW PERSON|SDGT"));
        Assert.Equal(102L, Count("entity_versions"));
        Assert.Equal("PERSON 7", store.GetEntity("ofac-sdn:7")!.PrimaryName.Full);
    }

    /// <summary>
    /// The default suite's version of the volume test below: the same share of changed entries (0.15 of the list) and
    /// of snapshot rows, so a store that copied whole publications would be as far past the bound, at a twentieth of the work.
    /// </summary>
    [Fact]
    public void Sixty_snapshots_of_2000_entries_with_five_changes_each_cost_less_than_2_2_times_one() => ManySnapshots(2_000, 60);

    /// <summary>The volume the store was designed for (scripts/slow-tests.sh).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Three_hundred_snapshots_with_five_changes_each_cost_less_than_2_2_times_one() => ManySnapshots(10_000, 300);

    private void ManySnapshots(int entities, int snapshots)
    {
        var names = Enumerable.Range(0, entities + 1).Select(i => $"PERSON NUMBER {i}").ToArray();
        IEnumerable<string> Current() => Enumerable.Range(1, entities).Select(i => $"{i}|{names[i]}|SDGT");

        using var store = SqliteListStore.Open(_path);
        Import(store, Day1, Current());
        var firstSize = store.MeasureDatabaseBytes();

        var snapshotIds = new Dictionary<int, long>();
        var expected = new Dictionary<(int Snapshot, int Entity), string>();
        int[] watched = [17, (entities * 47 / 100) + 11, entities - 1];
        var every = snapshots / 6;
        for (var k = 1; k < snapshots; k++)
        {
            for (var j = 0; j < 5; j++)
            {
                var i = (((k * 5) + j) * 7919 % entities) + 1;
                names[i] = $"PERSON NUMBER {i} REVISION {k}";
            }

            if (k % every == 0)
            {
                names[watched[k / every % 3]] = $"WATCHED REVISION {k}";
            }

            var r = Import(store, Day1.AddDays(k), Current());
            Assert.Equal(entities, r.Same + r.Changed);
            Assert.InRange(r.Changed, 5, 6);
            snapshotIds[k] = r.Snapshot.Id;
            foreach (var w in watched)
            {
                expected[(k, w)] = names[w];
            }
        }

        var size = store.MeasureDatabaseBytes();
        _output.WriteLine($"first snapshot {firstSize:N0} bytes, after {snapshots} snapshots {size:N0} bytes ({(double)size / firstSize:F2}x)");
        Assert.True(size < 2.2 * firstSize, $"{snapshots} snapshots take {size} bytes, the first alone {firstSize}");
        Assert.Equal(snapshots, store.Snapshots("ofac-sdn").Count);

        var half = snapshots / 2;
        foreach (var k in new[] { 1, every - 1, every, every + 1, 2 * every, half, half + 1, snapshots - 1 })
        {
            Assert.Equal(snapshotIds[k], store.SnapshotAt("ofac-sdn", Day1.AddDays(k).AddHours(12))!.Id);
            foreach (var w in watched)
            {
                Assert.Equal(expected[(k, w)], store.GetEntity($"ofac-sdn:{w}", Day1.AddDays(k))!.PrimaryName.Full);
            }
        }

        var atHalf = store.Entities(snapshotIds[half]).ToDictionary(e => e.Id);
        Assert.Equal(entities, atHalf.Count);
        Assert.Equal(expected[(half, 17)], atHalf["ofac-sdn:17"].PrimaryName.Full);

        var now = store.Entities(store.SnapshotAt("ofac-sdn")!.Id).ToList();
        Assert.Equal(Enumerable.Range(1, entities).Select(i => names[i]).Order(StringComparer.Ordinal), now.Select(e => e.PrimaryName.Full).Order(StringComparer.Ordinal));
        var last = snapshots - 1;
        var lastChanged = ((last * 5 * 7919) % entities) + 1;
        Assert.Equal($"PERSON NUMBER {lastChanged} REVISION {last}", store.GetEntity($"ofac-sdn:{lastChanged}")!.PrimaryName.Full);
        Assert.Equal($"PERSON NUMBER {lastChanged}", store.GetEntity($"ofac-sdn:{lastChanged}", Day1)!.PrimaryName.Full);
    }

    [Fact]
    public void A_parse_error_midway_changes_nothing()
    {
        using var store = SqliteListStore.Open(_path);
        var first = Import(store, Day1, Rows(1000)).Snapshot;
        var tables = new[] { "snapshots", "snapshot_files", "entity_versions", "entity_spans", "program_names" };
        var counts = tables.Select(Count).ToList();
        var content = store.Entities(first.Id).Select(e => EntityJson.Serialize(e)).ToList();

        // Renames before the bad line reach the database inside the transaction; a new program name too.
        var lines = Rows(1000, i => $"CHANGED {i}").ToList();
        lines.Insert(0, "#program NEW-PROGRAM|Must not stay");
        lines[500] = "501|missing program";
        var ex = Assert.Throws<ListFormatException>(() => Import(store, Day1.AddDays(1), lines, "bad.txt"));
        Assert.Equal("bad.txt, line 501: expected id|name|program", ex.Message);

        Assert.Equal(counts, tables.Select(Count).ToList());
        Assert.Equal(first.Id, store.SnapshotAt("ofac-sdn")!.Id);
        Assert.Equal(content, store.Entities(first.Id).Select(e => EntityJson.Serialize(e)).ToList());
        Assert.Equal("PERSON 7", store.GetEntity("ofac-sdn:7")!.PrimaryName.Full);

        // The store is usable afterwards and continues the sequence.
        var next = Import(store, Day1.AddDays(1), Rows(1000, i => $"CHANGED {i}"));
        Assert.Equal((0, 1000), (next.Added, next.Changed));
        Assert.Equal(2, store.Snapshots("ofac-sdn").Count);
    }

    [Fact]
    public void An_exception_that_is_not_a_format_error_also_rolls_back_and_propagates()
    {
        using var store = SqliteListStore.Open(_path);
        Import(store, Day1, Rows(10));
        var broken = new FixedParser(Enumerable.Range(1, 5).Select(i => Person(i)), new IOException("disk gone after 5 entities"));

        var ex = Assert.Throws<IOException>(() => store.Import("ofac-sdn", Day1.AddDays(1), broken, [LineListParser.Input("x.txt", ["x"])]));
        Assert.Equal("disk gone after 5 entities", ex.Message);
        Assert.Single(store.Snapshots("ofac-sdn"));
        Assert.Equal(10L, Count("entity_versions"));
    }

    [Fact]
    public void An_empty_parse_is_an_error_not_an_empty_list()
    {
        using var store = SqliteListStore.Open(_path);
        Import(store, Day1, Rows(10));

        var ex = Assert.Throws<ListFormatException>(() => Import(store, Day1.AddDays(1), ["#program X|only a header"], "empty.txt"));

        Assert.Equal("empty.txt: contains no entries; an empty list is never imported", ex.Message);
        Assert.Single(store.Snapshots("ofac-sdn"));
        Assert.Equal(10, store.Entities(store.SnapshotAt("ofac-sdn")!.Id).Count());
    }

    [Fact]
    public void A_record_count_the_file_claims_but_does_not_hold_is_a_warning()
    {
        using var store = SqliteListStore.Open(_path);

        var short1 = Import(store, Day1, Rows(3).Prepend("#count 4"), "count.txt");
        var exact = Import(store, Day1, Rows(3).Prepend("#count 3"), "count.txt");

        Assert.Equal("count.txt: the file declares 4 records but 3 entries were read", Assert.Single(short1.Warnings));
        Assert.Empty(exact.Warnings);
    }

    [Fact]
    public void Duplicate_entity_ids_are_an_error()
    {
        using var store = SqliteListStore.Open(_path);

        var ex = Assert.Throws<ListFormatException>(() => Import(store, Day1, ["1|A|SDGT", "2|B|SDGT", "2|B AGAIN|SDGT"], "dup.txt"));

        Assert.Equal("dup.txt: entity id 'ofac-sdn:2' occurs more than once (entry 3)", ex.Message);
        Assert.Empty(store.Snapshots("ofac-sdn"));
        Assert.Equal(0L, Count("entity_versions"));
    }

    [Fact]
    public void The_file_is_a_wal_database_with_a_schema_version_and_persists()
    {
        long id;
        using (var store = SqliteListStore.Open(_path))
        {
            id = Import(store, Day1, Rows(5)).Snapshot.Id;
        }

        using (var c = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT (SELECT version FROM schema_version), (SELECT journal_mode FROM pragma_journal_mode())";
            using var r = cmd.ExecuteReader();
            Assert.True(r.Read());
            Assert.Equal((3L, "wal"), (r.GetInt64(0), r.GetString(1)));
        }

        using (var reopened = SqliteListStore.Open(_path))
        {
            Assert.Equal(id, reopened.SnapshotAt("ofac-sdn")!.Id);
            Assert.Equal("PERSON 5", reopened.GetEntity("ofac-sdn:5")!.PrimaryName.Full);
        }
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused()
    {
        SqliteListStore.Open(_path).Dispose();
        using (var c = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE schema_version SET version = 99";
            cmd.ExecuteNonQuery();
        }

        var ex = Assert.Throws<InvalidOperationException>(() => SqliteListStore.Open(_path));
        Assert.Contains("schema version 99 is newer than this build understands (3)", ex.Message, StringComparison.Ordinal);
    }

    private static Entity Person(int i) => new()
    {
        Id = $"ofac-sdn:{i}",
        ListId = "ofac-sdn",
        NativeId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Kind = EntityKind.Person,
        Names = [new EntityName { Full = $"OTHER {i}" }],
    };

    /// <summary>Yields given entities, then optionally fails: stands in for a parser that breaks mid-stream.</summary>
    private sealed class FixedParser(IEnumerable<Entity> entities, Exception? failure = null) : IListParser
    {
        public string Format => "test-fixed";

        public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
        {
            foreach (var e in entities)
            {
                yield return e;
            }

            if (failure is not null)
            {
                throw failure;
            }
        }
    }
}
