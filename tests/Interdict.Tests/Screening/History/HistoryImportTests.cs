using System.Globalization;
using System.Text;
using System.Text.Json;
using Interdict.App;
using Interdict.Screening.History;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.Screening.History;

public sealed class HistoryImportTests : IDisposable
{
    private const string List = "ofac-sdn";
    private readonly string _dir = TestPaths.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DateTimeOffset Day(int y, int m, int d, int h = 0, int mi = 0) => new(y, m, d, h, mi, 0, TimeSpan.Zero);

    private string Folder(params string[] historyFiles)
    {
        var folder = Path.Combine(_dir, "folder-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        foreach (var f in historyFiles)
        {
            File.Copy(TestPaths.Data("history/" + f), Path.Combine(folder, f));
        }

        return folder;
    }

    [Theory]
    [InlineData("sdn-2022-02-25.csv", "2022-02-25T00:00:00Z")]
    [InlineData("2023-12-28-sdn-add-alt", "2023-12-28T00:00:00Z")]
    [InlineData("sdn-2022-02-25T0150.csv", "2022-02-25T01:50:00Z")]
    [InlineData("sdn_2022-02-25_01-50-29.csv", "2022-02-25T01:50:29Z")]
    [InlineData("sdn.csv", null)]
    [InlineData("sdn-2022-13-01.csv", null)]
    [InlineData("sdn-20220225.csv", null)]
    public void A_file_name_states_the_publication_date_and_optionally_the_time(string name, string? expected)
    {
        var stamp = HistoryImport.Stamp(name);
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), stamp);
    }

    [Fact]
    public void A_folder_of_dated_files_imports_oldest_first_and_a_re_run_finds_them_stored()
    {
        var folder = Folder("sdn-2022-02-26.csv", "sdn-2022-02-23.csv", "sdn-2022-02-25.csv");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "scraped by hand");
        using var store = SqliteListStore.Open(Path.Combine(_dir, "h.db"));

        var report = new HistoryImport(store).Run(List, folder);

        Assert.Equal(
            [("sdn-2022-02-23.csv", Day(2022, 2, 23), 9121, 9121, 0, 0), ("sdn-2022-02-25.csv", Day(2022, 2, 25), 9214, 93, 0, 4), ("sdn-2022-02-26.csv", Day(2022, 2, 26), 9218, 4, 0, 2)],
            report.Items.Select(i => (i.Source, i.Published, i.Entities, i.Added, i.Removed, i.Changed)));
        Assert.Equal("notes.txt: no date in the name; ignored", Assert.Single(report.Warnings));
        Assert.Equal([Day(2022, 2, 23), Day(2022, 2, 25), Day(2022, 2, 26)], store.Snapshots(List).Select(s => s.Published));
        Assert.Equal("sdn-2022-02-25.csv", Assert.Single(store.Snapshots(List)[1].Files).Name);

        var again = new HistoryImport(store).Run(List, folder);
        Assert.Equal((0, 3), (again.Imported, again.AlreadyStored));

        // An older file added later is back-filled before the others.
        File.Copy(TestPaths.Data("history/sdn-2021-08-18.csv"), Path.Combine(folder, "sdn-2021-08-18.csv"));
        var later = new HistoryImport(store).Run(List, folder);
        Assert.Equal((1, 3), (later.Imported, later.AlreadyStored));
        Assert.Equal([Day(2021, 8, 18), Day(2022, 2, 23), Day(2022, 2, 25), Day(2022, 2, 26)], store.Snapshots(List).Select(s => s.Published));
        Assert.Equal(9083, store.SnapshotAt(List, Day(2021, 12, 31))!.EntityCount);
    }

    [Fact]
    public void A_dated_folder_is_one_publication_of_all_its_files()
    {
        var folder = Path.Combine(_dir, "sets");
        var set = Path.Combine(folder, "2023-12-28-sdn-add-alt");
        Directory.CreateDirectory(set);
        foreach (var f in Directory.GetFiles(TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt")))
        {
            File.Copy(f, Path.Combine(set, Path.GetFileName(f)));
        }

        using var store = SqliteListStore.Open(Path.Combine(_dir, "h.db"));
        var report = new HistoryImport(store).ImportFolder(List, folder);

        var item = Assert.Single(report.Items);
        Assert.Equal(("add.csv, alt.csv, sdn.csv", Day(2023, 12, 28), HistoryOutcome.Imported), (item.Source, item.Published, item.Outcome));
        Assert.Equal(["add.csv", "alt.csv", "sdn.csv"], store.Snapshots(List)[0].Files.Select(f => f.Name));
        var parsed = new OfacCsvParser().Parse(Directory.GetFiles(set).Select(SourceInput.FromPath).ToList(), new ParseContext(List)).Count();
        Assert.Equal(parsed, item.Entities);
    }

    [Fact]
    public void A_malformed_version_fails_naming_file_and_line_and_leaves_the_earlier_ones_imported()
    {
        var folder = Folder("sdn-2022-02-23.csv");
        var lines = File.ReadAllLines(TestPaths.Data("history/sdn-2022-02-23.csv"), Encoding.UTF8).Take(5).ToList();
        lines[3] = "99999,\"BROKEN ROW\",-0- ";
        File.WriteAllText(Path.Combine(folder, "sdn-2022-03-01.csv"), string.Join("\r\n", lines) + "\r\n\u001a");
        using var store = SqliteListStore.Open(Path.Combine(_dir, "h.db"));

        var ex = Assert.Throws<ListFormatException>(() => new HistoryImport(store).Run(List, folder));

        Assert.Equal("sdn-2022-03-01.csv, line 4: expected 12 columns, found 3", ex.Message);
        Assert.Equal(Day(2022, 2, 23), Assert.Single(store.Snapshots(List)).Published);
    }

    [Fact]
    public void Row_reuse_gives_exactly_what_a_plain_parse_gives_and_parses_only_new_rows()
    {
        var parser = new RowReuseParser(new OfacCsvParser());
        HashSet<string>? previousLines = null;
        foreach (var file in new[] { "sdn-2022-02-23.csv", "sdn-2022-02-25.csv", "sdn-2022-02-26.csv", "sdn-2022-03-04.csv" })
        {
            var input = SourceInput.FromPath(TestPaths.Data("history/" + file));
            var reused = parser.Parse([input], new ParseContext(List)).Select(e => EntityJson.Serialize(e)).ToList();
            var plain = new OfacCsvParser().Parse([input], new ParseContext(List)).Select(e => EntityJson.Serialize(e)).ToList();
            Assert.Equal(plain, reused);

            var lines = File.ReadAllLines(TestPaths.Data("history/" + file)).Where(l => l.Length > 0 && l != "\u001a").ToHashSet();
            Assert.Equal(previousLines is null ? lines.Count : lines.Count(l => !previousLines.Contains(l)), parser.LastParsedRows);
            previousLines = lines;
        }

        // 02-26 -> 03-04 spans three publications: 4 + 4 + 92 added rows and 8 changed ones.
        Assert.Equal(108, parser.LastParsedRows);
    }

    [Fact]
    public void Row_reuse_reports_a_malformed_row_at_its_true_line()
    {
        var parser = new RowReuseParser(new OfacCsvParser());
        var good = File.ReadAllBytes(TestPaths.Data("history/sdn-2022-02-23.csv"));
        _ = parser.Parse([SourceInput.FromBytes("sdn.csv", good)], new ParseContext(List)).Count();

        var lines = Encoding.UTF8.GetString(good).Split("\r\n").ToList();
        lines[5000] = "1,\"ONLY THREE\",-0- ";
        var bad = SourceInput.FromBytes("sdn.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));

        var ex = Assert.Throws<ListFormatException>(() => parser.Parse([bad], new ParseContext(List)).Count());
        Assert.Equal("sdn.csv, line 5001: expected 12 columns, found 3", ex.Message);
    }

    [Fact]
    public void Cli_changes_and_history_print_json_and_use_the_documented_exit_codes()
    {
        var db = Path.Combine(_dir, "cli.db");
        var folder = Folder("sdn-2022-02-25.csv", "sdn-2022-02-26.csv");
        Assert.Equal(0, Cli.Run(["import-history", "--db", db, "--list", List, folder]));

        var json = CaptureOut(() => Assert.Equal(0, Cli.Run(["changes", "--db", db, "--list", List, "--since", "2022-02-26", "--json"])));
        var report = JsonSerializer.Deserialize<ChangeReport>(json, ChangeLog.JsonOptions)!;
        var p = Assert.Single(report.Publications);
        Assert.Equal((4, 0, 2), (p.Added, p.Removed, p.Modified));
        Assert.Contains(p.Entries, e => e.EntityId == "ofac-sdn:35096" && e.Change == ChangeKind.Added);

        var history = JsonSerializer.Deserialize<EntityHistory>(CaptureOut(() => Assert.Equal(0, Cli.Run(["history", "--db", db, "ofac-sdn:35096", "--json"]))), ChangeLog.JsonOptions)!;
        Assert.Equal((EntityEventKind.Listed, Day(2022, 2, 26)), (history.Events[0].Event, history.FirstListed));

        Assert.Equal(4, Cli.Run(["history", "--db", db, "ofac-sdn:1"]));
        Assert.Equal(4, Cli.Run(["changes", "--db", db, "--list", "un-sc"]));
        Assert.Equal(2, Cli.Run(["changes", "--db", db, "--list", List, "--since", "yesterday"]));
        Assert.Equal(2, Cli.Run(["import-history", "--db", db, "--list", List, Path.Combine(_dir, "missing")]));
    }

    private static string CaptureOut(Action action)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(original);
        }

        return writer.ToString();
    }
}
