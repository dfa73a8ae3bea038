using System.Globalization;
using System.Text.Json;
using Interdict.Model;
using Interdict.Screening.History;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store;
using Interdict.Store.Sqlite;
using Xunit.Abstractions;

namespace Interdict.Tests.Screening.History;

/// <summary>History import, changes and entity histories on the real OFAC SDN scrape (tests/data/history, see /work/shared/data/README.md).</summary>
public sealed class RealHistoryTests : IClassFixture<RealHistoryFixture>
{
    private const string List = "ofac-sdn";
    private readonly RealHistoryFixture _history;
    private readonly ITestOutputHelper _output;

    public RealHistoryTests(RealHistoryFixture history, ITestOutputHelper output)
    {
        _history = history;
        _output = output;
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void All_308_versions_are_imported_and_the_empty_last_commit_is_skipped_with_a_warning()
    {
        var r = _history.Report;
        Assert.Equal((308, 1, 0), (r.Imported, r.Skipped, r.AlreadyStored));
        Assert.Equal("sdn.csv@bbf49297 (2024-05-04T01:36:19Z): the file is empty; skipped", Assert.Single(r.Warnings));
        var snapshots = _history.Store.Snapshots(List);
        Assert.Equal(308, snapshots.Count);
        Assert.Equal((Utc("2021-08-18T09:39:01Z"), 9083), (snapshots[0].Published, snapshots[0].EntityCount));
        Assert.Equal((Utc("2024-05-03T18:43:23Z"), 14965), (snapshots[^1].Published, snapshots[^1].EntityCount));
        Assert.Equal("sdn.csv", Assert.Single(snapshots[^1].Files).Name);
        _output.WriteLine($"import took {r.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Changes_reproduce_the_row_counts_of_the_real_publications()
    {
        var report = new ChangeLog(_history.Store).Changes(List, Utc("2022-02-23T19:00:00Z"), Utc("2022-03-04T03:00:00Z"));

        Assert.Equal(
            [
                ("2022-02-24T01:52:20Z", 9123, 2, 0, 0),
                ("2022-02-25T01:50:29Z", 9214, 91, 0, 4),
                ("2022-02-26T01:42:01Z", 9218, 4, 0, 2),
                ("2022-02-28T12:59:47Z", 9222, 4, 0, 0),
                ("2022-03-01T18:47:26Z", 9226, 4, 0, 1),
                ("2022-03-04T02:03:13Z", 9318, 92, 0, 7),
            ],
            report.Publications.Select(p => (p.Published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), p.EntityCount, p.Added, p.Removed, p.Modified)));
        Assert.All(report.Publications, p => Assert.False(p.Baseline));
        Assert.Equal(Utc("2022-02-23T18:46:52Z"), report.Publications[0].PreviousPublished);
    }

    [Fact]
    public void The_24_february_2022_publication_lists_91_additions_summarised_per_program_and_kind()
    {
        var p = Assert.Single(new ChangeLog(_history.Store).Changes(List, Utc("2022-02-25T00:00:00Z"), Utc("2022-02-25T23:59:59Z")).Publications);

        Assert.Equal((91, 0, 4), (p.Added, p.Removed, p.Modified));
        Assert.Equal(91, p.Entries.Count(e => e.Change == ChangeKind.Added));
        foreach (var line in p.Summary())
        {
            _output.WriteLine(line);
        }

        // Counts per program and kind agree with the entries they summarise.
        foreach (var pc in p.Programs)
        {
            Assert.Equal(p.Entries.Count(e => e.Change == ChangeKind.Added && e.Kind == pc.Kind && e.Programs.Contains(pc.Program)), pc.Added);
        }

        var russia = p.Programs.Where(x => x.Program == "RUSSIA-EO14024").ToDictionary(x => x.Kind);
        Assert.Equal(russia.Values.Sum(x => x.Added), p.Entries.Count(e => e.Change == ChangeKind.Added && e.Programs.Contains("RUSSIA-EO14024")));
        Assert.StartsWith("RUSSIA-EO14024: +", p.Summary().Single(s => s.StartsWith("RUSSIA-EO14024:", StringComparison.Ordinal)), StringComparison.Ordinal);

        // Every modification names at least one field, with the actual values.
        Assert.All(p.Entries.Where(e => e.Change == ChangeKind.Modified), e => Assert.NotEmpty(e.Fields));
        var json = JsonSerializer.Serialize(p, ChangeLog.JsonOptions);
        Assert.Contains("\"change\": \"Added\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<PublicationChanges>(json, ChangeLog.JsonOptions)!;
        Assert.Equal((p.Added, p.Entries.Count, p.Programs.Count), (back.Added, back.Entries.Count, back.Programs.Count));
    }

    [Fact]
    public void Putin_is_not_listed_as_of_24_february_2022_and_is_as_of_27_february()
    {
        var store = _history.Store;
        Assert.Null(store.GetEntity("ofac-sdn:35096", Utc("2022-02-24T23:59:59Z")));
        Assert.Null(store.GetEntity("ofac-sdn:35096", Utc("2022-02-26T01:42:00Z")));
        var putin = store.GetEntity("ofac-sdn:35096", Utc("2022-02-27T00:00:00Z"))!;
        Assert.Equal(("PUTIN, Vladimir Vladimirovich", EntityKind.Person), (putin.PrimaryName.Full, putin.Kind));
        Assert.Contains("RUSSIA-EO14024", putin.Programs);
        Assert.Equal(9218, store.SnapshotAt(List, Utc("2022-02-27T00:00:00Z"))!.EntityCount);
    }

    [Fact]
    public void Peskov_first_appears_in_the_4_march_2022_publication()
    {
        var p = Assert.Single(new ChangeLog(_history.Store).Changes(List, Utc("2022-03-04T00:00:00Z"), Utc("2022-03-04T12:00:00Z")).Publications);
        var peskov = p.Entries.Single(e => e.EntityId == "ofac-sdn:35320");
        Assert.Equal((ChangeKind.Added, "PESKOV, Dmitriy Sergeevich", EntityKind.Person), (peskov.Change, peskov.Name, peskov.Kind));
        Assert.Contains("RUSSIA-EO14024", peskov.Programs);

        var history = new ChangeLog(_history.Store).History("ofac-sdn:35320")!;
        Assert.Equal(Utc("2022-03-04T02:03:13Z"), history.FirstListed);
        Assert.Null(_history.Store.GetEntity("ofac-sdn:35320", Utc("2022-03-04T02:03:12Z")));
    }

    [Fact]
    public void The_history_of_35096_shows_its_first_listing_and_every_later_change()
    {
        var h = new ChangeLog(_history.Store).History("ofac-sdn:35096")!;

        Assert.Equal(("PUTIN, Vladimir Vladimirovich", EntityKind.Person, true, null), (h.Name, h.Kind, h.Listed, h.Delisted));
        var first = h.Events[0];
        Assert.Equal((EntityEventKind.Listed, Utc("2022-02-26T01:42:01Z"), false), (first.Event, first.Published, first.Baseline));
        Assert.Equal(h.FirstListed, first.Published);
        Assert.All(h.Events.Skip(1), e => Assert.Equal(EntityEventKind.Modified, e.Event));
        Assert.All(h.Events.Skip(1), e => Assert.NotEmpty(e.Fields));
        foreach (var e in h.Events)
        {
            _output.WriteLine($"{e.Published:u} {e.Event}: {string.Join(" | ", e.Fields)}");
        }

        // The events agree with the snapshots: every modification is a real content change at that publication.
        foreach (var e in h.Events.Skip(1))
        {
            var before = _history.Store.GetEntity("ofac-sdn:35096", e.Published.AddSeconds(-1))!;
            var after = _history.Store.GetEntity("ofac-sdn:35096", e.Published)!;
            Assert.NotEqual(EntityJson.Serialize(before), EntityJson.Serialize(after));
        }
    }

    [Fact]
    public void An_entry_of_the_first_snapshot_is_listed_at_the_baseline_and_a_removed_one_is_delisted()
    {
        var log = new ChangeLog(_history.Store);
        var firstRemoval = log.Changes(List).Publications.SelectMany(p => p.Entries.Select(e => (p, e))).First(x => x.e.Change == ChangeKind.Removed);
        var h = log.History(firstRemoval.e.EntityId)!;

        var delisted = h.Events.Single(e => e.Event == EntityEventKind.Delisted && e.Published == firstRemoval.p.Published);
        Assert.Equal(firstRemoval.p.SnapshotId, delisted.SnapshotId);
        Assert.Null(_history.Store.GetEntity(firstRemoval.e.EntityId, firstRemoval.p.Published));
        Assert.NotNull(_history.Store.GetEntity(firstRemoval.e.EntityId, firstRemoval.p.PreviousPublished));
        if (h.Events[0].Baseline)
        {
            Assert.Equal(Utc("2021-08-18T09:39:01Z"), h.FirstListed);
        }

        Assert.Null(log.History("ofac-sdn:999999999"));
    }

    [Fact]
    public void Snapshots_of_the_history_equal_a_plain_parse_of_the_dated_files()
    {
        // The history import reuses the entities of unchanged rows; the result must be what parsing each file gives.
        foreach (var (file, published) in new[] { ("sdn-2022-03-15.csv", "2022-03-15T18:47:00Z"), ("sdn-2024-05-03.csv", "2024-05-03T18:43:23Z") })
        {
            var parsed = new OfacCsvParser().Parse([SourceInput.FromPath(TestPaths.Data("history/" + file))], new ParseContext(List))
                .ToDictionary(e => e.Id, e => EntityJson.Serialize(e));
            var snapshot = _history.Store.SnapshotAt(List, Utc(published).AddMinutes(1))!;
            var stored = _history.Store.Entities(snapshot.Id).ToDictionary(e => e.Id, e => EntityJson.Serialize(e));
            Assert.Equal(parsed, stored);
        }
    }

    [Fact]
    public void The_whole_history_takes_at_most_twice_the_storage_of_the_newest_snapshot()
    {
        var dir = TestPaths.TempDir();
        try
        {
            long one;
            using (var single = SqliteListStore.Open(Path.Combine(dir, "one.db")))
            {
                single.Import(List, Utc("2024-05-03T18:43:23Z"), new OfacCsvParser(), [SourceInput.FromPath(TestPaths.Data("history/sdn-2024-05-03.csv"))]);
                one = single.MeasureDatabaseBytes();
            }

            var ratio = (double)_history.HistoryBytes / one;
            _output.WriteLine($"history {_history.HistoryBytes:N0} bytes, newest snapshot alone {one:N0} bytes: {ratio:F2}x");
            Assert.True(ratio <= 2.0, $"history {_history.HistoryBytes} bytes is {ratio:F2}x one snapshot ({one} bytes)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
