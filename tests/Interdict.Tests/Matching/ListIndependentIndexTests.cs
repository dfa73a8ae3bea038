using Interdict.Matching;
using Interdict.Sources;
using Interdict.Sources.Ofac;

namespace Interdict.Tests.Matching;

public class ListIndependentIndexTests
{
    [Fact]
    public void Weights_and_scores_do_not_depend_on_the_other_entries()
    {
        var all = new OfacCsvParser().Parse([SourceInput.FromPath(TestPaths.Data("history/sdn-2022-02-26.csv"))], new ParseContext("ofac-sdn")).ToList();
        var putin = all.Single(e => e.Id == "ofac-sdn:35096");
        var whole = MatchIndex.BuildListIndependent(all);
        var alone = MatchIndex.BuildListIndependent([putin]);
        Assert.Equal(whole.TokenWeight("Vladimirovich"), alone.TokenWeight("Vladimirovich"));
        Assert.Equal(whole.TokenWeight("Sergei"), alone.TokenWeight("Sergei"));

        // The default index counts its own entries: the same word weighs differently in the two.
        Assert.NotEqual(MatchIndex.Build(all).TokenWeight("Vladimirovich"), MatchIndex.Build([putin]).TokenWeight("Vladimirovich"));

        var query = new ScreeningQuery { Name = "Vladimir Vladimirovich Putin" };
        var a = whole.Search(query).Single(m => m.Entity.Id == putin.Id);
        var b = alone.Search(query).Single();
        Assert.Equal(a.Score, b.Score);
        Assert.True(a.Score >= ScreeningOptions.DefaultThreshold);
    }
}
