using System.Text.Json;

namespace Interdict.Tests.App;

/// <summary>The foundation commands, run as a user runs them, on the bundled official lists.</summary>
public class FoundationCliTests
{
    [Fact]
    public void First_use_loads_the_bundled_lists_with_counts_equal_to_the_files()
    {
        var r = BundledDbFixture.FirstRunResult;
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("ofac-sdn", r.Stdout);
        Assert.Contains("13,821", r.Stdout);
        Assert.Contains("un-sc", r.Stdout);
        Assert.Contains("ofac-cons", r.Stdout);

        var cli = new CliRunner(BundledDbFixture.Copy());
        var json = cli.Run("lists", "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        var byList = doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("list").GetString()!, e => e.GetProperty("current").GetProperty("entities").GetInt32());
        Assert.Equal(13821, byList["ofac-sdn"]);
        Assert.Equal(442, byList["ofac-cons"]);
        var unXml = File.ReadAllText(TestPaths.Bundled("un-sc/2026-02-27/UN_consolidated.xml"));
        var unCount = CountOccurrences(unXml, "<INDIVIDUAL>") + CountOccurrences(unXml, "<ENTITY>");
        Assert.Equal(unCount, byList["un-sc"]);
    }

    [Fact]
    public void Show_prints_the_structured_record_of_Maduro()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("show", "ofac-sdn:22790");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("MADURO MOROS, Nicolas", r.Stdout);
        Assert.Contains("1962-11-23", r.Stdout);
        Assert.Contains("5892464", r.Stdout);
        Assert.Contains("Venezuela", r.Stdout);
        Assert.Contains("VENEZUELA", r.Stdout);

        var j = cli.Run("show", "ofac-sdn:22790", "--json");
        Assert.Equal(0, j.ExitCode);
        using var doc = JsonDocument.Parse(j.Stdout);
        Assert.Contains(doc.RootElement.GetProperty("identifiers").EnumerateArray(), i => i.GetProperty("value").GetString() == "5892464");
    }

    [Fact]
    public void Show_prints_a_vessel_with_its_IMO_number()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("show", "ofac-sdn:4243");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("EBANO", r.Stdout);
        Assert.Contains("7406784", r.Stdout);
        Assert.Contains("General Cargo", r.Stdout);
    }

    [Fact]
    public void Show_of_an_unknown_id_is_not_found()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("show", "ofac-sdn:999999999");
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("no entity 'ofac-sdn:999999999'", r.Stderr);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("lists", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Programs_lists_the_April_2021_EO14024_designations_from_the_2021_07_set()
    {
        var cli = new CliRunner();
        var dir = TestPaths.Data("ofac/sdn-csv/2021-07-complete");
        // The database starts with the bundled 2023-12-28 publication; the 2021 one is older and slots in before it.
        var r = cli.Run("import", "--list", "ofac-sdn", "--published", "2021-07-01",
            Path.Combine(dir, "sdn.csv"), Path.Combine(dir, "add.csv"), Path.Combine(dir, "alt.csv"), Path.Combine(dir, "sdn_comments.csv"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("8,976", r.Stdout);
        var p = cli.Run("programs", "RUSSIA-EO14024", "--list", "ofac-sdn", "--as-of", "2021-07-02", "--json");
        Assert.True(p.ExitCode == 0, p.ToString());
        using var doc = JsonDocument.Parse(p.Stdout);
        var names = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
        // The six Russian technology companies designated on 15 April 2021 under EO 14024 (AST, Neobit, Pasit,
        // Positive Technologies, SVA, ERA Technopolis), as OFAC spells them; in July 2021 the program had no others.
        Assert.Equal(6, names.Count);
        foreach (var company in new[] { "OBSHCHESTVO AST", "NEOBIT", "PASIT", "POZITIV TEKNOLODZHIZ", "SPECIALIZED SECURITY COMPUTING", "TECHNOPOLIS ERA" })
        {
            Assert.Contains(names, n => n.Contains(company, StringComparison.Ordinal));
        }

        var all = cli.Run("programs", "--as-of", "2021-07-02");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("RUSSIA-EO14024", all.Stdout);
    }

    [Fact]
    public void Export_writes_FollowTheMoney_json_lines_for_every_entity()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var outFile = Path.Combine(cli.WorkDir, "out.ftm.json");
        var r = cli.Run("export", "--format", "ftm", "--list", "ofac-sdn", "--output", outFile);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = File.ReadLines(outFile).ToList();
        Assert.Equal(13821, lines.Count);
        var maduro = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("id").GetString() == "ofac-sdn:22790");
        Assert.Equal("Person", maduro.GetProperty("schema").GetString());
        Assert.Contains(maduro.GetProperty("properties").GetProperty("birthDate").EnumerateArray(), d => d.GetString() == "1962-11-23");
    }

    private static int CountOccurrences(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
