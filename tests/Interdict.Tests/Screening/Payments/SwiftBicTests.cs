using Interdict.Screening.Payments;

namespace Interdict.Tests.Screening.Payments;

public class SwiftBicTests
{
    [Theory]
    [InlineData("SABRRUMM", "RU")]
    [InlineData("KDBKKPPY", "KP")]
    [InlineData("CBSYSYDA", "SY")]
    [InlineData("MORKUAUK", "UA")]
    [InlineData("DEUTDEFF500", "DE")]
    [InlineData("HMESDEH1XXX", "DE")]
    public void Country_comes_from_characters_5_and_6(string bic, string country)
    {
        Assert.True(SwiftBic.IsValid(bic));
        Assert.Equal(country, SwiftBic.CountryOf(bic));
    }

    [Theory]
    [InlineData("SABRRUM")]
    [InlineData("SABRRUMMX")]
    [InlineData("SABRRUMMXX")]
    [InlineData("SABR RUMM")]
    [InlineData("sabrrumm")]
    [InlineData("SABR1UMM")]
    [InlineData("SABRZZMM")]
    [InlineData("")]
    public void Malformed_bics_are_invalid(string bic)
    {
        Assert.False(SwiftBic.IsValid(bic));
        Assert.Null(SwiftBic.CountryOf(bic));
    }

    [Fact]
    public void Normalize_upper_cases_and_trims() => Assert.Equal("SABRRUMM", SwiftBic.Normalize(" sabrrumm "));

    [Fact]
    public void Listed_bics_in_the_ofac_sdn_remarks_are_well_formed()
    {
        // Every "SWIFT/BIC xxxx" remark of the 2023-12-28 SDN list should pass the shape check.
        var text = File.ReadAllText(TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/sdn.csv"));
        var bics = System.Text.RegularExpressions.Regex.Matches(text, @"SWIFT/BIC ([A-Z0-9]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(153, bics.Count);
        Assert.Contains("SABRRUMM", bics);
        Assert.All(bics, b => Assert.True(SwiftBic.IsValid(b), b));
        Assert.Equal(13, bics.Count(b => SwiftBic.CountryOf(b) == "KP"));
    }

    [Theory]
    [InlineData("DE89370400440532013000", "DE")]
    [InlineData("IR270170000000100324200001", "IR")]
    [InlineData("GB29 NWBK 6016 1331 9268 19", "GB")]
    public void Iban_country_when_the_check_digits_hold(string iban, string country)
    {
        Assert.True(Iban.IsValid(iban));
        Assert.Equal(country, Iban.CountryOf(iban.Replace(" ", string.Empty, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("DE88370400440532013000")]
    [InlineData("40702810000000012345")]
    [InlineData("IR27")]
    public void Not_an_iban(string account) => Assert.Null(Iban.CountryOf(account));
}
