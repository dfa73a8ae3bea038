using System.Text;
using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Sources.Un;

public class UnXmlParserTests
{
    private const string File = "un/UN_consolidated.xml";

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> Parsed = new(() =>
    {
        var ctx = new ParseContext("un-sc");
        return (ParserTestKit.ParseFile("un-xml", "un-sc", File, ctx), ctx);
    });

    private static List<Entity> All => Parsed.Value.Entities;

    private static Entity Get(string reference) => All.One("un-sc:" + reference);

    [Fact]
    public void Reads_every_individual_and_entity_of_the_file()
    {
        Assert.Equal(730, All.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(273, All.Count(e => e.Kind == EntityKind.Organization));
        Assert.Equal(1003, All.Select(e => e.Id).Distinct().Count());
        Assert.All(All, e => Assert.Equal("un-sc", e.ListId));
    }

    [Fact]
    public void Takes_the_publication_date_from_dateGenerated_and_names_the_regimes()
    {
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 9, 554, TimeSpan.Zero), Parsed.Value.Context.Published);
        Assert.Equal(14, All.SelectMany(e => e.Programs).Distinct().Count());
        Assert.Contains("1718", Parsed.Value.Context.ProgramNames["DPRK"], StringComparison.Ordinal);

        // Every nationality the UN writes resolves to a country code ("na" means none).
        Assert.Empty(Parsed.Value.Context.Warnings);
        Assert.Equal(["TT", "US"], Get("QDi.430").Nationalities);
        Assert.Equal(["RU", "SU"], Get("QDi.290").Nationalities);
    }

    [Fact]
    public void Is_found_by_the_catalog_from_its_first_bytes()
    {
        Assert.Equal("un-xml", ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data(File))]));
    }

    [Fact]
    public void QDi_001_has_its_names_dates_and_original_script()
    {
        var e = Get("QDi.001");
        Assert.Equal("QDi.001", e.NativeId);
        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal("MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE", e.PrimaryName.Full);
        Assert.Equal("MOHAMMED", e.PrimaryName.Given);
        Assert.Equal("ZIDANE", e.PrimaryName.Family);

        var arabic = Assert.Single(e.Names, n => n.Script is not null);
        Assert.Equal("محمد صلاح الدين عبدالحليم زيدان", arabic.Full);
        Assert.Equal("Arab", arabic.Script);

        var good = e.Names.Single(n => n.Full == "Sayf-Al Adl");
        Assert.Equal((NameType.Aka, AliasStrength.Strong), (good.Type, good.Strength));
        Assert.StartsWith("DOB: 11 Apr. 1963. POB: Monufia Governorate, Egypt.", good.Note, StringComparison.Ordinal);
        var low = e.Names.Single(n => n.Full == "Seif al Adel");
        Assert.Equal((NameType.Aka, AliasStrength.Weak), (low.Type, low.Strength));
        Assert.Equal(7, e.Names.Count);

        Assert.Equal(["1963-04-11", "1960-04-11"], e.BirthDates.Select(d => d.From.ToString()));
        Assert.All(e.BirthDates, d => Assert.Equal(DatePrecision.Day, d.From.Precision));
        Assert.Equal(["Monufia Governate, Egypt"], e.BirthPlaces);
        Assert.Equal(["EG"], e.Nationalities);
        Assert.Equal(new PartialDate(2001, 1, 25), e.ListedOn);
        Assert.Equal(["Al-Qaida"], e.Programs);
        Assert.StartsWith("Responsible for Usama bin Laden’s (deceased) security.", e.Remarks, StringComparison.Ordinal);
        Assert.Equal(6, e.Other.Count(kv => kv.Key == "Last updated"));
        Assert.Contains(new KeyValuePair<string, string>("DATAID", "113219"), e.Other);
        Assert.Empty(e.Addresses);
        Assert.Empty(e.Identifiers);
    }

    [Fact]
    public void A_year_only_date_of_birth_keeps_year_precision()
    {
        var e = Get("CDi.001");
        Assert.Equal("ERIC BADEGE", e.PrimaryName.Full);
        Assert.Equal(Gender.Male, e.Gender);
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal(new PartialDate(1971), dob.From);
        Assert.Equal(DatePrecision.Year, dob.From.Precision);
        Assert.False(dob.Approximate);
        Assert.False(dob.IsRange);
        Assert.Equal(["CD"], e.Nationalities);
        var address = Assert.Single(e.Addresses);
        Assert.Equal(("RW", "Rwanda", "as of early 2016"), (address.Country, address.CountryName, address.Note));
    }

    [Fact]
    public void A_between_date_of_birth_is_a_range_of_years()
    {
        var e = Get("CDi.030");
        Assert.Equal("BOSCO TAGANDA", e.PrimaryName.Full);
        var dob = Assert.Single(e.BirthDates);
        Assert.True(dob.IsRange);
        Assert.Equal(new PartialDate(1973), dob.From);
        Assert.Equal(new PartialDate(1974), dob.To);
        Assert.False(dob.Approximate);
        Assert.Equal((new DateOnly(1973, 1, 1), new DateOnly(1974, 12, 31)), dob.Bounds());
    }

    [Fact]
    public void An_approximate_year_is_marked_approximate_with_titles_and_two_birth_places()
    {
        var e = Get("TAi.026");
        Assert.Equal("AMIR KHAN MOTAQI", e.PrimaryName.Full);
        Assert.Equal(("AMIR KHAN", "MOTAQI"), (e.PrimaryName.Given, e.PrimaryName.Family));
        var dob = Assert.Single(e.BirthDates);
        Assert.True(dob.Approximate);
        Assert.Equal(new PartialDate(1968), dob.From);
        Assert.Equal("circa 1968", dob.ToString());
        Assert.Equal(["Mullah", "Minister of Education under the Taliban regime", "Taliban representative in UN-led talks under the Taliban regime"], e.Titles);
        Assert.Equal(["Zurmat District, Paktia Province, Afghanistan", "Shin Kalai village, Nad-e-Ali District, Helmand Province, Afghanistan"], e.BirthPlaces);
        Assert.Equal("Arab", e.Names.Single(n => n.Full == "امیر خان متقی").Script);
        Assert.Equal(["Taliban"], e.Programs);
    }

    [Fact]
    public void A_cyrillic_original_script_name_is_detected()
    {
        var e = Get("QDi.290");
        var n = Assert.Single(e.Names, n => n.Full == "Умаров Доку Хаматович");
        Assert.Equal("Cyrl", n.Script);
    }

    [Fact]
    public void Dates_given_only_as_notes_are_read_or_kept_as_text()
    {
        var mk = Get("QDi.306");
        var between = mk.BirthDates.Single(d => d.IsRange);
        Assert.Equal((new PartialDate(1977, 8), new PartialDate(1977, 9)), (between.From, between.To!.Value));
        Assert.Equal("Between Aug. and Sep. 1977", between.Raw);
        Assert.Contains(mk.BirthDates, d => d.From == new PartialDate(1976) && !d.IsRange);
        Assert.Equal(["PK", "SA"], mk.Nationalities);

        var hijri = Get("QDi.291");
        Assert.Contains(new KeyValuePair<string, string>("Date of birth", "24/06/1402 (Hijri Calendar)"), hijri.Other);
    }

    [Fact]
    public void A_passport_has_number_issuing_country_and_issue_date()
    {
        var e = Get("LYi.006");
        var p = Assert.Single(e.Identifiers, i => i.Value == "FK117RK0");
        Assert.Equal(IdentifierKind.Passport, p.Kind);
        Assert.Equal("Passport", p.Label);
        Assert.Equal(("LY", "Libya"), (p.Country, p.CountryName));
        Assert.Equal(new PartialDate(2018, 11, 25), p.IssueDate);
        Assert.Equal("Date of expiration: 24 Nov 2026; issued in Tripoli", p.Note);

        var kp = Get("KPi.068").Identifiers.Single(i => i.Value == "108120258");
        Assert.Equal(("KP", new PartialDate(2018, 2, 14)), (kp.Country, kp.IssueDate));
    }

    [Fact]
    public void A_korean_name_is_family_name_first_and_an_alias_brings_its_own_date_of_birth()
    {
        var e = Get("KPi.016");
        Assert.Equal("JANG BOM SU", e.PrimaryName.Full);
        Assert.Equal(("JANG", "BOM SU"), (e.PrimaryName.Family, e.PrimaryName.Given));
        var alias = e.Names.Single(n => n.Full == "Jang Hyon U");
        Assert.Equal("date of birth 1958-02-22", alias.Note);
        Assert.Equal(["1957-04-15", "1958-02-22"], e.BirthDates.Select(d => d.From.ToString()));
        Assert.Equal(["KP"], e.Nationalities);
        Assert.Equal(["Tanchon Commercial Bank Representative in Syria"], e.Titles);
    }

    [Fact]
    public void An_entity_has_aka_and_fka_and_addresses()
    {
        var e = Get("KPe.002");
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal("KOREA RYONBONG GENERAL CORPORATION", e.PrimaryName.Full);
        Assert.Null(e.PrimaryName.Given);
        Assert.Equal(NameType.Aka, e.Names.Single(n => n.Full == "KOREA YONBONG GENERAL CORPORATION").Type);
        Assert.Equal(NameType.Fka, e.Names.Single(n => n.Full == "LYONGAKSAN GENERAL TRADING CORPORATION").Type);
        Assert.Equal(2, e.Addresses.Count);
        Assert.Equal(["Rakwon-dong, Pothonggang District"], e.Addresses[1].Lines);
        Assert.Equal(("Pyongyang", "KP"), (e.Addresses[1].City, e.Addresses[1].Country));
        Assert.Equal(new PartialDate(2009, 4, 24), e.ListedOn);
        Assert.Equal(["DPRK"], e.Programs);
    }

    [Fact]
    public void An_entity_name_in_arabic_is_kept_with_its_script()
    {
        var e = Get("QDe.004");
        Assert.Equal("AL-QAIDA", e.PrimaryName.Full);
        Assert.Equal("Arab", Assert.Single(e.Names, n => n.Full == "القاعدة").Script);
    }

    [Fact]
    public void A_truncated_file_names_file_line_and_element()
    {
        var bytes = System.IO.File.ReadAllBytes(TestPaths.Data(File))[..20000];
        var ex = ParserTestKit.Fails("un-xml", "un-sc", "UN_consolidated.xml", bytes);
        Assert.Equal("UN_consolidated.xml", ex.File);
        Assert.NotNull(ex.Line);
        Assert.True(ex.Line > 300, $"line {ex.Line}");
        Assert.Equal("INDIVIDUAL", ex.Element);
        Assert.StartsWith($"UN_consolidated.xml, line {ex.Line}, element <INDIVIDUAL>: truncated XML: the file ends before the document is complete", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_xml_is_rejected()
    {
        var ex = ParserTestKit.Fails("un-xml", "un-sc", "consolidated.xml", "REFERENCE_NUMBER,NAME\nQDi.001,ZIDANE\n");
        Assert.StartsWith("consolidated.xml, line 1: not an XML document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ofac_file_is_not_taken_for_a_un_list()
    {
        var bytes = System.IO.File.ReadAllBytes(TestPaths.Data("ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML"));
        var ex = ParserTestKit.Fails("un-xml", "un-sc", "CONSOLIDATED.XML", bytes);
        Assert.Equal("sdnList", ex.Element);
        Assert.Equal("CONSOLIDATED.XML, line 2, element <sdnList>: root element is <sdnList>, expected <CONSOLIDATED_LIST>: this is not a UN consolidated list", ex.Message);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        var ex = ParserTestKit.Fails("un-xml", "un-sc", "empty.xml", []);
        Assert.StartsWith("empty.xml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty file: no XML root element", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_line()
    {
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\">\n<INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>";
        var tail = "</FIRST_NAME>\n<REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER>\n</INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
        var bytes = Encoding.UTF8.GetBytes(head).Concat(new byte[] { 0x5A, 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes(tail)).ToArray();
        var ex = ParserTestKit.Fails("un-xml", "un-sc", "bad.xml", bytes);
        Assert.Equal(5, ex.Line);
        Assert.Contains("invalid byte sequence for the declared encoding (expected UTF-8 text)", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.xml, line 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_without_reference_number_or_with_a_bad_date_is_rejected()
    {
        const string head = "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n";
        var noRef = ParserTestKit.Fails("un-xml", "un-sc", "x.xml", head + "<INDIVIDUAL>\n<FIRST_NAME>A</FIRST_NAME>\n</INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>");
        Assert.Equal("x.xml, line 3, element <INDIVIDUAL>: INDIVIDUAL without REFERENCE_NUMBER", noRef.Message);

        var badDate = ParserTestKit.Fails("un-xml", "un-sc", "x.xml", head + "<INDIVIDUAL>\n<FIRST_NAME>A</FIRST_NAME>\n<REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>\n<LISTED_ON>25/01/2001</LISTED_ON>\n</INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>");
        Assert.Equal("x.xml, line 6, element <LISTED_ON>: INDIVIDUAL QDi.999: LISTED_ON '25/01/2001' is not a date", badDate.Message);
    }
}
