using System.Text;
using System.Xml;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac.Xml;

namespace Interdict.Tests.Sources.Ofac;

public class OfacXmlParserTests
{
    private const string Legacy2018 = "ofac/xml/consolidated-2018-04-06-legacy-ns/CONSOLIDATED.XML";
    private const string Sls2024 = "ofac/xml/consolidated-2024-05-06/CONSOLIDATED.XML";
    private const string Sls2025 = "ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML";

    private static (List<Entity> Entities, ParseContext Context) Parse(string relative)
    {
        var context = new ParseContext("ofac-cons");
        var entities = new OfacXmlParser().Parse([SourceInput.FromPath(TestPaths.Data(relative))], context).ToList();
        return (entities, context);
    }

    private static Entity Get(List<Entity> entities, string nativeId) => Assert.Single(entities, e => e.NativeId == nativeId);

    private static ListFormatException ParseBytes(byte[] bytes, string name = "CONSOLIDATED.XML") =>
        Assert.Throws<ListFormatException>(() => new OfacXmlParser().Parse([SourceInput.FromBytes(name, bytes)], new ParseContext("ofac-cons")).ToList());

    [Theory]
    [InlineData(Legacy2018, "http://tempuri.org/sdnList.xsd", 2018, 4, 6, 639)]
    [InlineData(Sls2024, "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML", 2024, 5, 6, 443)]
    [InlineData(Sls2025, "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML", 2025, 3, 28, 443)]
    public void Reads_every_entry_of_each_publication_whatever_its_namespace(string file, string ns, int y, int m, int d, int recordCount)
    {
        using (var r = XmlReader.Create(TestPaths.Data(file)))
        {
            r.MoveToContent();
            Assert.Equal(ns, r.NamespaceURI);
        }

        var (entities, context) = Parse(file);

        Assert.Equal(recordCount, context.DeclaredCount);
        Assert.Equal(recordCount, entities.Count);
        Assert.Equal(new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero), context.Published);
        Assert.Empty(context.Warnings);
        Assert.Equal(entities.Count, entities.Select(e => e.Id).Distinct().Count());
        Assert.All(entities, e => Assert.Equal("ofac-cons:" + e.NativeId, e.Id));
        Assert.All(entities, e => Assert.NotEmpty(e.Programs));
    }

    [Fact]
    public void Counts_kinds_as_published_in_2025()
    {
        var (entities, _) = Parse(Sls2025);

        Assert.Equal(80, entities.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(363, entities.Count(e => e.Kind == EntityKind.Organization));
    }

    [Fact]
    public void Haniya_individual_with_year_of_birth()
    {
        var e = Get(Parse(Sls2025).Entities, "9639");

        Assert.Equal("ofac-cons:9639", e.Id);
        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal("HANIYA, Ismail Abdul Salah", e.PrimaryName.Full);
        Assert.Equal("Ismail Abdul Salah", e.PrimaryName.Given);
        Assert.Equal("HANIYA", e.PrimaryName.Family);
        Assert.Equal(["HANIYA, Ismail", "HANIYYA, Ismaeel"], e.Names.Skip(1).Select(n => n.Full));
        Assert.All(e.Names.Skip(1), n => Assert.Equal((NameType.Aka, AliasStrength.Strong), (n.Type, n.Strength)));
        Assert.Equal(["NS-PLC"], e.Programs);
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal(new PartialDate(1962), dob.From);
        Assert.Equal(DatePrecision.Year, dob.From.Precision);
        Assert.Null(dob.To);
        Assert.False(dob.Approximate);
        Assert.Equal("1962", dob.Raw);
        Assert.Equal(["Shati"], e.BirthPlaces);
        Assert.Empty(e.Addresses);
        Assert.Null(e.Remarks);
    }

    [Fact]
    public void Zahhar_weak_akas_gender_nationality_and_gaza_region()
    {
        var e = Get(Parse(Sls2025).Entities, "9647");

        Assert.Equal("ZAHHAR, Mahmoud Khaled", e.PrimaryName.Full);
        Assert.Equal(["NS-PLC", "SDGT"], e.Programs);
        Assert.Equal("(Linked To: HAMAS)", e.Remarks);
        Assert.Equal(Gender.Male, e.Gender);
        Assert.Equal(["PS"], e.Nationalities);
        Assert.Equal(new PartialDate(1945), Assert.Single(e.BirthDates).From);
        Assert.Equal(["Gaza Strip"], e.BirthPlaces);
        var address = Assert.Single(e.Addresses);
        Assert.Equal("Region: Gaza", address.CountryName);
        Assert.Equal("PS", address.Country);
        Assert.Equal(
            [("AL ZAHAR, Mahmoud Khaled", AliasStrength.Strong), ("ZAHAR, Mahmoud", AliasStrength.Weak), ("AL-ZAHAR, Mahmoud", AliasStrength.Weak)],
            e.Names.Skip(1).Select(n => (n.Full, n.Strength)));

        // A weak alias written whole into lastName has no given name to split off.
        Assert.Null(e.Names[2].Given);
        Assert.Equal(
            new KeyValuePair<string, string>("Secondary sanctions risk:", "section 1(b) of Executive Order 13224, as amended by Executive Order 13886"),
            Assert.Single(e.Other));
        Assert.Empty(e.Identifiers);
    }

    [Fact]
    public void Vtb_bank_identifiers_kinds_and_facts()
    {
        var e = Get(Parse(Sls2025).Entities, "17013");

        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal("VTB BANK PUBLIC JOINT STOCK COMPANY", e.PrimaryName.Full);
        Assert.Null(e.PrimaryName.Family);
        Assert.Equal(["UKRAINE-EO13662", "RUSSIA-EO14024"], e.Programs);
        Assert.Equal(NameType.Fka, e.Names[1].Type);
        Assert.Equal("JSC VTB BANK", e.Names[1].Full);
        Assert.StartsWith("For more information on directives", e.Remarks, StringComparison.Ordinal);

        var ids = e.Identifiers.Select(i => (i.Kind, i.Label, i.Value, i.Country)).ToList();
        Assert.Contains((IdentifierKind.Registration, "Registration ID", "1027739609391", "RU"), ids);
        Assert.Contains((IdentifierKind.TaxId, "Tax ID No.", "7702070139", "RU"), ids);
        Assert.Contains((IdentifierKind.Lei, "Legal Entity Number", "253400V1H6ART1UQ0N98", null), ids);
        Assert.Contains((IdentifierKind.SwiftBic, "SWIFT/BIC", "VTBRRUMM", null), ids);
        Assert.Contains((IdentifierKind.Website, "Website", "www.vtb.ru", null), ids);
        Assert.Contains((IdentifierKind.Registration, "BIK (RU)", "044525187", null), ids);
        Assert.Equal(10, ids.Count);
        Assert.Equal("Russia", e.Identifiers[0].CountryName);

        Assert.Contains(new KeyValuePair<string, string>("Organization Established Date", "17 Oct 1990"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Target Type", "Financial Institution"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Executive Order 13662 Directive Determination -", "Subject to Directive 1"), e.Other);
        Assert.Equal(2, e.Other.Count(o => o.Key == "Secondary sanctions risk:"));
    }

    [Fact]
    public void Russian_agricultural_bank_addresses_and_weak_alias()
    {
        var e = Get(Parse(Sls2025).Entities, "17014");

        Assert.Equal("JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK", e.PrimaryName.Full);
        var first = e.Addresses[0];
        Assert.Equal(["3, Gagarinsky Pereulok"], first.Lines);
        Assert.Equal("Moscow", first.City);
        Assert.Equal("119034", first.PostalCode);
        Assert.Equal("RU", first.Country);
        Assert.Equal("Russia", first.CountryName);
        var rusag = Assert.Single(e.Names, n => n.Full == "RUSAG");
        Assert.Equal((NameType.Aka, AliasStrength.Weak), (rusag.Type, rusag.Strength));
        Assert.Contains(new KeyValuePair<string, string>("Listing Date (EO 14024 Directive 3):", "24 Feb 2022"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Effective Date (EO 14024 Directive 3):", "26 Mar 2022"), e.Other);
        Assert.Contains(e.Identifiers, i => i is { Kind: IdentifierKind.SwiftBic, Value: "RUAGRUMM" });
        Assert.Contains(e.Identifiers, i => i is { Kind: IdentifierKind.Registration, Label: "Registration Number", Value: "1027700342890", Country: "RU" });
    }

    [Fact]
    public void Kayakiran_passport_citizenship_and_full_birth_date()
    {
        var e = Get(Parse(Sls2025).Entities, "26182");

        Assert.Equal("KAYAKIRAN, Evren", e.PrimaryName.Full);
        Assert.Equal(["FSE-IR"], e.Programs);
        var passport = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "Passport", "U00242309", "TR", "Turkey"), (passport.Kind, passport.Label, passport.Value, passport.Country, passport.CountryName));
        Assert.Equal(["TR"], e.Citizenships);
        Assert.Empty(e.Nationalities);
        Assert.Equal(Gender.Male, e.Gender);
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal(new PartialDate(1980, 2, 8), dob.From);
        Assert.Equal("08 Feb 1980", dob.Raw);
        Assert.Equal("TR", Assert.Single(e.Addresses).Country);
    }

    [Fact]
    public void Legacy_namespace_vessel_with_imo_mmsi_and_vessel_info()
    {
        var e = Get(Parse(Legacy2018).Entities, "15036");

        Assert.Equal(EntityKind.Vessel, e.Kind);
        Assert.Equal("SHONA", e.PrimaryName.Full);
        Assert.Equal(["ABADAN", "ALPHA"], e.Names.Skip(1).Select(n => n.Full));
        Assert.All(e.Names.Skip(1), n => Assert.Equal(NameType.Fka, n.Type));
        Assert.Equal(["IRAN"], e.Programs);
        Assert.Equal("(Linked To: NATIONAL IRANIAN TANKER COMPANY)", e.Remarks);
        Assert.Equal(
            [(IdentifierKind.Mmsi, "572469210"), (IdentifierKind.Imo, "IMO 9187629")],
            e.Identifiers.Select(i => (i.Kind, i.Value)));
        var v = Assert.IsType<VesselInfo>(e.Vessel);
        Assert.Equal("T2EU4", v.CallSign);
        Assert.Equal("Crude/Oil Products Tanker", v.Type);
        Assert.Equal("Tanzania", v.FlagName);
        Assert.Equal("TZ", v.Flag);
        Assert.Equal("99144", v.Tonnage);
        Assert.Equal("56068", v.GrossRegisteredTonnage);
        Assert.Null(v.Owner);
        Assert.Equal(["Malta", "Tuvalu", "None Identified"], e.Other.Where(o => o.Key == "Former Vessel Flag").Select(o => o.Value));
    }

    [Fact]
    public void Legacy_individual_with_title_and_birth_date_range()
    {
        var e = Get(Parse(Legacy2018).Entities, "15960");

        Assert.Equal("GHALEBANI, Ahmad", e.PrimaryName.Full);
        Assert.Equal(["Managing Director, National Iranian Oil Company; Director, Hong Kong Intertrade Company; Director, Petro Suisse Intertrade Company"], e.Titles);
        var dob = Assert.Single(e.BirthDates);

        // "01 Jan 1953 to 31 Dec 1954" covers two whole years: read at year precision, the bounds unchanged.
        Assert.Equal(new PartialDate(1953), dob.From);
        Assert.Equal(new PartialDate(1954), dob.To);
        Assert.Equal((new DateOnly(1953, 1, 1), new DateOnly(1954, 12, 31)), dob.Bounds());
        Assert.Equal("01 Jan 1953 to 31 Dec 1954", dob.Raw);
        var passport = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "H20676140", "IR"), (passport.Kind, passport.Value, passport.Country));
    }

    [Fact]
    public void Legacy_central_bank_addresses_and_additional_information()
    {
        var e = Get(Parse(Legacy2018).Entities, "4632");

        Assert.Equal("BANK MARKAZI JOMHOURI ISLAMI IRAN", e.PrimaryName.Full);
        Assert.Equal(["CENTRAL BANK OF THE ISLAMIC REPUBLIC OF IRAN", "BANK MARKAZI IRAN", "CENTRAL BANK OF IRAN"], e.Names.Skip(1).Select(n => n.Full));
        Assert.Equal(2, e.Addresses.Count);
        Assert.Equal(["PO Box 15875/7177, 144 Mirdamad Blvd"], e.Addresses[0].Lines);
        Assert.Equal(("Tehran", "IR"), (e.Addresses[0].City, e.Addresses[0].Country));
        Assert.Equal("11365", e.Addresses[1].PostalCode);
        Assert.Empty(e.Identifiers);
        Assert.Equal(["Additional Sanctions Information -", "For more information, please see:"], e.Other.Select(o => o.Key));
    }

    [Theory]
    [InlineData("23 Nov 1962", 1962, 11, 23, null, false)]
    [InlineData("Nov 1962", 1962, 11, null, null, false)]
    [InlineData("1962", 1962, null, null, null, false)]
    [InlineData("circa 1970", 1970, null, null, null, true)]
    [InlineData("1958 to 1960", 1958, null, null, 1960, false)]
    public void Birth_date_text_keeps_its_precision(string raw, int year, int? month, int? day, int? toYear, bool approximate)
    {
        var d = OfacVocabulary.ParseBirthDate(raw);

        Assert.NotNull(d);
        Assert.Equal(new PartialDate(year, month, day), d.From);
        Assert.Equal(toYear is null ? null : new PartialDate(toYear.Value), d.To);
        Assert.Equal(approximate, d.Approximate);
        Assert.Equal(raw, d.Raw);
    }

    [Theory]
    [InlineData("Passport", IdentifierKind.Passport)]
    [InlineData("Diplomatic Passport", IdentifierKind.Passport)]
    [InlineData("Cedula No.", IdentifierKind.NationalId)]
    [InlineData("RIF #", IdentifierKind.TaxId)]
    [InlineData("Tax ID No.", IdentifierKind.TaxId)]
    [InlineData("Vessel Registration Identification", IdentifierKind.Imo)]
    [InlineData("IMO", IdentifierKind.Imo)]
    [InlineData("MMSI", IdentifierKind.Mmsi)]
    [InlineData("SWIFT/BIC", IdentifierKind.SwiftBic)]
    [InlineData("Legal Entity Number", IdentifierKind.Lei)]
    [InlineData("Email Address", IdentifierKind.Email)]
    [InlineData("Website", IdentifierKind.Website)]
    [InlineData("Phone Number", IdentifierKind.Phone)]
    [InlineData("Driver's License No.", IdentifierKind.DrivingLicense)]
    [InlineData("Unified Social Credit Code (USCC)", IdentifierKind.Registration)]
    [InlineData("Digital Currency Address - XBT", IdentifierKind.DigitalCurrencyAddress)]
    [InlineData("ISIN", IdentifierKind.Other)]
    [InlineData("Secondary sanctions risk:", null)]
    [InlineData("Listing Date (EO 14024 Directive 2):", null)]
    [InlineData("Executive Order 13662 Directive Determination -", null)]
    [InlineData("Nationality of Registration", null)]
    [InlineData("Organization Established Date", null)]
    public void Identifier_labels_map_to_kinds_and_facts_stay_facts(string label, IdentifierKind? kind) =>
        Assert.Equal(kind, OfacVocabulary.IdentifierKindOf(label));

    [Fact]
    public void Digital_currency_addresses_keep_their_currency()
    {
        var id = OfacVocabulary.MakeIdentifier(IdentifierKind.DigitalCurrencyAddress, "Digital Currency Address - XBT", "1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V");

        Assert.Equal(("XBT", "1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V"), (id.Currency, id.Value));
    }

    [Fact]
    public void Every_document_type_OFAC_defines_is_read_as_an_identifier()
    {
        // The SDN reference table lists every ID document type OFAC uses; in the classic format the same labels
        // arrive as idType and must not be mistaken for facts.
        var doc = System.Xml.Linq.XDocument.Load(TestPaths.Data("ofac/advanced-xml/sdn-advanced-2024-02-23-sample/SDN_ADVANCED.sample.xml"));
        var labels = doc.Descendants().Where(e => e.Name.LocalName == "IDRegDocType").Select(e => e.Value).ToList();

        Assert.Equal(100, labels.Count);
        Assert.DoesNotContain(labels, l => OfacVocabulary.IdentifierKindOf(l) is null);
        Assert.Equal(IdentifierKind.Passport, OfacVocabulary.IdentifierKindOf(Assert.Single(labels, l => l == "Stateless Person Passport")));
    }

    [Fact]
    public void Every_country_written_in_the_real_files_resolves()
    {
        var entities = new[] { Legacy2018, Sls2024, Sls2025 }.SelectMany(f => Parse(f).Entities).ToList();

        var unresolved = entities.SelectMany(e => e.Addresses.Select(a => a.CountryName).Concat(e.Identifiers.Select(i => i.CountryName)))
            .Where(c => c is not null && Countries.Resolve(c) is null).Distinct().ToList();

        Assert.Empty(unresolved);

        // Vessel flags use two words that are no country at all.
        Assert.Equal(["None Identified", "Unknown"], entities.Where(e => e.Vessel is { Flag: null, FlagName: not null }).Select(e => e.Vessel!.FlagName).Distinct().Order());
    }

    [Fact]
    public void A_record_count_that_disagrees_is_a_warning()
    {
        var text = File.ReadAllText(TestPaths.Data(Sls2025)).Replace("<Record_Count>443</Record_Count>", "<Record_Count>444</Record_Count>", StringComparison.Ordinal);
        var context = new ParseContext("ofac-cons");

        var entities = new OfacXmlParser().Parse([SourceInput.FromBytes("CONSOLIDATED.XML", Encoding.UTF8.GetBytes(text))], context).ToList();

        Assert.Equal(443, entities.Count);
        Assert.Equal(444, context.DeclaredCount);
        Assert.Equal("CONSOLIDATED.XML: Record_Count says 444 but the file has 443 sdnEntry elements", Assert.Single(context.Warnings));
    }

    [Fact]
    public void A_record_the_parser_cannot_map_names_the_line_of_its_entry()
    {
        var text = File.ReadAllText(TestPaths.Data(Sls2025));
        var at = text.IndexOf("<uid>9640</uid>", StringComparison.Ordinal);
        var type = text.IndexOf("<sdnType>Individual</sdnType>", at, StringComparison.Ordinal);
        var broken = text[..type] + "<sdnType>Person</sdnType>" + text[(type + "<sdnType>Individual</sdnType>".Length)..];
        var entryLine = text[..at].Count(c => c == '\n');

        var ex = ParseBytes(Encoding.UTF8.GetBytes(broken));

        Assert.Equal($"CONSOLIDATED.XML, line {entryLine}, element <sdnEntry>: sdnEntry 9640: unknown sdnType 'Person'", ex.Message);
    }

    [Fact]
    public void A_truncated_file_names_the_line_and_entry()
    {
        var bytes = File.ReadAllBytes(TestPaths.Data(Sls2025));
        var cut = bytes.AsSpan(0, 50_000).ToArray();
        var lastLine = cut.Count(b => b == (byte)'\n') + 1;

        var ex = ParseBytes(cut);

        Assert.Equal($"CONSOLIDATED.XML, line {lastLine}, element <sdnEntry>: truncated XML: the file ends before the document is complete", ex.Message);
        Assert.Equal(lastLine, ex.Line);
    }

    [Fact]
    public void A_file_that_is_not_xml_is_rejected()
    {
        var csv = File.ReadAllBytes(TestPaths.Data("ofac/cons-csv/2025-12/cons_prim.csv"));

        var ex = ParseBytes(csv, "cons_prim.csv");

        Assert.Equal("cons_prim.csv, line 1: not an XML document", ex.Message);
    }

    [Fact]
    public void Another_lists_xml_is_rejected_by_its_root_element()
    {
        var un = File.ReadAllBytes(TestPaths.Data("un/UN_consolidated.xml"));

        var ex = ParseBytes(un, "UN_consolidated.xml");

        Assert.StartsWith("UN_consolidated.xml, line ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(", element <CONSOLIDATED_LIST>: not an OFAC classic XML (sdnList) file: the root element is <CONSOLIDATED_LIST>, expected <sdnList>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        var ex = ParseBytes([]);

        Assert.Equal("CONSOLIDATED.XML: empty file: no XML root element", ex.Message);
    }

    [Fact]
    public void Invalid_utf8_names_the_line()
    {
        var bytes = File.ReadAllBytes(TestPaths.Data(Sls2025));
        var at = bytes.AsSpan().IndexOf("HANIYYA"u8);
        bytes[at + 1] = 0xFF;
        var line = bytes.AsSpan(0, at).ToArray().Count(b => b == (byte)'\n') + 1;

        var ex = ParseBytes(bytes);

        Assert.Equal($"CONSOLIDATED.XML, line {line}, element <sdnEntry>: invalid byte sequence for the declared encoding (expected UTF-8 text)", ex.Message);
    }

    [Fact]
    public void Is_registered_under_its_format_name()
    {
        Assert.IsType<OfacXmlParser>(ListCatalog.CreateParser("ofac-xml"));
        Assert.Equal("ofac-xml", ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data(Sls2025))]));
    }
}
