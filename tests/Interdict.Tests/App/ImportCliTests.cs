using System.Text.Json;
using Interdict.Sources.Custom;

namespace Interdict.Tests.App;

/// <summary>`import` run as a user runs it: own lists through a column mapping, and every official format.</summary>
public class ImportCliTests
{
    private const string Blocklist = """
        Customer Name,Birth Date,Country,Passport No,Risk Note
        Ivan Petrovich Sidorov,1971-04-12,Russia,720000001,fraud case 2023
        Acme Shell Trading FZE,,AE,,
        Zhao Wenqiang,1985,China,,
        """;

    private static Dictionary<string, JsonElement> Lists(CliRunner cli)
    {
        var r = cli.Run("lists", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("list").GetString()!, e => e.Clone());
    }

    // The error console wraps long lines at 80 columns, after a space.
    private static string Flat(string s) => s.Replace("\n", "", StringComparison.Ordinal);

    private static int Entities(Dictionary<string, JsonElement> lists, string list) =>
        lists[list].GetProperty("current").GetProperty("entities").GetInt32();

    [Fact]
    public void An_own_blocklist_is_imported_through_a_mapping_listed_and_screened()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var file = Path.Combine(cli.WorkDir, "blocklist.csv");
        File.WriteAllText(file, Blocklist);
        var r = cli.Run("import", "--list", "my-blocklist", "--format", "csv", "--map", "name=Customer Name,dob=Birth Date,country=Country,passport=Passport No,remarks=Risk Note", file);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Imported my-blocklist", r.Stdout);
        Assert.Contains("3 entries", r.Stdout);

        var lists = Lists(cli);
        Assert.Equal(3, Entities(lists, "my-blocklist"));
        Assert.Equal(13821, Entities(lists, "ofac-sdn"));

        var ivan = "my-blocklist:" + MappedCsvParser.NativeIdOf("Ivan Petrovich Sidorov");
        var s = cli.Run("search", "Ivan Sidorov", "--dob", "1971", "--json");
        Assert.True(s.ExitCode == 0, s.ToString());
        using var doc = JsonDocument.Parse(s.Stdout);
        var first = doc.RootElement.GetProperty("matches")[0];
        Assert.Equal(ivan, first.GetProperty("entity_id").GetString());
        Assert.Equal("my-blocklist", first.GetProperty("list").GetString());
        Assert.Equal("person", first.GetProperty("type").GetString());

        var only = cli.Run("search", "Acme Shell Trading", "--list", "my-blocklist");
        Assert.True(only.ExitCode == 0, only.ToString());
        Assert.Contains("Acme Shell Trading FZE", only.Stdout);

        var show = cli.Run("show", ivan, "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("720000001", show.Stdout);
        Assert.Contains("fraud case 2023", show.Stdout);

        // The same file again: the same ids, so nothing is added or removed.
        var again = cli.Run("import", "--list", "my-blocklist", "--map", "name=Customer Name,dob=Birth Date,country=Country,passport=Passport No,remarks=Risk Note", file);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("(0 added, 0 removed, 0 changed, 3 unchanged)", again.Stdout);
    }

    [Fact]
    public void Own_list_mapping_errors_name_the_field_the_column_or_the_line()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var file = Path.Combine(cli.WorkDir, "blocklist.csv");
        File.WriteAllText(file, Blocklist);
        var before = cli.Run("lists", "--json").Stdout;

        var field = cli.Run("import", "--list", "my-blocklist", "--format", "csv", "--map", "name=Customer Name,birthday=Birth Date", file);
        Assert.Equal(2, field.ExitCode);
        Assert.Contains("unknown field 'birthday'", Flat(field.Stderr));

        var column = cli.Run("import", "--list", "my-blocklist", "--format", "csv", "--map", "name=Customer Name,dob=Date of Birth", file);
        Assert.Equal(3, column.ExitCode);
        Assert.Contains("blocklist.csv, line 1", Flat(column.Stderr));
        Assert.Contains("Date of Birth", Flat(column.Stderr));

        var noMap = cli.Run("import", "--list", "my-blocklist", "--format", "csv", file);
        Assert.Equal(2, noMap.ExitCode);
        Assert.Contains("--map", Flat(noMap.Stderr));

        File.WriteAllText(file, Blocklist.Replace("1985", "mid-1980s", StringComparison.Ordinal));
        var date = cli.Run("import", "--list", "my-blocklist", "--map", "name=Customer Name,dob=Birth Date", file);
        Assert.Equal(3, date.ExitCode);
        Assert.Contains("blocklist.csv, line 4", Flat(date.Stderr));
        Assert.Contains("'mid-1980s' in column 'Birth Date' is not a date", Flat(date.Stderr));

        var badId = cli.Run("import", "--list", "my:list", "--map", "name=Customer Name", file);
        Assert.Equal(2, badId.ExitCode);
        Assert.Equal(before, cli.Run("lists", "--json").Stdout);
    }

    [Fact]
    public void Every_official_format_imports_from_the_command_line_with_counts_equal_to_the_files()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());

        // CSV and TSV files state no publication date; OFSI's ConList.csv and the EU XML do.
        var csl = cli.Run("import", "--list", "us-csl", "--published", "2025-06-30", TestPaths.Data("us-csl/consolidated.csv"));
        Assert.True(csl.ExitCode == 0, csl.ToString());
        var noDate = cli.Run("import", "--list", "us-bis-dpl", TestPaths.Data("bis-dpl/dpl.txt"));
        Assert.Equal(2, noDate.ExitCode);
        Assert.Contains("give --published", Flat(noDate.Stderr));
        var dpl = cli.Run("import", "--list", "us-bis-dpl", "--published", "2025-06-30", TestPaths.Data("bis-dpl/dpl.txt"));
        Assert.True(dpl.ExitCode == 0, dpl.ToString());
        var uk = cli.Run("import", "--list", "uk-ofsi", TestPaths.Data("uk/ofsi-conlist-2018-04-13/ConList.csv"));
        Assert.True(uk.ExitCode == 0, uk.ToString());
        var eu = cli.Run("import", "--list", "eu-fsf", TestPaths.Data("eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml"));
        Assert.True(eu.ExitCode == 0, eu.ToString());

        var lists = Lists(cli);
        Assert.Equal(14048, Entities(lists, "us-csl"));
        Assert.Equal(545, Entities(lists, "us-bis-dpl"));
        Assert.Equal(2106, Entities(lists, "uk-ofsi"));
        Assert.Equal(595, Entities(lists, "eu-fsf"));
        Assert.Equal(13821, Entities(lists, "ofac-sdn"));
        Assert.Equal("us-csl-csv", lists["us-csl"].GetProperty("current").GetProperty("format").GetString());
        Assert.Equal("bis-dpl-tsv", lists["us-bis-dpl"].GetProperty("current").GetProperty("format").GetString());
        Assert.Equal("uk-ofsi-csv", lists["uk-ofsi"].GetProperty("current").GetProperty("format").GetString());
        Assert.Equal("eu-fsf-legacy-xml", lists["eu-fsf"].GetProperty("current").GetProperty("format").GetString());
        Assert.StartsWith("2018-04-13", lists["uk-ofsi"].GetProperty("current").GetProperty("published").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2016-02-11", lists["eu-fsf"].GetProperty("current").GetProperty("published").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2025-06-30", lists["us-csl"].GetProperty("current").GetProperty("published").GetString(), StringComparison.Ordinal);

        // A later publication cut off in the middle of a row: refused, and the snapshot above stays current.
        var before = cli.Run("lists", "--json").Stdout;
        var bytes = File.ReadAllBytes(TestPaths.Data("bis-dpl/dpl.txt"));
        var cut = Path.Combine(cli.WorkDir, "dpl.txt");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var bad = cli.Run("import", "--list", "us-bis-dpl", "--published", "2025-07-31", cut);
        Assert.Equal(3, bad.ExitCode);
        Assert.Contains("dpl.txt, line ", Flat(bad.Stderr));
        Assert.Contains("Nothing was changed", Flat(bad.Stderr));
        Assert.Equal(before, cli.Run("lists", "--json").Stdout);
        var search = cli.Run("search", "AEROCARGO DEL SUR TRANSPORTATION COMPANY", "--list", "us-bis-dpl", "--json");
        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.Contains("us-bis-dpl:", search.Stdout);
    }

    [Fact]
    public void An_ftm_export_imports_back_as_a_new_snapshot_of_its_list()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var file = Path.Combine(cli.WorkDir, "un.ftm.json");
        var export = cli.Run("export", "--format", "ftm", "--list", "un-sc", "--output", file);
        Assert.True(export.ExitCode == 0, export.ToString());
        var r = cli.Run("import", "--list", "un-sc", "--published", "2026-03-01", file);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lists = Lists(cli);
        Assert.Equal(1003, File.ReadLines(file).Count());
        Assert.Equal(1003, Entities(lists, "un-sc"));
        Assert.Equal(2, lists["un-sc"].GetProperty("snapshots").GetInt32());
        Assert.Equal("ftm", lists["un-sc"].GetProperty("current").GetProperty("format").GetString());
    }
}
