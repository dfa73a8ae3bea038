using Interdict.Model;

namespace Interdict.Tests.Model;

public class PartialDateTests
{
    [Theory]
    [InlineData("1962", DatePrecision.Year)]
    [InlineData("1962-11", DatePrecision.Month)]
    [InlineData("1962-11-23", DatePrecision.Day)]
    public void Round_trips_with_its_precision(string iso, DatePrecision precision)
    {
        var d = PartialDate.Parse(iso);
        Assert.Equal(precision, d.Precision);
        Assert.Equal(iso, d.ToString());
    }

    [Theory]
    [InlineData("1962-13")]
    [InlineData("1962-02-30")]
    [InlineData("62")]
    [InlineData("abcd")]
    public void Rejects_invalid_dates(string s) => Assert.False(PartialDate.TryParse(s, out _));

    [Fact]
    public void A_year_only_date_spans_the_whole_year()
    {
        var d = PartialDate.Parse("1962");
        Assert.Equal(new DateOnly(1962, 1, 1), d.Earliest);
        Assert.Equal(new DateOnly(1962, 12, 31), d.Latest);
    }

    [Fact]
    public void Countries_resolve_list_spellings()
    {
        Assert.Equal("KP", Countries.Resolve("Korea, North"));
        Assert.Equal("VE", Countries.Resolve("Venezuela"));
        Assert.Equal("RU", Countries.Resolve("Russia"));
        Assert.Equal("MM", Countries.Resolve("Burma"));
        Assert.Null(Countries.Resolve("Atlantis"));
    }
}
