using System.Text;
using System.Text.Json;

namespace Interdict.Tests.App;

/// <summary>The EU FSF v1.1 excerpts through the real `interdict` program on a real SQLite database with the bundled lists.</summary>
public class EuFsfCliTests
{
    private const string Dir = "eu/eu-fsf-1.1-xml-excerpts/";

    private static string Flat(string s) => s.Replace("\n", "", StringComparison.Ordinal);

    [Fact]
    public void The_excerpt_imports_without_a_format_and_show_prints_the_entry_as_published_while_bad_files_change_nothing()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("import", "--list", "eu-fsf", TestPaths.Data(Dir + "excerpt-2026-08-05-b.xml"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("5 entries", r.Stdout);

        var show = cli.Run("show", "eu-fsf:6106");
        Assert.True(show.ExitCode == 0, show.ToString());
        foreach (var expected in new[] { "Abu Zayd Umar DORDA", "ABÚ ZAJD UMAR DÚRDA", "1944-04-04", "FK117RK0", "LYi.006", "EU.3886.3", "LBY", "2011-02-26", "Alrhaybat" })
        {
            Assert.Contains(expected, show.Stdout);
        }

        var before = cli.Run("lists", "--json").Stdout;
        Assert.Contains("\"eu-fsf-xml\"", before);

        // A later publication cut off mid-entry, one in Latin-1, and another list's file under --format eu-fsf-xml.
        var text = File.ReadAllText(TestPaths.Data(Dir + "excerpt-2026-08-05-b.xml"));
        var cut = Path.Combine(cli.WorkDir, "cut.xml");
        File.WriteAllText(cut, text[..text.IndexOf("<nameAlias", text.Length / 2, StringComparison.Ordinal)]);
        var latin1 = Path.Combine(cli.WorkDir, "latin1.xml");
        File.WriteAllBytes(latin1, Encoding.Latin1.GetBytes(text.Replace("2026-08-05T16:47", "2026-08-06T16:47", StringComparison.Ordinal)));
        foreach (var (file, format, where) in new[]
        {
            (cut, (string?)null, "cut.xml, line "),
            (latin1, null, "latin1.xml, line "),
            (TestPaths.Data("un/UN_consolidated.xml"), "eu-fsf-xml", "UN_consolidated.xml, line 2, element <CONSOLIDATED_LIST>"),
        })
        {
            var args = new List<string> { "import", "--list", "eu-fsf" };
            if (format is not null)
            {
                args.AddRange(["--format", format]);
            }

            args.Add(file);
            var bad = cli.Run([.. args]);
            Assert.True(bad.ExitCode == 3, bad.ToString());
            Assert.Contains(where, Flat(bad.Stderr));
            Assert.Contains("Nothing was changed", Flat(bad.Stderr));
            Assert.Equal(before, cli.Run("lists", "--json").Stdout);
        }

        Assert.Contains("Abu Zayd Umar DORDA", cli.Run("show", "eu-fsf:6106").Stdout);
    }

    [Fact]
    public void Saddam_hussein_on_the_eu_list_is_one_result_with_his_un_and_ofac_entries()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("import", "--list", "eu-fsf", TestPaths.Data(Dir + "excerpt-2026-08-05-a.xml"));
        Assert.True(r.ExitCode == 0, r.ToString());

        var s = cli.Run("search", "Saddam Hussein Al-Tikriti", "--json");
        Assert.True(s.ExitCode == 0, s.ToString());
        using var doc = JsonDocument.Parse(s.Stdout);
        var hit = doc.RootElement.GetProperty("matches").EnumerateArray()
            .Single(m => m.GetProperty("entity_id").GetString() is "eu-fsf:13" or "un-sc:IQi.001" or "ofac-sdn:7843");
        var party = hit.GetProperty("also_listed").EnumerateArray().Select(a => a.GetProperty("entity_id").GetString())
            .Append(hit.GetProperty("entity_id").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(["eu-fsf:13", "ofac-sdn:7843", "un-sc:IQi.001"], party);
    }
}
