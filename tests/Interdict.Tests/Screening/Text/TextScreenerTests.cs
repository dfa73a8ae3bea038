using Interdict.Matching;
using Interdict.Screening.Text;

namespace Interdict.Tests.Screening.Text;

public class TextScreenerTests(BundledScreener bundled) : IClassFixture<BundledScreener>
{
    private static readonly string News = File.ReadAllText(TestPaths.Data("text/news-2021-04-16-us-sanctions-russia.txt"));

    private TextScreener Screener => new(bundled.Screener);

    [Fact]
    public void A_party_on_OFAC_and_the_UN_is_one_mention_with_the_other_listing()
    {
        var r = Screener.Screen("A court in Lahore sentenced Hafiz Muhammad Saeed, the founder of Lashkar-e-Taiba, to another term.");
        Assert.DoesNotContain(r.Mentions, m => m.EntityId == "un-sc:QDi.263");
        var saeed = Assert.Single(r.Mentions, m => m.EntityId == "ofac-sdn:10689");
        Assert.Equal("Hafiz Muhammad Saeed", saeed.Text);
        var un = Assert.Single(saeed.AlsoListed, a => a.EntityId == "un-sc:QDi.263");

        // The UN entry matched the same words, so it carries its own score rather than disappearing.
        Assert.NotNull(un.Score);
        Assert.Equal("HAFIZ MUHAMMAD SAEED", un.MatchedName);

        // "Muhammad Saeed" inside the name is not a second name: no mention of other listed Muhammad Saeeds there.
        Assert.DoesNotContain(r.Mentions, m => m.Start > saeed.Start && m.End <= saeed.End);
    }

    [Fact]
    public void News_finds_Putin_and_Peskov_as_full_mentions_with_offsets()
    {
        var r = Screener.Screen(News);
        var putin = Assert.Single(r.Mentions, m => m.EntityId == "ofac-sdn:35096" && m.Kind == MentionKind.Full);
        Assert.Equal((207, "Vladimir Putin"), (putin.Start, News.Substring(putin.Start, putin.Length)));
        Assert.Equal("PUTIN, Vladimir Vladimirovich", putin.EntityName);
        Assert.Contains("RUSSIA-EO14024", putin.Programs);

        var peskov = Assert.Single(r.Mentions, m => m.EntityId == "ofac-sdn:35320");
        Assert.Equal((296, "Dmitry Peskov", MentionKind.Full, "Kremlin spokesperson"), (peskov.Start, peskov.Text, peskov.Kind, peskov.Title));
        Assert.Equal("PESKOV, Dmitriy Sergeevich", peskov.EntityName);
        Assert.InRange(peskov.Score, ScreeningOptions.DefaultThreshold, 1);
        Assert.Contains(peskov.Explanation.Tokens, t => t.QueryToken == "Peskov" && t.MatchedToken == "PESKOV" && t.Kind == "exact");
    }

    [Fact]
    public void President_Putin_alone_is_a_partial_mention_scored_below_the_full_one()
    {
        var r = Screener.Screen(News);
        var full = r.Mentions.Single(m => m.EntityId == "ofac-sdn:35096" && m.Kind == MentionKind.Full);
        var partial = r.Mentions.Where(m => m.EntityId == "ofac-sdn:35096" && m.Kind == MentionKind.Partial).ToList();
        Assert.Equal(3, partial.Count);
        Assert.All(partial, p =>
        {
            Assert.Equal("Putin", p.Text);
            Assert.Equal("President", p.Title);
            Assert.True(p.Score < full.Score);
            Assert.Equal(Math.Round(full.Score * TextScreeningOptions.PartialFactor, 4), p.Score);
            Assert.Contains(p.Explanation.Adjustments, a => a.Reason.Contains("Vladimir Putin", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void News_reports_Crimea_as_a_sanctioned_region_and_nothing_for_Biden_Treasury_OFAC_or_the_US()
    {
        var r = Screener.Screen(News);
        var crimea = Assert.Single(r.Places);
        Assert.Equal(("Crimea", "UKRAINE-EO13685", "UA-43", 1245), (crimea.Text, crimea.Program, crimea.PlaceId, crimea.Start));

        // Only Putin (1 full + 3 partial) and Peskov: Joe Biden, the Treasury, OFAC and the United States raise nothing.
        Assert.Equal(5, r.Mentions.Count);
        Assert.All(r.Mentions, m => Assert.Contains(m.EntityId, new[] { "ofac-sdn:35096", "ofac-sdn:35320" }));
        foreach (var word in new[] { "Biden", "Treasury", "OFAC", "United States", "US", "Russia" })
        {
            Assert.DoesNotContain(r.Mentions, m => m.Text.Contains(word, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("clean-business-quarterly.txt")]
    [InlineData("clean-markets-trade.txt")]
    [InlineData("clean-news-council.txt")]
    public void Clean_prose_raises_no_alert_at_the_default_threshold(string file)
    {
        var text = File.ReadAllText(TestPaths.Data("text/" + file));
        var r = Screener.Screen(text);
        Assert.True(r.Candidates > 10, $"{file}: only {r.Candidates} candidate spans");
        Assert.Empty(r.Mentions);
        Assert.Empty(r.Places);
    }

    [Fact]
    public void Upper_case_list_order_possessive_and_hyphenation_are_read()
    {
        var text = "KREMLIN SPOKESMAN PESKOV, DMITRIY SERGEEVICH SAID.\nLater, Vladimir Pu-\ntin's aide replied.";
        var r = Screener.Screen(text);
        var peskov = Assert.Single(r.Mentions, m => m.EntityId == "ofac-sdn:35320");
        Assert.Equal(MentionKind.Full, peskov.Kind);
        Assert.StartsWith("PESKOV, DMITRIY", peskov.Text, StringComparison.Ordinal);
        var putin = Assert.Single(r.Mentions, m => m.EntityId == "ofac-sdn:35096");
        Assert.Equal(("Vladimir Putin", "Vladimir Pu-\ntin's"), (putin.Query, text.Substring(putin.Start, putin.Length + 2)));
    }

    [Fact]
    public void Names_in_cyrillic_are_found_with_crimea_in_russian()
    {
        var text = "Пресс-секретарь Дмитрий Песков заявил, что Владимир Путин приедет в Крым.";
        var r = Screener.Screen(text);
        Assert.Equal(["Дмитрий Песков", "Владимир Путин"], r.Mentions.Select(m => m.Text));
        Assert.Equal(["ofac-sdn:35320", "ofac-sdn:35096"], r.Mentions.Select(m => m.EntityId));
        Assert.All(r.Mentions, m => Assert.Equal(MentionKind.Full, m.Kind));
        Assert.Equal(("Крым", "UKRAINE-EO13685"), (Assert.Single(r.Places).Text, r.Places[0].Program));
    }

    [Fact]
    public void A_surname_alone_without_a_full_mention_is_not_an_alert()
    {
        var r = Screener.Screen("Reporters asked about Peskov yesterday.");
        Assert.Empty(r.Mentions);
    }

    [Fact]
    public void A_vessel_after_its_prefix_is_found()
    {
        var r = Screener.Screen("CHARTER HIRE 15 DAYS MV MARSHAL ZHUKOV IMO 9690224 NOVOROSSIYSK-ISTANBUL");
        var vessel = Assert.Single(r.Mentions, m => m.EntityId == "ofac-sdn:21115");
        Assert.Equal(("MARSHAL ZHUKOV", "MV", MentionKind.Full), (vessel.Text, vessel.Title, vessel.Kind));
    }

    [Fact]
    public void A_lower_threshold_only_adds_mentions()
    {
        var strict = Screener.Screen(News);
        var loose = Screener.Screen(News, new TextScreeningOptions { Threshold = 0.7 });
        Assert.True(loose.Mentions.Count >= strict.Mentions.Count);
        Assert.All(strict.Mentions, m => Assert.Contains(loose.Mentions, l => l.EntityId == m.EntityId && l.Start == m.Start));
    }
}
