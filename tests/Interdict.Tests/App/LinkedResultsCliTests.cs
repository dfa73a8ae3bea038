using System.Text.Json;

namespace Interdict.Tests.App;

/// <summary>One party on several lists is one screening result, on the bundled OFAC SDN and UN lists.</summary>
public class LinkedResultsCliTests
{
    private static List<JsonElement> Matches(CliRunner cli, params string[] args)
    {
        var r = cli.Run(["search", .. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement.GetProperty("matches").EnumerateArray().Select(m => m.Clone()).ToList();
    }

    private static string Id(JsonElement m) => m.GetProperty("entity_id").GetString()!;

    private static List<JsonElement> AlsoListed(JsonElement m) =>
        m.TryGetProperty("also_listed", out var a) ? a.EnumerateArray().ToList() : [];

    [Fact]
    public void Hafiz_Saeed_on_OFAC_and_the_UN_is_one_result_linked_by_his_national_id()
    {
        // SDN 10689 SAEED, Muhammad (a.k.a. SAEED, Hafiz Muhammad) and UN QDi.263 HAFIZ MUHAMMAD SAEED share NIC 3520025509842-7.
        var cli = new CliRunner(BundledDbFixture.Copy());
        var matches = Matches(cli, "Hafiz Muhammad Saeed", "--limit", "20");
        var hit = Assert.Single(matches, m => Id(m) is "ofac-sdn:10689" or "un-sc:QDi.263");
        var other = Id(hit) == "ofac-sdn:10689" ? "un-sc:QDi.263" : "ofac-sdn:10689";
        var also = Assert.Single(AlsoListed(hit), a => a.GetProperty("entity_id").GetString() == other);
        Assert.Equal(other[..other.IndexOf(':', StringComparison.Ordinal)], also.GetProperty("list").GetString());
        Assert.Equal("shared_identifier", also.GetProperty("reason").GetString());
        Assert.Contains("3520025509842-7", also.GetProperty("explanation").GetString());
        Assert.Equal(other == "un-sc:QDi.263" ? "HAFIZ MUHAMMAD SAEED" : "SAEED, Muhammad", also.GetProperty("name").GetString());

        // The other entry matched too: it is folded under the better hit with its own score, not listed again.
        Assert.True(also.GetProperty("score").GetDouble() <= hit.GetProperty("score").GetDouble());

        var table = cli.Run("search", "Hafiz Muhammad Saeed", "--limit", "20");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(
            other == "un-sc:QDi.263"
                ? "also listed by United Nations Security Council as QDi.263 (same National ID No. 3520025509842-7 (Pakistan))"
                : "also listed by US Treasury OFAC as 10689 (same National ID No. 3520025509842-7 (Pakistan))",
            table.Stdout.Replace("\n", "", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_hit_on_one_list_shows_its_entry_on_another_even_when_that_one_is_not_a_hit()
    {
        // Mullah Krekar: SDN 10007 and UN QDi.226 share name and full date of birth. Searching the SDN list alone still
        // says that the UN lists him.
        var cli = new CliRunner(BundledDbFixture.Copy());
        var matches = Matches(cli, "Najmuddin Faraj Ahmad", "--list", "ofac-sdn");
        Assert.All(matches, m => Assert.Equal("ofac-sdn", m.GetProperty("list").GetString()));
        var krekar = Assert.Single(matches, m => Id(m) == "ofac-sdn:10007");
        var un = Assert.Single(AlsoListed(krekar));
        Assert.Equal("un-sc:QDi.226", un.GetProperty("entity_id").GetString());
        Assert.Equal("name_and_birth_date", un.GetProperty("reason").GetString());
        Assert.False(un.TryGetProperty("score", out _));
    }

    [Fact]
    public void Namesakes_without_strong_evidence_stay_separate_results()
    {
        // KIM, Yong Chol is twice on the SDN list (12211, 17614) and once on the UN list (KPi.024): a name held twice in
        // one list never links, so the three stay three results with nothing "also listed".
        var cli = new CliRunner(BundledDbFixture.Copy());
        var matches = Matches(cli, "Kim Yong Chol", "--limit", "20");
        foreach (var id in new[] { "ofac-sdn:12211", "ofac-sdn:17614", "un-sc:KPi.024" })
        {
            var m = Assert.Single(matches, m => Id(m) == id);
            Assert.Empty(AlsoListed(m));
        }
    }

    [Fact]
    public void Batch_screening_groups_linked_hits_in_its_json_lines()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var input = Path.Combine(cli.WorkDir, "customers.csv");
        File.WriteAllText(input, "id,name,type,dob,country\nk1,Hafiz Muhammad Saeed,person,1950,PK\nk2,Kim Yong Chol,person,,\n");
        var output = Path.Combine(cli.WorkDir, "results.jsonl");
        var r = cli.Run("screen", "--input", input, "--output", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        var docs = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var first = docs[0].GetProperty("matches")[0];
        Assert.Equal("ofac-sdn:10689", Id(first));
        Assert.Equal("un-sc:QDi.263", Assert.Single(AlsoListed(first)).GetProperty("entity_id").GetString());
        Assert.DoesNotContain(docs[0].GetProperty("matches").EnumerateArray(), m => Id(m) == "un-sc:QDi.263");
        var kims = docs[1].GetProperty("matches").EnumerateArray().ToList();
        foreach (var id in new[] { "ofac-sdn:12211", "ofac-sdn:17614", "un-sc:KPi.024" })
        {
            Assert.Empty(AlsoListed(Assert.Single(kims, m => Id(m) == id)));
        }
    }
}
