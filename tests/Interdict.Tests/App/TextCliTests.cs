using System.Text.Json;

namespace Interdict.Tests.App;

/// <summary>screen-text and screen-payment, run as a user runs them.</summary>
public class TextCliTests
{
    private static readonly string News = TestPaths.Data("text/news-2021-04-16-us-sanctions-russia.txt");

    [Fact]
    public void Screen_text_json_lists_mentions_and_places()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("screen-text", News, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var ids = doc.RootElement.GetProperty("mentions").EnumerateArray().Select(m => m.GetProperty("entity_id").GetString()).Distinct().Order().ToList();
        Assert.Equal(["ofac-sdn:35096", "ofac-sdn:35320"], ids);
        Assert.Equal("UKRAINE-EO13685", doc.RootElement.GetProperty("places")[0].GetProperty("program").GetString());
    }

    [Fact]
    public void Screen_text_reads_standard_input_and_highlights_spans()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.RunWithInput("Kremlin spokesperson Dmitry Peskov spoke about Crimea.", "screen-text", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("[Dmitry Peskov]{ofac-sdn:35320 0.84}", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("[Crimea]{UKRAINE-EO13685}", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void As_of_before_the_first_listing_reports_neither_Putin_nor_Peskov()
    {
        // Back-filling an older publication of ofac-sdn is not supported on main yet (the history branch), so the
        // 2021-08-18 SDN file goes in as a list of its own: as of 2021-09-01 it is the only snapshot in force.
        var cli = new CliRunner(BundledDbFixture.Copy());
        var import = cli.Run("import", "--list", "ofac-sdn-2021", "--published", "2021-08-18", "--format", "ofac-csv", TestPaths.Data("history/sdn-2021-08-18.csv"));
        Assert.True(import.ExitCode == 0, import.ToString());

        var then = cli.Run("screen-text", News, "--json", "--as-of", "2021-09-01");
        Assert.True(then.ExitCode == 0, then.ToString());
        using var doc = JsonDocument.Parse(then.Stdout);
        Assert.Empty(doc.RootElement.GetProperty("mentions").EnumerateArray());
        Assert.Equal("ofac-sdn-2021", Assert.Single(doc.RootElement.GetProperty("snapshots").EnumerateArray()).GetProperty("list").GetString());
        Assert.Single(doc.RootElement.GetProperty("places").EnumerateArray());

        var now = cli.Run("screen-text", News, "--json");
        Assert.Contains("ofac-sdn:35320", now.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void As_of_before_the_earliest_snapshot_is_a_clear_error()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("screen-text", News, "--as-of", "2001-01-01");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("no list snapshot exists as of 2001-01-01", r.Stderr.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Screen_payment_prints_findings_with_paths()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("screen-payment", TestPaths.Data("payments/mt103-59f-crimea.fin"), "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("alert").GetBoolean());
        var hits = doc.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Contains(hits, h => h.GetProperty("kind").GetString() == "bic" && h.GetProperty("path").GetString() == ":57A:" && h.GetProperty("entity_id").GetString() == "ofac-sdn:19034");
        Assert.Contains(hits, h => h.GetProperty("kind").GetString() == "place" && h.GetProperty("path").GetString() == ":70:" && h.GetProperty("value").GetString() == "CRIMEAN");
    }

    [Fact]
    public void Malformed_payment_exits_3_naming_the_field()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var file = Path.Combine(cli.WorkDir, "bad.fin");
        File.WriteAllText(file, "{1:F01DEUTDEFFAXXX0000000000}{2:I103MORKUAUKXXXXN}{4:\n:20:X\n:32A:231228EUR7450,00\n-}");
        var r = cli.Run("screen-payment", file);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("bad.fin", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("missing mandatory field :23B:", r.Stderr.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }
}
