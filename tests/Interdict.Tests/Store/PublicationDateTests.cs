using Interdict.Sources;
using Interdict.Store;
using Interdict.Store.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Interdict.Tests.Store;

/// <summary>
/// Publication dates on a real SQLite file: a date more than a day ahead is refused unless allowed, and the same list,
/// date and content is stored once, also when several connections import it at the same moment.
/// </summary>
public sealed class PublicationDateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Lines = ["1|ONE|SDGT", "2|TWO|SDGT", "3|THREE|SDGT"];

    private readonly string _dir = TestPaths.TempDir();
    private readonly string _path;
    private readonly LineListParser _parser = new();

    public PublicationDateTests() => _path = Path.Combine(_dir, "store.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SqliteListStore Open() => new(_path, new FakeTimeProvider(Now));

    private ImportResult Import(SqliteListStore store, DateTimeOffset published, IEnumerable<string> lines, bool allowFuture = false, string name = "list.txt") =>
        store.Import("ofac-sdn", published, _parser, [LineListParser.Input(name, lines)], allowFuture: allowFuture);

    [Fact]
    public void A_publication_more_than_a_day_ahead_is_refused_and_nothing_is_stored()
    {
        using var store = Open();
        var future = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var e = Assert.Throws<FuturePublicationException>(() => Import(store, future, Lines));
        Assert.Contains("2030-01-01", e.Message);
        Assert.Contains("--allow-future", e.Message);
        Assert.Equal(future, e.Published);
        Assert.Empty(store.Snapshots("ofac-sdn"));

        // Just over the day is refused; within it (a publisher a few time zones ahead) is not.
        Assert.Throws<FuturePublicationException>(() => Import(store, Now.AddDays(1).AddMinutes(1), Lines));
        Assert.Equal(Now.AddHours(23), Import(store, Now.AddHours(23), Lines).Snapshot.Published);
    }

    [Fact]
    public void A_future_publication_is_stored_when_allowed_and_the_clock_is_the_stores()
    {
        using (var store = Open())
        {
            var future = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var r = Import(store, future, Lines, allowFuture: true);
            Assert.Equal(future, r.Snapshot.Published);
            Assert.Equal(future, store.SnapshotAt("ofac-sdn")!.Published);
        }

        // A store whose clock says 2031 takes the 2030 date as the past.
        using var later = new SqliteListStore(_path, new FakeTimeProvider(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var next = Import(later, new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero), Lines);
        Assert.False(next.AlreadyImported);
        Assert.Equal(2, later.Snapshots("ofac-sdn").Count);
    }

    [Fact]
    public void Reimporting_identical_content_at_the_same_date_adds_no_snapshot()
    {
        using var store = Open();
        var day = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var first = Import(store, day, Lines);
        Assert.False(first.AlreadyImported);

        // The same file again.
        var again = Import(store, day, Lines);
        Assert.True(again.AlreadyImported);
        Assert.Equal(first.Snapshot.Id, again.Snapshot.Id);
        Assert.Equal((0, 0, 0, 3), (again.Added, again.Removed, again.Changed, again.Same));

        // Other bytes (the rows in another order) but the same entries: the same publication.
        var reordered = Import(store, day, Lines.Reverse(), name: "reordered.txt");
        Assert.True(reordered.AlreadyImported);
        Assert.Equal(first.Snapshot.Id, reordered.Snapshot.Id);
        Assert.Single(store.Snapshots("ofac-sdn"));

        // Different content at the same time is a correction, and the same content at another time a publication: both are kept.
        Assert.False(Import(store, day, ["1|ONE|SDGT", "2|TWO CORRECTED|SDGT"]).AlreadyImported);
        Assert.False(Import(store, day.AddDays(1), Lines).AlreadyImported);
        Assert.Equal(3, store.Snapshots("ofac-sdn").Count);

        // The identical re-import of the first is still recognised among them.
        Assert.True(Import(store, day, Lines).AlreadyImported);
        Assert.Equal(3, store.Snapshots("ofac-sdn").Count);
    }

    [Fact]
    public void Connections_importing_the_same_publication_at_once_store_it_once()
    {
        // The schema is created first, so the racers contend on the import alone.
        Open().Dispose();
        var day = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(1, 5000).Select(i => $"{i}|PERSON {i}|SDGT").ToArray();
        const int Racers = 6;
        using var start = new Barrier(Racers);
        var results = new ImportResult[Racers];
        var threads = Enumerable.Range(0, Racers).Select(i => new Thread(() =>
        {
            using var store = Open();
            start.SignalAndWait();
            results[i] = Import(store, day, rows);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(1, results.Count(r => !r.AlreadyImported));
        Assert.Single(results.Select(r => r.Snapshot.Id).Distinct());
        using var check = Open();
        Assert.Single(check.Snapshots("ofac-sdn"));
    }
}
