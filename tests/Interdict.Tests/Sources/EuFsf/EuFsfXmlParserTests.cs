using System.Text;
using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Sources.EuFsf;

/// <summary>
/// The EU FSF v1.1 XML on real excerpts of three publications (tests/data/eu/eu-fsf-1.1-xml-excerpts, see its README):
/// every entry of each excerpt, field by field as the EU wrote it.
/// </summary>
public class EuFsfXmlParserTests
{
    private const string Format = "eu-fsf-xml";
    private const string Dir = "eu/eu-fsf-1.1-xml-excerpts/";
    private const string File2018 = Dir + "excerpt-2018-12-21.xml";
    private const string FileA = Dir + "excerpt-2026-08-05-a.xml";
    private const string FileB = Dir + "excerpt-2026-08-05-b.xml";

    private static readonly Lazy<Dictionary<string, (List<Entity> Entities, ParseContext Context)>> Parsed = new(() =>
        new[] { File2018, FileA, FileB }.ToDictionary(f => f, f =>
        {
            var ctx = new ParseContext("eu-fsf");
            return (ParserTestKit.ParseFile(Format, "eu-fsf", f, ctx), ctx);
        }));

    private static Entity Get(string file, string id) => Parsed.Value[file].Entities.One("eu-fsf:" + id);

    private static string? Other(Entity e, string key) => e.Other.SingleOrDefault(kv => kv.Key == key).Value;

    [Fact]
    public void Every_entry_of_the_three_excerpts_is_read_with_its_publication_date()
    {
        Assert.Equal(["1", "207"], Parsed.Value[File2018].Entities.Select(e => e.NativeId));
        Assert.Equal(["13", "191", "980", "330"], Parsed.Value[FileA].Entities.Select(e => e.NativeId));
        Assert.Equal(["191", "521", "3822", "6106", "6177"], Parsed.Value[FileB].Entities.Select(e => e.NativeId));
        Assert.Equal(DateTimeOffset.Parse("2018-12-21T14:39:54.511+01:00", System.Globalization.CultureInfo.InvariantCulture), Parsed.Value[File2018].Context.Published);
        Assert.Equal(DateTimeOffset.Parse("2026-08-05T16:47:04.449+02:00", System.Globalization.CultureInfo.InvariantCulture), Parsed.Value[FileB].Context.Published);
        Assert.All(Parsed.Value.Values, p => Assert.Empty(p.Context.Warnings));

        // EU.3579.2 is the same entry in both 2026 files (one re-serialised by its source repository).
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(Get(FileA, "191")),
            System.Text.Json.JsonSerializer.Serialize(Get(FileB, "191")));
    }

    [Fact]
    public void Mugabe_eu_36_64_with_function_gender_passport_and_regulation()
    {
        var e = Get(File2018, "1");
        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal("EU.36.64", Other(e, "EU reference number"));
        var n = Assert.Single(e.Names);
        Assert.Equal(("Robert Gabriel Mugabe", "Robert Gabriel", "Mugabe", NameType.Primary, AliasStrength.Strong, (string?)null), (n.Full, n.Given, n.Family, n.Type, n.Strength, n.Note));
        Assert.Equal(Gender.Male, e.Gender);
        Assert.Equal(["Former President"], e.Titles);
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal((new PartialDate(1924, 2, 21), false, "1924-02-21"), (dob.From, dob.Approximate, dob.Raw));
        Assert.Empty(e.BirthPlaces);
        var p = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "AD001095", "National passport", (string?)null, (string?)null, "(passport)"), (p.Kind, p.Value, p.Label, p.Country, p.CountryName, p.Note));
        Assert.Equal(["ZWE"], e.Programs);
        Assert.Null(e.ListedOn);
        Assert.Null(e.Remarks);
        Assert.Null(Other(e, "UN reference"));
        Assert.Equal(
            "amendment 2018/223 (OJ L43), programme ZWE, published 2018-02-16, in force 2018-02-16, http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32018R0223&from=EN",
            Other(e, "regulation"));
    }

    [Fact]
    public void Ibda_c_eu_3523_13_has_nineteen_names_in_sixteen_stated_languages_and_their_scripts()
    {
        var e = Get(File2018, "207");
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal("EU.3523.13", Other(e, "EU reference number"));
        Assert.Equal(19, e.Names.Count);
        Assert.Equal("İslami Büyük Doğu Akıncılar Cephesi", e.PrimaryName.Full);
        Assert.All(e.Names, n => Assert.Null(n.Given));
        Assert.Equal(16, e.Names.Select(n => n.Note).OfType<string>().Distinct().Count());
        var bg = e.Names.Single(n => n.Full == "Фронт на великите ислямски източни воини");
        Assert.Equal(("Cyrl", "language BG", NameType.Aka), (bg.Script, bg.Note, bg.Type));
        Assert.Equal("Grek", e.Names.Single(n => n.Note == "language EL").Script);
        Assert.Null(e.Names.Single(n => n.Full == "IBDA-C").Note);
        Assert.Equal(["TERR"], e.Programs);
        Assert.Null(e.Gender);
        Assert.Empty(e.Identifiers);
    }

    [Fact]
    public void Saddam_hussein_eu_27_28_with_remark_citizenship_and_place_of_birth()
    {
        var e = Get(FileA, "13");
        Assert.Equal("EU.27.28", Other(e, "EU reference number"));
        Assert.Equal(("Saddam Hussein Al-Tikriti", "Saddam", "Hussein Al-Tikriti"), (e.PrimaryName.Full, e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Equal(["Saddam Hussein Al-Tikriti", "Abu Ali", "Abou Ali"], e.Names.Select(n => n.Full));
        Assert.Equal("language FR", e.Names[2].Note);
        Assert.Equal(Gender.Male, e.Gender);
        Assert.Equal("UNSC RESOLUTION 1483", e.Remarks);
        Assert.Equal(["IQ"], e.Citizenships);
        Assert.Equal(new PartialDate(1937, 4, 28), Assert.Single(e.BirthDates).From);
        Assert.Equal(["al-Awja, near Tikrit, IRAQ"], e.BirthPlaces);
        Assert.Equal(["IRQ"], e.Programs);
        Assert.StartsWith("regulation 1210/2003 (OJ L169), programme IRQ, published 2003-07-08, in force 2003-07-07, http://eur-lex", Other(e, "regulation"), StringComparison.Ordinal);
        Assert.Null(Other(e, "UN reference"));
    }

    [Fact]
    public void Khalid_sheikh_mohammed_eu_3579_2_two_dates_of_birth_and_a_passport_of_unknown_country()
    {
        var e = Get(FileB, "191");
        Assert.Equal(7, e.Names.Count);
        Assert.Equal("Bin Khalid Fahd Bin Adballah", e.PrimaryName.Full);
        var ksm = e.Names.Single(n => n.Full == "Khalid Sheikh MOHAMMED");
        Assert.Equal(("Khalid Sheikh", "MOHAMMED", "language EN"), (ksm.Given, ksm.Family, ksm.Note));
        Assert.Equal(["1965-04-14", "1964-03-01"], e.BirthDates.Select(d => d.From.ToString()));

        // city "-" is the EU's empty city.
        Assert.Equal(["PAKISTAN"], e.BirthPlaces);
        var p = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "488555", (string?)null, (string?)null, (string?)null), (p.Kind, p.Value, p.Country, p.CountryName, p.Note));
        Assert.Equal(["TERR"], e.Programs);
        Assert.Empty(e.Citizenships);
    }

    [Fact]
    public void Global_relief_foundation_eu_589_30_has_two_addresses()
    {
        var e = Get(FileA, "980");
        Assert.Equal((EntityKind.Organization, "Global Relief Foundation (GRF)"), (e.Kind, e.PrimaryName.Full));
        Assert.Equal(2, e.Addresses.Count);
        Assert.Empty(e.Addresses[0].Lines);
        Assert.Equal(("Bridgeview, Illinois", "PO Box 1406 - 60455", "US", "UNITED STATES"), (e.Addresses[0].City, e.Addresses[0].PostalCode, e.Addresses[0].Country, e.Addresses[0].CountryName));
        Assert.Equal(["9935 South 76th Avenue, Unit 1"], e.Addresses[1].Lines);
        Assert.Equal("60455", e.Addresses[1].PostalCode);
        Assert.Equal(["TAQA"], e.Programs);
        Assert.Null(e.ListedOn);
    }

    [Fact]
    public void Al_rashid_trust_eu_522_39_designation_date_name_remark_addresses_and_phones()
    {
        var e = Get(FileA, "330");
        Assert.Equal(new PartialDate(2001, 10, 6), e.ListedOn);
        Assert.Equal(12, e.Names.Count);
        Assert.Equal("Al-Rasheed Trust", e.PrimaryName.Full);
        Assert.Equal("Cyrl", e.Names.Single(n => n.Note == "language BG").Script);
        Assert.StartsWith("language EN; Banned in Pakistan since October 2001.", e.Names.Single(n => n.Full == "Al Rashid Trust").Note, StringComparison.Ordinal);
        Assert.Equal(11, e.Addresses.Count);
        Assert.Equal(("Mingora", "Swat"), (e.Addresses.Single(a => a.City == "Mingora").City, e.Addresses.Single(a => a.City == "Mingora").Region));
        Assert.Equal(
            ["497 92 63", "262 38 18-19", "587-25 45", "668 33 01; 0300- 820 91 99", "042-681 20 81"],
            e.Identifiers.Where(i => i.Label == "Phone").Select(i => i.Value));
        var fax = e.Identifiers.Single(i => i.Label == "Fax");
        Assert.Equal((IdentifierKind.Phone, "662 38 14", "PK"), (fax.Kind, fax.Value, fax.Country));
    }

    [Fact]
    public void Haji_ahmad_jan_eu_502_12_an_approximate_year_range_stays_years()
    {
        var e = Get(FileB, "521");
        Assert.Equal(new PartialDate(2001, 1, 25), e.ListedOn);
        Assert.StartsWith("Believed to be in Afghanistan/ Pakistan border area.", e.Remarks, StringComparison.Ordinal);
        Assert.Equal(["AFG"], e.Programs);
        Assert.Equal(["AF"], e.Citizenships);
        Assert.Equal(["Maulavi", "Minister of Water and Electricity under the Taliban regime"], e.Titles);
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal((new PartialDate(1953), new PartialDate(1958), true), (dob.From, dob.To, dob.Approximate));
        Assert.Equal((DatePrecision.Year, DatePrecision.Year), (dob.From.Precision, dob.To!.Value.Precision));
        Assert.Equal("circa 1953-1958 (between 1953 and 1958)", dob.Raw);
        Assert.Equal(["Tirin Kot District, Uruzgan Province, AFGHANISTAN", "Kandahar province, AFGHANISTAN"], e.BirthPlaces);
        Assert.Null(e.Gender);
    }

    [Fact]
    public void Parchin_chemical_industries_eu_3953_70_websites_phones_po_box_and_registration_number()
    {
        var e = Get(FileB, "3822");
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal(new PartialDate(2008, 6, 23), e.ListedOn);
        Assert.Equal("UN designation:24/03/2007 (no longer valid)", Other(e, "designation details"));
        Assert.Equal(16, e.Names.Count);
        Assert.Equal("Tionscail Ceimiceán Parchin", e.PrimaryName.Full);
        Assert.Equal("Arab", e.Names.Single(n => n.Note == "language FA").Script);
        Assert.Equal("language EN; Parchin Chemical Factories", e.Names.Single(n => n.Full == "PCF").Note);
        Assert.Contains("Parchin Chemical Industries (PCI) produces ammunition, explosives and solid propellants for rockets and missiles", e.Titles);
        Assert.Equal(6, e.Addresses.Count);
        Assert.Equal(["Pasdaran Square", "PO Box 16765/358"], e.Addresses[0].Lines);
        Assert.Equal(("IR", "IRAN (ISLAMIC REPUBLIC OF)"), (e.Addresses[0].Country, e.Addresses[0].CountryName));
        Assert.Equal("Factory", e.Addresses[2].Note);
        Assert.Equal("15765-358", e.Addresses[5].PostalCode);
        var reg = e.Identifiers.Single(i => i.Kind == IdentifierKind.Registration);
        Assert.Equal(("892", "Registration Number", (string?)null, "Registration no.: Cooperative Company Registration No 892"), (reg.Value, reg.Label, reg.Country, reg.Note));

        // The same website and phones given for two addresses are one identifier each.
        Assert.Equal(["http://icig.ir/"], e.Identifiers.Where(i => i.Kind == IdentifierKind.Website).Select(i => i.Value));
        Assert.Equal(["+98 21 2258929; +98 21 35243153; +98 21 3130626"], e.Identifiers.Where(i => i.Kind == IdentifierKind.Phone).Select(i => i.Value));
        Assert.Equal(["IRN"], e.Programs);
    }

    [Fact]
    public void Abu_zayd_umar_dorda_eu_3886_3_un_reference_and_passport_with_issue_and_expiry()
    {
        var e = Get(FileB, "6106");
        Assert.Equal("LYi.006", Other(e, "UN reference"));
        Assert.Equal("EU.3886.3", Other(e, "EU reference number"));
        Assert.Equal(new PartialDate(2011, 2, 26), e.ListedOn);
        Assert.Equal(("Abu Zayd Umar DORDA", "Abu Zayd Umar", "DORDA"), (e.PrimaryName.Full, e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Equal(["Abu Zayd Umar DORDA", "Dorda Abuzed OE", "ABÚ ZAJD UMAR DÚRDA", "Abu Zayd Umar Hmeid Dorda"], e.Names.Select(n => n.Full));
        Assert.Equal("Good quality alias", e.Names[1].Note);
        Assert.Equal(["Director, External Security Organisation. Head of external intelligence agency."], e.Titles);
        Assert.Equal(new PartialDate(1944, 4, 4), Assert.Single(e.BirthDates).From);
        Assert.Equal(["Alrhaybat"], e.BirthPlaces);
        var a = Assert.Single(e.Addresses);
        Assert.Equal(("LY", "LIBYA", "Libya (Believed status/location: residing in Egypt)"), (a.Country, a.CountryName, a.Note));
        var p = Assert.Single(e.Identifiers);
        Assert.Equal(
            (IdentifierKind.Passport, "FK117RK0", "LY", "LIBYA", new PartialDate(2018, 11, 25), new PartialDate(2026, 11, 24), "region Tripoli"),
            (p.Kind, p.Value, p.Country, p.CountryName, p.IssueDate, p.ExpiryDate, p.Note));
        Assert.StartsWith("Listed pursuant to paragraph 15 of resolution 1970 (Travel Ban).", e.Remarks, StringComparison.Ordinal);
        Assert.Equal(["LBY"], e.Programs);
    }

    [Fact]
    public void Ibrahim_al_asiri_eu_3092_36_arabic_names_islamic_calendar_and_an_expired_passport()
    {
        var e = Get(FileB, "6177");
        Assert.Equal("إبراهيم حسن طالع عسيري", e.PrimaryName.Full);
        Assert.Equal(("Arab", "language AR; good quality alias"), (e.PrimaryName.Script, e.PrimaryName.Note));
        Assert.Equal("language EN; low quality aliias", e.Names.Single(n => n.Full == "Abu Saleh").Note);
        Assert.Equal(["SA"], e.Citizenships);

        // The Islamic-calendar entry states its Gregorian equivalent, which is kept; its own day, month and year stay in Raw.
        Assert.Equal(["1982-04-18", "1982-04-19"], e.BirthDates.Select(d => d.From.ToString()));
        Assert.Equal("1982-04-19 (from ISLAMIC 24/6/1402) (hijri calendar)", e.BirthDates[1].Raw);
        Assert.Equal(["Riyadh, SAUDI ARABIA"], e.BirthPlaces);
        Assert.Equal(("YE", "YEMEN"), (Assert.Single(e.Addresses).Country, e.Addresses[0].CountryName));
        var id = e.Identifiers.Single(i => i.Kind == IdentifierKind.NationalId);
        Assert.Equal(("1028745097", "National identification card", "SA", "(national civil identification number)"), (id.Value, id.Label, id.Country, id.Note));
        var passport = e.Identifiers.Single(i => i.Kind == IdentifierKind.Passport);
        Assert.Equal(("F654645", new PartialDate(2005, 4, 30), new PartialDate(2010, 3, 7)), (passport.Value, passport.IssueDate, passport.ExpiryDate));
        Assert.StartsWith("known to be expired; Saudi Arabian passport number, issued on 30.4.2005", passport.Note, StringComparison.Ordinal);
        Assert.Equal(new PartialDate(2011, 3, 24), e.ListedOn);
        Assert.Equal(["TAQA"], e.Programs);
    }

    [Fact]
    public void Detected_by_its_namespace_and_the_list_names_its_formats()
    {
        foreach (var f in new[] { File2018, FileA, FileB })
        {
            Assert.Equal(Format, ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data(f))]));
        }

        Assert.Equal(["eu-fsf-xml", "eu-fsf-legacy-xml"], ListCatalog.Find("eu-fsf")!.Formats);
        Assert.Equal("eu-fsf-legacy-xml", ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data("eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml"))]));
    }

    [Fact]
    public void The_csv_export_is_recognised_and_refused_with_the_way_out()
    {
        var csv = "fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber;Entity_UnitedNationId\n"u8.ToArray();
        var input = SourceInput.FromBytes("csvFullSanctionsList_1_1.csv", csv);
        Assert.Equal("eu-fsf-csv", ListCatalog.DetectFormat([input]));
        var ex = ParserTestKit.Fails("eu-fsf-csv", "eu-fsf", "csvFullSanctionsList_1_1.csv", csv);
        Assert.Equal(
            "csvFullSanctionsList_1_1.csv, line 1: the EU FSF CSV export (csvFullSanctionsList_1_1) is not supported: import the XML export of the same publication (xmlFullSanctionsList_1_1, format eu-fsf-xml)",
            ex.Message);
    }

    private static readonly string Head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"2026-08-05T16:47:04.449+02:00\">\n";

    [Theory]
    [InlineData("<sanctionEntity euReferenceNumber=\"EU.1.1\">\n<subjectType code=\"person\"/>\n<nameAlias wholeName=\"A B\"/>\n</sanctionEntity>", "x.xml, line 3, element <sanctionEntity>: sanctionEntity without logicalId")]
    [InlineData("<sanctionEntity logicalId=\"7\">\n<subjectType code=\"person\"/>\n<nameAlias wholeName=\"\" firstName=\"\"/>\n</sanctionEntity>", "x.xml, line 3, element <sanctionEntity>: sanctionEntity 7: no nameAlias with a name")]
    [InlineData("<sanctionEntity logicalId=\"7\">\n<subjectType code=\"vessel\"/>\n</sanctionEntity>", "x.xml, line 4, element <subjectType>: sanctionEntity 7: unknown subjectType code 'vessel' (expected person or enterprise)")]
    [InlineData("<sanctionEntity logicalId=\"7\">\n<subjectType code=\"person\"/>\n<nameAlias wholeName=\"A B\" gender=\"X\"/>\n</sanctionEntity>", "x.xml, line 5, element <nameAlias>: sanctionEntity 7: unknown gender 'X' (expected M or F)")]
    [InlineData("<sanctionEntity logicalId=\"7\">\n<subjectType code=\"person\"/>\n<nameAlias wholeName=\"A B\"/>\n<citizenship countryIso2Code=\"QQ\" countryDescription=\"NOWHERE\"/>\n</sanctionEntity>", "x.xml, line 6, element <citizenship>: sanctionEntity 7: unknown countryIso2Code 'QQ' (NOWHERE)")]
    [InlineData("<sanctionEntity logicalId=\"7\">\n<subjectType code=\"person\"/>\n<nameAlias wholeName=\"A B\"/>\n<birthdate birthdate=\"21.02.1924\"/>\n</sanctionEntity>", "x.xml, line 6, element <birthdate>: sanctionEntity 7: birthdate '21.02.1924' is not a date (YYYY-MM-DD)")]
    [InlineData("<sanctionEntity logicalId=\"7\">\n<subjectType code=\"person\"/>\n<nameAlias wholeName=\"A B\"/>\n<birthdate yearRangeFrom=\"1960\" yearRangeTo=\"1950\"/>\n</sanctionEntity>", "x.xml, line 6, element <birthdate>: sanctionEntity 7: yearRangeTo 1950 is before yearRangeFrom 1960")]
    [InlineData("<sanctionEntity logicalId=\"7\">\n<nameAlias wholeName=\"A B\"/>\n</sanctionEntity>", "x.xml, line 3, element <sanctionEntity>: sanctionEntity 7: no subjectType (person or enterprise)")]
    [InlineData("<entity logicalId=\"7\"/>", "x.xml, line 3, element <entity>: unexpected element <entity> in <export>")]
    public void A_bad_entry_is_refused_naming_file_line_element_and_entry(string entity, string message)
    {
        var ex = ParserTestKit.Fails(Format, "eu-fsf", "x.xml", Head + entity + "\n</export>");
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Damaged_and_foreign_files_are_refused_with_file_and_line()
    {
        var text = System.IO.File.ReadAllText(TestPaths.Data(FileB));
        var cut = ParserTestKit.Fails(Format, "eu-fsf", "b.xml", text[..text.IndexOf("<birthdate", text.Length / 2, StringComparison.Ordinal)]);
        Assert.Equal("sanctionEntity", cut.Element);
        Assert.StartsWith($"b.xml, line {cut.Line}, element <sanctionEntity>: truncated XML: the file ends before the document is complete", cut.Message, StringComparison.Ordinal);

        var legacy = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile(Format, "eu-fsf", "eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml"));
        Assert.Equal("data.xml, line 3, element <WHOLE>: root element is <WHOLE>, expected <export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">: this is not an EU FSF v1.1 file", legacy.Message);

        var un = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile(Format, "eu-fsf", "un/UN_consolidated.xml"));
        Assert.StartsWith("UN_consolidated.xml, line 2, element <CONSOLIDATED_LIST>: root element is <CONSOLIDATED_LIST>", un.Message, StringComparison.Ordinal);

        var otherNamespace = ParserTestKit.Fails(Format, "eu-fsf", "x.xml", "<export xmlns=\"urn:other\"/>");
        Assert.Equal("x.xml, line 1, element <export>: root element is <export> in namespace urn:other, expected <export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">: this is not an EU FSF v1.1 file", otherNamespace.Message);

        // Latin-1 bytes under a UTF-8 declaration: "Vállalat" written as 0xE1.
        var latin1 = Encoding.Latin1.GetBytes(Head + "<sanctionEntity logicalId=\"7\">\n<subjectType code=\"enterprise\"/>\n<nameAlias wholeName=\"Parcsini Vegyipari Vállalat\"/>\n</sanctionEntity>\n</export>");
        var enc = ParserTestKit.Fails(Format, "eu-fsf", "x.xml", latin1);
        Assert.Equal(5, enc.Line);
        Assert.Contains("invalid byte sequence for the declared encoding (expected UTF-8 text)", enc.Message, StringComparison.Ordinal);

        Assert.Equal("x.xml: empty file: no XML root element", ParserTestKit.Fails(Format, "eu-fsf", "x.xml", "").Message);
    }
}
