using Interdict.Matching;
using Interdict.Model;
using Interdict.Screening;
using Interdict.Sources;
using Interdict.Tests.Sources;

namespace Interdict.Tests.Screening;

/// <summary>
/// Grouping hits by party over three real lists: the bundled OFAC SDN (2023-12-28) and UN (2026-02-27) lists and the US
/// Consolidated Screening List of tests/data, which repeats the SDN entries under their SDN numbers.
/// </summary>
public class LinkedMatchesTests
{
    private static readonly Lazy<(List<Entity> Entities, CrossListLinks Links)> Lists = new(() =>
    {
        var sdn = ParserTestKit.Parser("ofac-csv")
            .Parse(new[] { "sdn.csv", "add.csv", "alt.csv" }.Select(f => SourceInput.FromPath(TestPaths.Bundled("ofac-sdn/2023-12-28/" + f))).ToList(), new ParseContext("ofac-sdn"));
        var un = ParserTestKit.Parser("un-xml").Parse([SourceInput.FromPath(TestPaths.Bundled("un-sc/2026-02-27/UN_consolidated.xml"))], new ParseContext("un-sc"));
        var csl = ParserTestKit.ParseFile("us-csl-csv", "us-csl", "us-csl/consolidated.csv");
        var all = sdn.Concat(un).Concat(csl).ToList();
        return (all, CrossListLinks.Build(all));
    });

    [Fact]
    public void Hafiz_Saeed_is_one_party_on_three_lists()
    {
        var also = Lists.Value.Links.AlsoListed("ofac-sdn:10689");
        Assert.Equal(["un-sc:QDi.263", "us-csl:10689"], also.Select(a => a.EntityId).Order(StringComparer.Ordinal));
        var un = Assert.Single(also, a => a.List == "un-sc");
        Assert.Equal(LinkReason.SharedIdentifier, un.Reason);
        Assert.Equal("HAFIZ MUHAMMAD SAEED", un.Name);
        Assert.Equal("also listed by United Nations Security Council as QDi.263 (same National ID No. 3520025509842-7 (Pakistan))", un.Description);
        Assert.Null(un.Score);
        Assert.Empty(Lists.Value.Links.AlsoListed("ofac-sdn:18619"));
    }

    [Fact]
    public void Hits_of_one_party_are_folded_under_the_best_with_their_scores()
    {
        var index = MatchIndex.Build(Lists.Value.Entities);
        var matches = index.Search(new ScreeningQuery { Name = "Hafiz Muhammad Saeed" }, new ScreeningOptions { Limit = 30 });
        var party = new[] { "ofac-sdn:10689", "un-sc:QDi.263", "us-csl:10689" };
        var hitsOfParty = matches.Where(m => party.Contains(m.Entity.Id)).ToList();
        Assert.True(hitsOfParty.Count >= 2, string.Join(", ", matches.Select(m => m.Entity.Id)));

        var grouped = Lists.Value.Links.Group(matches);
        var kept = Assert.Single(grouped, g => party.Contains(g.Match.Entity.Id));
        Assert.Equal(hitsOfParty[0].Entity.Id, kept.Match.Entity.Id);
        Assert.Equal(party.Where(p => p != kept.Match.Entity.Id).Order(StringComparer.Ordinal), kept.AlsoListed.Select(a => a.EntityId).Order(StringComparer.Ordinal));
        foreach (var folded in hitsOfParty.Skip(1))
        {
            var a = Assert.Single(kept.AlsoListed, a => a.EntityId == folded.Entity.Id);
            Assert.Equal(Math.Round(folded.Score, 4), a.Score);
            Assert.Equal(folded.MatchedName.Full, a.MatchedName);
        }

        Assert.All(matches.Where(m => Lists.Value.Links.AlsoListed(m.Entity.Id).Count == 0), m => Assert.Contains(grouped, g => g.Match.Entity.Id == m.Entity.Id));
        Assert.Equal(grouped.Select(g => g.Match.Score).OrderByDescending(s => s), grouped.Select(g => g.Match.Score));
    }
}
