using Interdict.Model;
using Interdict.Screening.Text;

namespace Interdict.Tests.Screening.Text;

public class SanctionedPlacesTests
{
    private static readonly SanctionedPlaces Places = SanctionedPlaces.Default;

    private static (string Id, PlaceMatchKind Kind, string Text)[] Find(string text) =>
        Places.FindInText(text).Select(f => (f.Place.Id, f.Kind, f.Text)).ToArray();

    [Fact]
    public void The_table_lists_the_comprehensively_sanctioned_places_with_programs()
    {
        Assert.Equal(
            [("CU", "CUBA"), ("IR", "IRAN"), ("KP", "DPRK"), ("SY", "SYRIA"), ("UA-43", "UKRAINE-EO13685"), ("UA-14-DNR", "RUSSIA-EO14065"), ("UA-09-LNR", "RUSSIA-EO14065")],
            Places.Places.Select(p => (p.Id, p.Program)));
        Assert.Equal(["DPRK", "DPRK2", "DPRK3", "DPRK4"], Places.ByCountryCode("KP")!.Programs);
        Assert.Null(Places.ByCountryCode("UA"));
        Assert.Null(Places.ByCountryCode("RU"));
        Assert.NotNull(Places.Places.Single(p => p.Id == "SY").Note);
    }

    [Fact]
    public void News_reports_crimea_and_nothing_for_ukraine_or_the_united_states()
    {
        var text = File.ReadAllText(TestPaths.Data("text/news-2021-04-16-us-sanctions-russia.txt"));
        var f = Assert.Single(Places.FindInText(text));
        Assert.Equal(("Crimea", "UKRAINE-EO13685", PlaceMatchKind.Name), (f.Text, f.Program, f.Kind));
        Assert.Equal(text.IndexOf("occupied Crimea", StringComparison.Ordinal) + 9, f.Start);
        Assert.Equal("Crimea", text.Substring(f.Start, f.Length));
        Assert.Null(f.Path);
    }

    [Theory]
    [InlineData("clean-business-quarterly.txt")]
    [InlineData("clean-news-council.txt")]
    [InlineData("clean-markets-trade.txt")]
    public void Ordinary_prose_names_no_sanctioned_place(string file)
    {
        var text = File.ReadAllText(TestPaths.Data("text/" + file));
        Assert.True(TextTokenizer.Tokenize(text).Count > 950, "the precision sample must be a real article");
        Assert.Empty(Places.FindInText(text));
    }

    [Theory]
    [InlineData("Irani-ani")]
    [InlineData("Tirana and Teheranstrasse")]
    [InlineData("South Korea and Korean exporters")]
    [InlineData("Ukraine, Kyiv and Odesa")]
    [InlineData("the Syrian Orthodox Church in Kerala")]
    [InlineData("the Crimean War of 1853")]
    [InlineData("Crimean-Congo haemorrhagic fever")]
    [InlineData("dnr order for the patient")]
    [InlineData("the Iran-Contra affair")]
    [InlineData("Кубок мира")]
    public void Words_that_only_look_like_places_do_not_match(string text) => Assert.Empty(Places.FindInText(text));

    [Fact]
    public void Token_boundaries_and_case()
    {
        Assert.Equal([("IR", PlaceMatchKind.Name, "Iran")], Find("Iran's oil minister"));
        Assert.Equal([("IR", PlaceMatchKind.Name, "Iran")], Find("the Iran-Iraq war"));
        Assert.Equal([("IR", PlaceMatchKind.Name, "IRAN")], Find("BANK MELLI IRAN"));
        Assert.Equal([("IR", PlaceMatchKind.Demonym, "Iranian")], Find("an Iranian tanker"));
        Assert.Equal([("CU", PlaceMatchKind.Demonym, "Cuban")], Find("Cuban cigars"));
        Assert.Equal([("SY", PlaceMatchKind.Demonym, "Syrian")], Find("Syrian pounds"));
        Assert.Equal([("CU", PlaceMatchKind.City, "La Habana")], Find("Vedado, La Habana"));
    }

    [Fact]
    public void North_korea_in_its_spellings()
    {
        Assert.Equal([("KP", PlaceMatchKind.Name, "North Korea")], Find("trade with North Korea"));
        Assert.Equal([("KP", PlaceMatchKind.Name, "Korea, North")], Find("Korea, North"));
        Assert.Equal([("KP", PlaceMatchKind.Name, "Democratic People's Republic of Korea")], Find("the Democratic People's Republic of Korea"));
        Assert.Equal([("KP", PlaceMatchKind.Acronym, "DPRK")], Find("DPRK-flagged"));
        Assert.Equal([("KP", PlaceMatchKind.Demonym, "North Korean")], Find("a North Korean vessel"));
        Assert.Equal([("KP", PlaceMatchKind.City, "Pyongyang")], Find("Pyongyang"));
    }

    [Fact]
    public void Crimea_dnr_and_lnr()
    {
        Assert.Equal([("UA-43", PlaceMatchKind.City, "Sevastopol"), ("UA-43", PlaceMatchKind.Name, "Crimea")], Find("Sevastopol, Crimea 299011"));
        Assert.Equal([("UA-43", PlaceMatchKind.City, "KERCH")], Find("KERCH FERRY TERMINAL"));
        Assert.Equal([("UA-43", PlaceMatchKind.Demonym, "CRIMEAN")], Find("CRIMEAN WINE IMPORT"));
        Assert.Equal([("UA-14-DNR", PlaceMatchKind.Acronym, "DNR")], Find("the self-proclaimed DNR"));
        Assert.Equal([("UA-14-DNR", PlaceMatchKind.Name, "Donetsk People's Republic")], Find("so-called Donetsk People's Republic"));
        Assert.Equal([("UA-09-LNR", PlaceMatchKind.Name, "Lugansk")], Find("Lugansk"));
    }

    [Fact]
    public void Original_scripts_and_inflections()
    {
        Assert.Equal([("UA-43", PlaceMatchKind.Name, "Крыму")], Find("в Крыму"));
        Assert.Equal([("UA-43", PlaceMatchKind.City, "Севастополе")], Find("в Севастополе"));
        Assert.Equal([("UA-43", PlaceMatchKind.Demonym, "Крымский")], Find("Крымский мост"));
        Assert.Equal([("UA-14-DNR", PlaceMatchKind.Name, "Донецкой Народной Республики")], Find("Донецкой Народной Республики"));
        Assert.Equal([("UA-14-DNR", PlaceMatchKind.Acronym, "ДНР")], Find("власти ДНР"));
        Assert.Equal([("CU", PlaceMatchKind.Name, "كوبا")], Find("كوبا"));
        Assert.Equal([("IR", PlaceMatchKind.Name, "伊朗"), ("CU", PlaceMatchKind.Name, "古巴")], Find("伊朗和古巴"));
        Assert.Equal([("KP", PlaceMatchKind.Name, "북한의")], Find("북한의 미사일"));
    }

    [Fact]
    public void A_place_hyphenated_across_lines_is_found_with_its_original_span()
    {
        const string text = "deployment in occupied Cri-\nmea of Ukraine";
        var f = Assert.Single(Places.FindInText(text, ":70:"));
        Assert.Equal(("Cri-\nmea", ":70:", "UA-43"), (f.Text, f.Path, f.Place.Id));
    }

    [Fact]
    public void Addresses_report_country_codes_and_region_names()
    {
        var crimea = Places.FindInAddress(new Address { Lines = ["Ulitsa Lenina 12"], City = "Sevastopol", Country = "UA" }, "Cdtr/PstlAdr");
        Assert.Equal([("UA-43", PlaceMatchKind.City, "Sevastopol", "Cdtr/PstlAdr")], crimea.Select(f => (f.Place.Id, f.Kind, f.Text, f.Path!)));
        var iran = Assert.Single(Places.FindInAddress(new Address { City = "Isfahan", Country = "IR" }), f => f.Kind == PlaceMatchKind.CountryCode);
        Assert.Equal(("IR", "IRAN"), (iran.Text, iran.Program));
        Assert.Empty(Places.FindInAddress(new Address { City = "Kyiv", Country = "UA" }));
        Assert.Empty(Places.FindInAddress(new Address { City = "Seoul", Country = "KR", CountryName = "Korea, South" }));
    }

    [Fact]
    public void Sdn_addresses_in_crimea_are_found()
    {
        // Every add.csv row of the 2023-12-28 SDN list whose city field says Crimea must be reported as Crimea.
        var rows = File.ReadLines(TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/add.csv"))
            .Where(l => l.Contains("Crimea", StringComparison.Ordinal))
            .ToList();
        Assert.True(rows.Count > 20);
        Assert.All(rows, r => Assert.Contains(Places.FindInText(r), f => f.Place.Id == "UA-43"));
    }
}
