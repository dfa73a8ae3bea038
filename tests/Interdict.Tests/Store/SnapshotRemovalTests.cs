using System.Globalization;
using System.Text.Json;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store;
using Interdict.Store.Operations;
using Interdict.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Interdict.Tests.Store;

/// <summary>
/// Removing a snapshot leaves a real SQLite store exactly as if that publication had never been imported: every
/// observable (as-of reads, entry histories, changes, the current snapshot) and the stored spans and contents equal those
/// of a store into which only the other publications were imported.
/// </summary>
public sealed class SnapshotRemovalTests : IDisposable
{
    private const string List = "ofac-sdn";
    private static readonly SnapshotRemovalRequest Request = new() { Actor = "tester", Reason = "wrong file" };
    private readonly string _dir = TestPaths.TempDir();
    private int _stores;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SqliteListStore NewStore() => SqliteListStore.Open(Path.Combine(_dir, $"store{++_stores}.db"));

    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // Real OFAC SDN publications a day or two apart: entries added, removed and changed between each.
    private static readonly (string File, DateTimeOffset Published)[] Real =
    [
        ("sdn-2022-02-23.csv", Utc("2022-02-23T12:00:00Z")),
        ("sdn-2022-02-25.csv", Utc("2022-02-25T12:00:00Z")),
        ("sdn-2022-02-26.csv", Utc("2022-02-26T12:00:00Z")),
    ];

    private static void ImportReal(SqliteListStore store, int i) =>
        store.Import(List, Real[i].Published, new OfacCsvParser(), [SourceInput.FromPath(TestPaths.Data("history/" + Real[i].File))]);

    /// <summary>
    /// Store files with the first 1, 2 and 3 real publications imported, made once for the theory below: importing a
    /// publication of 15,000 entries is the expensive step, and a copy of a closed store file is the same store.
    /// </summary>
    private static readonly Lazy<string[]> Prefixes = new(() =>
    {
        var dir = TestPaths.TempDir();
        var files = new string[Real.Length];
        var path = Path.Combine(dir, "prefix.db");
        for (var i = 0; i < Real.Length; i++)
        {
            using (var store = SqliteListStore.Open(path))
            {
                ImportReal(store, i);
            }

            files[i] = Path.Combine(dir, $"prefix{i + 1}.db");
            File.Copy(path, files[i]);
        }

        return files;
    });

    /// <summary>A store of this test's own holding the first <paramref name="count"/> real publications.</summary>
    private SqliteListStore PrefixStore(int count)
    {
        var path = Path.Combine(_dir, $"store{++_stores}.db");
        if (count > 0)
        {
            File.Copy(Prefixes.Value[count - 1], path);
        }

        return SqliteListStore.Open(path);
    }

    [Theory]
    [InlineData(1)] // the middle one: spans ending or starting at it are repaired and joined
    [InlineData(2)] // the newest: the one before becomes current again
    [InlineData(0)] // the oldest
    public void Removing_a_real_publication_leaves_the_store_as_if_it_had_never_been_imported(int removed)
    {
        using var store = PrefixStore(Real.Length);
        var ids = store.Snapshots(List).OrderBy(s => s.Published).Select(s => s.Id).ToList();
        Assert.Equal(Real.Length, ids.Count);

        // The store into which the others only were imported: those before the removed one from a copy, the rest here.
        using var expected = PrefixStore(removed);
        foreach (var i in Enumerable.Range(removed + 1, Real.Length - removed - 1))
        {
            ImportReal(expected, i);
        }

        var before = Observe(store, Real.Select(r => r.Published));
        var result = store.RemoveSnapshot(ids[removed], Request);

        Assert.Equal(Real[removed].Published, result.Removed.Published);
        Assert.Equal(removed == Real.Length - 1, result.WasCurrent);
        Assert.Equal(Real[removed == Real.Length - 1 ? removed - 1 : Real.Length - 1].Published, result.Current!.Published);
        var after = Observe(store, Real.Select(r => r.Published));
        Assert.NotEqual(before, after);
        AssertSame(Observe(expected, Real.Select(r => r.Published)), after);
        Assert.Equal(Stored(expected.Path), Stored(store.Path));
    }

    /// <summary>
    /// Property: for random histories of a small list (entries added, changed, removed and relisted, contents that recur),
    /// removing any one publication equals never importing it, down to the stored spans and contents.
    /// </summary>
    [Fact]
    public void Removing_any_publication_of_random_histories_equals_never_importing_it()
    {
        var parser = new LineListParser();
        for (var seed = 0; seed < 12; seed++)
        {
            var random = new Random(seed);
            var publications = Enumerable.Range(0, 5).Select(p =>
            {
                var lines = Enumerable.Range(1, 10)
                    .Where(_ => random.Next(4) > 0)
                    .Select(id => $"{id}|NAME {id} {"ABC"[random.Next(3)]}|SDGT")
                    .ToList();
                return (Published: new DateTimeOffset(2024, 1, 1 + p, 0, 0, 0, TimeSpan.Zero), Lines: lines.Count > 0 ? lines : ["1|NAME 1 A|SDGT"]);
            }).ToList();
            var dates = publications.Select(p => p.Published).ToList();
            void Import(SqliteListStore s, int i) =>
                s.Import(List, publications[i].Published, parser, [LineListParser.Input($"p{i}.txt", publications[i].Lines)]);

            for (var removed = 0; removed < publications.Count; removed++)
            {
                using var store = NewStore();
                var ids = new List<long>();
                for (var i = 0; i < publications.Count; i++)
                {
                    Import(store, i);
                    ids.Add(store.SnapshotAt(List)!.Id);
                }

                using var expected = NewStore();
                for (var i = 0; i < publications.Count; i++)
                {
                    if (i != removed)
                    {
                        Import(expected, i);
                    }
                }

                store.RemoveSnapshot(ids[removed], Request);
                var context = $"seed {seed}, removing publication {removed}";
                AssertSame(Observe(expected, dates), Observe(store, dates), context);
                Assert.True(Stored(expected.Path) == Stored(store.Path), context + ": stored spans or contents differ\n" + Stored(expected.Path) + "\n---\n" + Stored(store.Path));
            }
        }
    }

    [Fact]
    public void Removing_every_snapshot_one_by_one_empties_the_list_and_ids_are_never_reused()
    {
        var parser = new LineListParser();
        using var store = NewStore();
        var a = store.Import(List, Utc("2024-01-01"), parser, [LineListParser.Input("a.txt", ["1|ONE|SDGT", "2|TWO|SDGT"])]).Snapshot;
        var b = store.Import(List, Utc("2024-01-02"), parser, [LineListParser.Input("b.txt", ["1|ONE|SDGT", "3|THREE|SDGT"])]).Snapshot;

        store.RemoveSnapshot(b.Id, Request);
        Assert.Equal(a.Id, store.SnapshotAt(List)!.Id);
        Assert.NotNull(store.GetEntity($"{List}:2"));
        Assert.Null(store.GetEntity($"{List}:3"));

        // A new import must not take the removed (highest) id: a running server and alerts tell snapshots apart by id.
        var c = store.Import(List, Utc("2024-01-03"), parser, [LineListParser.Input("c.txt", ["4|FOUR|SDGT"])]).Snapshot;
        Assert.True(c.Id > b.Id, $"snapshot id {c.Id} reuses or precedes the removed {b.Id}");

        store.RemoveSnapshot(c.Id, Request);
        store.RemoveSnapshot(a.Id, Request);
        Assert.Empty(store.Snapshots(List));
        Assert.Null(store.SnapshotAt(List));
        Assert.Equal("spans 0, versions 0", Counts(store.Path));

        var again = Assert.Throws<SnapshotNotFoundException>(() => store.RemoveSnapshot(a.Id, Request));
        Assert.Contains("removed already", again.Message, StringComparison.Ordinal);
        Assert.Contains("by tester", again.Message, StringComparison.Ordinal);
        Assert.Contains("no snapshot with id 999", Assert.Throws<SnapshotNotFoundException>(() => store.RemoveSnapshot(999, Request)).Message, StringComparison.Ordinal);
        Assert.Equal(new[] { a.Id, b.Id, c.Id }, store.RemovedSnapshots().Select(r => r.Id).Order());
    }

    [Fact]
    public void A_removal_is_in_the_audit_trail_with_who_what_and_why()
    {
        var parser = new LineListParser();
        using var store = NewStore();
        store.Import(List, Utc("2024-01-01"), parser, [LineListParser.Input("a.txt", ["1|ONE|SDGT"])]);
        var b = store.Import(List, Utc("2030-01-01"), parser, [LineListParser.Input("b.txt", ["1|ONE|SDGT", "2|TWO|SDGT"])], allowFuture: true).Snapshot;

        store.RemoveSnapshot(b.Id, new SnapshotRemovalRequest { Actor = "alice", Reason = "dated 2030 by mistake", Channel = "cli" });

        using var ops = SqliteOperationsStore.Open(store.Path);
        var record = Assert.Single(ops.Audit(null, null));
        Assert.Equal("alice", record.Actor);
        Assert.Equal("cli:snapshot-remove", record.Channel);
        using var query = JsonDocument.Parse(record.Query);
        var q = query.RootElement;
        Assert.Equal("snapshot-remove", q.GetProperty("action").GetString());
        Assert.Equal(List, q.GetProperty("list").GetString());
        Assert.Equal(b.Id, q.GetProperty("snapshot_id").GetInt64());
        Assert.StartsWith("2030-01-01", q.GetProperty("published").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, q.GetProperty("entries").GetInt32());
        Assert.Equal("dated 2030 by mistake", q.GetProperty("reason").GetString());
        Assert.False(q.GetProperty("forced").GetBoolean());
        Assert.Equal("b.txt", q.GetProperty("files")[0].GetProperty("name").GetString());
        Assert.Contains($"\"snapshot\":{b.Id}", record.Snapshots, StringComparison.Ordinal);
    }

    /// <summary>What a reader of the store can see, as one comparable text (snapshot ids differ between stores; dates do not).</summary>
    private static string Observe(SqliteListStore store, IEnumerable<DateTimeOffset> dates)
    {
        var w = new System.Text.StringBuilder();
        var snapshots = store.Snapshots(List);
        var published = snapshots.ToDictionary(s => s.Id, s => s.Published);
        string When(long? id) => id is { } i ? published[i].ToString("O", CultureInfo.InvariantCulture) : "-";
        w.Append("current ").AppendLine(When(store.SnapshotAt(List)?.Id));
        foreach (var s in snapshots)
        {
            w.Append("snapshot ").Append(When(s.Id)).Append(' ').Append(s.EntityCount).Append(' ').AppendJoin(",", s.Files.Select(f => f.Sha256)).AppendLine();
            foreach (var ch in store.ChangesIn(s.Id))
            {
                w.Append("  change ").Append(ch.EntityId).Append(' ').Append(Json(ch.Before)).Append(" -> ").AppendLine(Json(ch.After));
            }
        }

        var entityIds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var asOf in dates.SelectMany(d => new[] { d.AddHours(-1), d, d.AddHours(1) }))
        {
            var at = store.SnapshotAt(List, asOf);
            w.Append("as of ").Append(asOf.ToString("O", CultureInfo.InvariantCulture)).Append(": ").AppendLine(When(at?.Id));
            if (at is not null)
            {
                var entities = store.Entities(at.Id).ToList();
                w.Append("  entities ").Append(entities.Count).Append(' ').AppendLine(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                    System.Text.Encoding.UTF8.GetBytes(string.Join('\n', entities.Select(Json))))));
                entityIds.UnionWith(entities.Select(e => e.Id));
            }
        }

        // Histories of a sample of the entries (all of a small list), and an entry read as of each date.
        foreach (var id in entityIds.Where((_, i) => entityIds.Count < 50 || i % 97 == 0))
        {
            foreach (var v in store.VersionsOf(id))
            {
                w.Append("version ").Append(id).Append(' ').Append(v.FirstPublished.ToString("O", CultureInfo.InvariantCulture)).Append("..")
                    .Append(v.LastPublished.ToString("O", CultureInfo.InvariantCulture)).Append(" next ").Append(v.NextPublished?.ToString("O", CultureInfo.InvariantCulture) ?? "-")
                    .Append(' ').AppendLine(Json(v.Entity));
            }

            foreach (var d in dates)
            {
                w.Append("entity ").Append(id).Append(" at ").Append(d.ToString("O", CultureInfo.InvariantCulture)).Append(' ').AppendLine(Json(store.GetEntity(id, d)));
            }
        }

        return w.ToString();
    }

    private static string Json(Interdict.Model.Entity? e) => e is null ? "null" : EntityJson.Serialize(e);

    private static void AssertSame(string expected, string actual, string context = "")
    {
        if (expected == actual)
        {
            return;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"{context}: first difference at line {first}:\nexpected: {e.ElementAtOrDefault(first)}\nactual:   {a.ElementAtOrDefault(first)}");
    }

    /// <summary>The stored spans (by publication dates, open or not) and contents: the layout, not only what reads show.</summary>
    private static string Stored(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT group_concat(line, char(10)) FROM (
              SELECT 'span ' || sp.list_id || ' ' || sp.entity_id || ' ' || coalesce(f.published, 'dangling ' || sp.first_seq) || '..' || coalesce(l.published, CASE WHEN sp.last_seq = 9223372036854775807 THEN 'open' ELSE 'dangling ' || sp.last_seq END) || ' ' || hex(sp.hash) AS line
              FROM entity_spans sp
              LEFT JOIN snapshots f ON f.list_id = sp.list_id AND f.seq = sp.first_seq
              LEFT JOIN snapshots l ON l.list_id = sp.list_id AND l.seq = sp.last_seq
              UNION ALL SELECT 'version ' || hex(hash) FROM entity_versions
              UNION ALL SELECT 'seq ' || list_id || ' ' || seq || ' ' || published FROM snapshots
              ORDER BY 1)
            """;
        return cmd.ExecuteScalar() as string ?? "";
    }

    private static string Counts(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT 'spans ' || (SELECT count(*) FROM entity_spans) || ', versions ' || (SELECT count(*) FROM entity_versions)";
        return (string)cmd.ExecuteScalar()!;
    }
}
