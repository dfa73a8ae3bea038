using System.Text.Json;

namespace Interdict.Tests.App;

/// <summary>`search`, `screen` and `compare` run as a user runs them, on the bundled lists.</summary>
public class ScreeningCliTests
{
    [Fact]
    public void Search_finds_a_misspelled_name_and_explains_it()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("search", "Nikolas Madurro", "--explain");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("ofac-sdn:22790", r.Stdout);
        Assert.Contains("MADURO MOROS, Nicolas", r.Stdout);
        Assert.Contains("Madurro", r.Stdout);

        var j = cli.Run("search", "Nikolas Madurro", "--json", "--limit", "3");
        using var doc = JsonDocument.Parse(j.Stdout);
        var first = doc.RootElement.GetProperty("matches")[0];
        Assert.Equal("ofac-sdn:22790", first.GetProperty("entity_id").GetString());
        Assert.Equal("ofac-sdn", first.GetProperty("list").GetString());
        Assert.True(first.GetProperty("explanation").GetProperty("tokens").GetArrayLength() >= 2);
    }

    [Fact]
    public void Search_filters_by_list_and_type()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("search", "Nicolas Maduro Moros", "--list", "un-sc", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.All(doc.RootElement.GetProperty("matches").EnumerateArray(), m => Assert.Equal("un-sc", m.GetProperty("list").GetString()));
        var v = cli.Run("search", "EBANO", "--type", "person", "--json");
        using var vd = JsonDocument.Parse(v.Stdout);
        Assert.DoesNotContain(vd.RootElement.GetProperty("matches").EnumerateArray(), m => m.GetProperty("entity_id").GetString() == "ofac-sdn:4243");
    }

    [Theory]
    [InlineData("--dob", "23/11/1962", "dob '23/11/1962'")]
    [InlineData("--threshold", "1.5", "--threshold must be between 0 and 1")]
    [InlineData("--type", "spaceship", "type 'spaceship'")]
    [InlineData("--country", "Atlantis", "country 'Atlantis'")]
    public void Search_rejects_bad_options_as_usage_errors(string option, string value, string message)
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("search", "Maduro", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr + r.Stdout);
    }

    [Fact]
    public void Search_as_of_a_date_before_every_snapshot_is_an_error_not_an_empty_result()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.Run("search", "Maduro", "--as-of", "1990-01-01");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("earliest snapshot", r.Stderr);
    }

    [Fact]
    public void Screen_writes_one_json_line_per_row_in_order_and_reports_bad_rows()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var input = Path.Combine(cli.WorkDir, "customers.csv");
        File.WriteAllText(input, """
            id,name,type,dob,country,segment
            c1,Nicolas Maduro Moros,person,1962-11-23,VE,retail
            c2,Jane Example Ordinary,person,1980,GB,retail
            c3,"PESKOV, Dmitriy Sergeevich",person,1967,RU,private
            c4,Someone,person,not-a-date,,retail
            c5,,,,,empty
            c6,EBANO,vessel,,,shipping
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var output = Path.Combine(cli.WorkDir, "results.jsonl");
        var r = cli.Run("screen", "--input", input, "--output", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal(6, lines.Length);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["c1", "c2", "c3", "c4", "c5", "c6"], docs.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal("ofac-sdn:22790", docs[0].GetProperty("matches")[0].GetProperty("entity_id").GetString());
        Assert.Empty(docs[1].GetProperty("matches").EnumerateArray());
        Assert.Contains(docs[2].GetProperty("matches").EnumerateArray(), m => m.GetProperty("name").GetString() == "PESKOV, Dmitriy Sergeevich");
        Assert.Contains("line 5", docs[3].GetProperty("error").GetString());
        Assert.Contains("not-a-date", docs[3].GetProperty("error").GetString());
        Assert.Contains("line 6", docs[4].GetProperty("error").GetString());
        Assert.Equal("ofac-sdn:4243", docs[5].GetProperty("matches")[0].GetProperty("entity_id").GetString());
        foreach (var d in docs.Where(d => !d.TryGetProperty("error", out _)))
        {
            var scores = d.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("score").GetDouble()).ToList();
            Assert.Equal(scores.OrderByDescending(s => s), scores);
            Assert.All(scores, s => Assert.True(s >= 0.80));
        }

        Assert.Contains("customers.csv, line 5", r.Stderr);
        Assert.Contains("customers.csv, line 6", r.Stderr);
    }

    [Fact]
    public void Screen_honours_threshold_and_limit()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var r = cli.RunWithInput("id,name\nx,Mohammed Ali\n", "screen", "--input", "-", "--threshold", "0.5", "--limit", "3", "--no-explain");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout.Trim());
        var matches = doc.RootElement.GetProperty("matches").EnumerateArray().ToList();
        Assert.InRange(matches.Count, 1, 3);
        Assert.All(matches, m => Assert.False(m.TryGetProperty("explanation", out _)));
    }

    [Fact]
    public void Screen_errors_name_the_file_and_problem()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var missing = cli.Run("screen", "--input", "nope.csv");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("input file not found: nope.csv", missing.Stderr);
        var badHeader = cli.RunWithInput("who,what\n1,2\n", "screen", "--input", "-");
        Assert.Equal(3, badHeader.ExitCode);
        Assert.Contains("the header must name the columns id and name", badHeader.Stderr);
    }

    [Fact]
    public void Compare_scores_followthemoney_pairs()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var input = string.Join('\n',
            """{"id": "p1", "schema": "Person", "query": {"name": ["Nicolas Maduro"], "birthDate": ["1962"], "nationality": ["ve"]}, "candidate": {"name": ["MADURO MOROS, Nicolas"], "birthDate": ["1962-11-23"]}}""",
            """{"id": "p2", "schema": "Person", "query": {"firstName": ["John"], "lastName": ["Smith"]}, "candidate": {"name": ["MADURO MOROS, Nicolas"]}}""",
            """{"id": "p3", "schema": "Person", "query": {"name": ["Nicolas Maduro"], "birthDate": ["1980"]}, "candidate": {"name": ["MADURO MOROS, Nicolas"], "birthDate": ["1962-11-23"]}}""",
            """{"id": "p4", "schema": "Person" """,
            """{"id": "p5", "schema": "Company", "query": {"name": ["Rosneft Oil Company"]}, "candidate": {"name": ["OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY"]}}""") + "\n";
        var r = cli.RunWithInput(input, "compare", "--input", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.True(lines[0].GetProperty("match").GetBoolean());
        Assert.False(lines[1].GetProperty("match").GetBoolean());
        Assert.True(lines[2].GetProperty("score").GetDouble() < lines[0].GetProperty("score").GetDouble(), "a conflicting date of birth lowers the score");
        Assert.Contains("line 4", lines[3].GetProperty("error").GetString());
        Assert.True(lines[4].GetProperty("match").GetBoolean());
    }
}
