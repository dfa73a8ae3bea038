using System.Text.Json;

namespace Interdict.Tests.App;

/// <summary>
/// One database holding the eight dated OFAC SDN snapshots of tests/data/history, built once by the real
/// `import-history` command and copied for each test.
/// </summary>
public static class HistoryDbFixture
{
    private static readonly Lazy<string> Template = new(() =>
    {
        var cli = new CliRunner();
        var r = cli.Run("import-history", "--list", "ofac-sdn", TestPaths.Data("history"));
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException("import-history failed: " + r);
        }

        return cli.Db;
    });

    internal static string Copy()
    {
        var dst = Path.Combine(TestPaths.TempDir(), "interdict.db");
        File.Copy(Template.Value, dst);
        return dst;
    }
}

/// <summary>List history from the command line: what changed in each publication, and screening as of a date.</summary>
public class HistoryCliTests
{
    [Fact]
    public void Changes_reproduce_the_real_publication_of_25_February_2022()
    {
        var cli = new CliRunner(HistoryDbFixture.Copy());
        var r = cli.Run("changes", "--list", "ofac-sdn", "--since", "2022-02-25", "--until", "2022-02-25", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var p = doc.RootElement.GetProperty("publications").EnumerateArray().Single();
        // 2022-02-23 → 2022-02-25 spans two scraped publications: +2 on the 24th, then +91 and 4 changed (data README).
        Assert.Equal(93, p.GetProperty("added").GetInt32());
        Assert.Equal(0, p.GetProperty("removed").GetInt32());
        Assert.Equal(4, p.GetProperty("modified").GetInt32());
        Assert.Contains(p.GetProperty("programs").EnumerateArray(), x => x.GetProperty("program").GetString() == "RUSSIA-EO14024" && x.GetProperty("kind").GetString() == "Organization" && x.GetProperty("added").GetInt32() == 60);

        var text = cli.Run("changes", "--list", "ofac-sdn", "--since", "2022-02-25", "--until", "2022-02-25");
        Assert.Contains("RUSSIA-EO14024: +7 individuals, +60 entities", text.Stdout);
    }

    [Fact]
    public void Putin_is_listed_as_of_27_February_2022_and_not_as_of_the_24th()
    {
        var cli = new CliRunner(HistoryDbFixture.Copy());
        string Ids(string asOf)
        {
            var r = cli.Run("search", "Vladimir Putin", "--list", "ofac-sdn", "--as-of", asOf, "--json");
            Assert.True(r.ExitCode == 0, r.ToString());
            return r.Stdout;
        }

        Assert.DoesNotContain("ofac-sdn:35096", Ids("2022-02-24"));
        Assert.Contains("ofac-sdn:35096", Ids("2022-02-27"));
        Assert.Equal(0, cli.Run("show", "ofac-sdn:35096", "--as-of", "2022-02-27").ExitCode);
        Assert.Equal(4, cli.Run("show", "ofac-sdn:35096", "--as-of", "2022-02-24").ExitCode);
    }

    [Fact]
    public void Peskov_first_appears_in_the_4_March_2022_publication()
    {
        var cli = new CliRunner(HistoryDbFixture.Copy());
        var r = cli.Run("history", "ofac-sdn:35320", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var first = doc.RootElement.GetProperty("events")[0];
        Assert.Equal("Listed", first.GetProperty("event").GetString());
        Assert.StartsWith("2022-03-04", first.GetProperty("published").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, cli.Run("history", "ofac-sdn:99999999").ExitCode);
    }

    [Fact]
    public void As_of_before_the_first_snapshot_is_an_error()
    {
        var cli = new CliRunner(HistoryDbFixture.Copy());
        var r = cli.Run("search", "Putin", "--list", "ofac-sdn", "--as-of", "2020-01-01");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("2021-08-18", r.Stderr);
    }
}
