using System.IO.Compression;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac.Enhanced;

namespace Interdict.Tests.Sources.Ofac;

public class OfacEnhancedXmlParserTests
{
    private const string Xml = "ofac/enhanced-xml/cons-enhanced-2025-01-14/CONS_ENHANCED.XML";
    private const string Zip = "ofac/enhanced-xml/cons-enhanced-2025-01-14/CONS_ENHANCED.ZIP";

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> Parsed = new(() => Parse(Xml));

    private static (List<Entity> Entities, ParseContext Context) Parse(string relative)
    {
        var context = new ParseContext("ofac-cons");
        var entities = new OfacEnhancedXmlParser().Parse([SourceInput.FromPath(TestPaths.Data(relative))], context).ToList();
        return (entities, context);
    }

    private static Entity Get(string id) => Assert.Single(Parsed.Value.Entities, e => e.NativeId == id);

    private static ListFormatException ParseBytes(byte[] bytes, string name = "CONS_ENHANCED.XML") =>
        Assert.Throws<ListFormatException>(() => new OfacEnhancedXmlParser().Parse([SourceInput.FromBytes(name, bytes)], new ParseContext("ofac-cons")).ToList());

    [Fact]
    public void Reads_every_entity_and_the_publication_date()
    {
        var (entities, context) = Parsed.Value;

        Assert.Equal(443, entities.Count);
        Assert.Equal(80, entities.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(363, entities.Count(e => e.Kind == EntityKind.Organization));
        Assert.Equal(new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero), context.Published);
        Assert.Empty(context.Warnings);
        Assert.All(entities, e => Assert.NotEmpty(e.Programs));
        Assert.All(entities, e => Assert.NotNull(e.ListedOn));

        // 283 relationship elements, 692 identity documents in the file.
        Assert.Equal(283, entities.Sum(e => e.Links.Count));
        Assert.All(entities.SelectMany(e => e.Links), l => Assert.StartsWith("ofac-cons:", l.TargetId, StringComparison.Ordinal));
        Assert.Equal(692, entities.Sum(e => e.Identifiers.Count(i => i.Label is not ("Website" or "Email Address" or "SWIFT/BIC" or "BIK (RU)" or "ISIN" or "Equity Ticker"))));
        Assert.Equal(82, context.ProgramNames.Count);
        Assert.Equal("CMIC-EO13959", context.ProgramNames["CMIC-EO13959"]);
    }

    [Fact]
    public void The_published_zip_reads_the_same_as_its_member()
    {
        var (fromZip, context) = Parse(Zip);

        Assert.Equal(443, fromZip.Count);
        Assert.Equal(new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero), context.Published);
        Assert.Equal(Parsed.Value.Entities.Select(e => e.PrimaryName.Full), fromZip.Select(e => e.PrimaryName.Full));
    }

    [Fact]
    public void Haniya_year_of_birth_from_the_value_date()
    {
        var e = Get("9639");

        Assert.Equal("ofac-cons:9639", e.Id);
        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal(("HANIYA, Ismail Abdul Salah", "Ismail Abdul Salah", "HANIYA"), (e.PrimaryName.Full, e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Equal(["HANIYA, Ismail", "HANIYYA, Ismaeel"], e.Names.Skip(1).Select(n => n.Full));
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal((new PartialDate(1962), (PartialDate?)null, false, "1962"), (dob.From, dob.To, dob.Approximate, dob.Raw));
        Assert.Equal(["Shati"], e.BirthPlaces);
        Assert.Equal(["NS-PLC"], e.Programs);
        Assert.Equal(new PartialDate(2006, 4, 12), e.ListedOn);
        Assert.Equal(["Non-SDN Palestinian Legislative Council List", "Consolidated List"], e.Other.Where(o => o.Key == "Sanctions List").Select(o => o.Value));
        Assert.Contains(new KeyValuePair<string, string>("Sanctions Type", "Reject"), e.Other);
        Assert.Empty(e.Addresses);
    }

    [Fact]
    public void Zahhar_weak_aliases_relationship_and_nationality()
    {
        var e = Get("9647");

        Assert.Equal("ZAHHAR, Mahmoud Khaled", e.PrimaryName.Full);
        Assert.Equal(
            [("AL ZAHAR, Mahmoud Khaled", AliasStrength.Strong), ("ZAHAR, Mahmoud", AliasStrength.Weak), ("AL-ZAHAR, Mahmoud", AliasStrength.Weak)],
            e.Names.Skip(1).Select(n => (n.Full, n.Strength)));
        Assert.Equal(Gender.Male, e.Gender);
        Assert.Equal(["PS"], e.Nationalities);
        Assert.Equal(["NS-PLC", "SDGT"], e.Programs);
        var link = Assert.Single(e.Links);
        Assert.Equal(("Acting for or on behalf of", "HAMAS", "ofac-cons:4695"), (link.Relation, link.TargetName, link.TargetId));
        Assert.Equal("Gaza", Assert.Single(e.Addresses).Region);
        Assert.Null(e.Remarks);
    }

    [Fact]
    public void Vtb_bank_names_in_cyrillic_documents_and_feature_comments()
    {
        var e = Get("17013");

        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal(("VTB BANK PUBLIC JOINT STOCK COMPANY", (string?)null, (string?)null), (e.Names[0].Full, e.Names[0].Script, e.Names[0].Family));
        Assert.Equal(("БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", NameType.Primary, "Cyrl"), (e.Names[1].Full, e.Names[1].Type, e.Names[1].Script));
        var cyrillicAlias = Assert.Single(e.Names.Skip(2), n => n.Script == "Cyrl");
        Assert.Equal(("БАНК ВТБ ПАО", NameType.Aka), (cyrillicAlias.Full, cyrillicAlias.Type));
        Assert.Equal(31, e.Names.Count);
        var branch = Assert.Single(e.Names, n => n.Full == "JSC VTB BANK NEW DELHI BRANCH");
        Assert.Equal((NameType.Aka, AliasStrength.Weak), (branch.Type, branch.Strength));
        Assert.Equal(["UKRAINE-EO13662", "RUSSIA-EO14024"], e.Programs);
        Assert.Equal(new PartialDate(2014, 7, 29), e.ListedOn);
        Assert.Equal(12, e.Addresses.Count);
        Assert.Equal(("New Delhi", "110001", "IN"), (e.Addresses[9].City, e.Addresses[9].PostalCode, e.Addresses[9].Country));
        var lei = Assert.Single(e.Identifiers, i => i.Kind == IdentifierKind.Lei);
        Assert.Equal(("Legal Entity Number", "253400V1H6ART1UQ0N98", "RU"), (lei.Label, lei.Value, lei.Country));
        var ru = Assert.Single(e.Identifiers, i => i.Value == "www.vtb.ru");
        Assert.Equal((IdentifierKind.Website, "Russian Language website for the bank"), (ru.Kind, ru.Note));
        Assert.Contains(e.Identifiers, i => i is { Kind: IdentifierKind.TaxId, Value: "7702070139", Country: "RU" });
        Assert.Contains(new KeyValuePair<string, string>("Organization Established Date", "17 Oct 1990"), e.Other);
    }

    [Fact]
    public void Sensetime_name_in_traditional_chinese()
    {
        var e = Get("33114");

        Assert.Equal(["SENSETIME GROUP LIMITED", "商湯集團有限公司", "SENSETIME GROUP LTD"], e.Names.Select(n => n.Full));
        Assert.Equal("Hant", e.Names[1].Script);
        Assert.Equal(["CMIC-EO13959"], e.Programs);
        var cr = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Registration, "C.R. No.", "2162198", "HK"), (cr.Kind, cr.Label, cr.Value, cr.Country));
        Assert.Equal(["Block 1, 1F & 2F Harbour View", "12 Science Park", "West Avenue"], e.Addresses[0].Lines);
        Assert.Contains(new KeyValuePair<string, string>("Listing Date (CMIC)", "10 Dec 2021"), e.Other);
    }

    [Fact]
    public void China_mobile_securities_identifiers_and_owner()
    {
        var e = Get("30923");

        Assert.Equal("CHINA MOBILE LIMITED", e.PrimaryName.Full);
        Assert.Equal(new PartialDate(2021, 1, 8), e.ListedOn);
        Assert.Equal(["US16941M1099", "HK0941009539", "BRC1HLBDR003", "ARDEUT111812"], e.Identifiers.Where(i => i.Label == "ISIN").Select(i => i.Value));
        Assert.Equal(("CHL US", "(NYSE)"), (e.Identifiers[0].Value, e.Identifiers[0].Note));
        Assert.Equal(8, e.Identifiers.Count(i => i.Label == "Equity Ticker"));
        Assert.Equal(("Owned or Controlled By", "ofac-cons:30944", "CHINA MOBILE COMMUNICATIONS GROUP CO., LTD."), (Assert.Single(e.Links).Relation, e.Links[0].TargetId, e.Links[0].TargetName));
        Assert.Contains(new KeyValuePair<string, string>("Target Type", "Public Company"), e.Other);
    }

    [Fact]
    public void Kayakiran_passport_citizenship_and_birth_date()
    {
        var e = Get("26182");

        Assert.Equal("KAYAKIRAN, Evren", e.PrimaryName.Full);
        Assert.Equal(new PartialDate(1980, 2, 8), Assert.Single(e.BirthDates).From);
        Assert.Equal("08 Feb 1980", e.BirthDates[0].Raw);
        Assert.Equal(["TR"], e.Citizenships);
        Assert.Equal(Gender.Male, e.Gender);
        var passport = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "U00242309", "TR", "Turkey"), (passport.Kind, passport.Value, passport.Country, passport.CountryName));
    }

    [Fact]
    public void Orenburgneft_link_carries_the_published_target_name()
    {
        var e = Get("18267");

        Assert.Equal(("Owned or Controlled By", "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY", "ofac-cons:17022"), (Assert.Single(e.Links).Relation, e.Links[0].TargetName, e.Links[0].TargetId));
        Assert.Equal(["Magistralnaya St., 2"], e.Addresses[0].Lines);
        Assert.Equal(("Buzuluk", "the Orenburg Region", "461040", "RU"), (e.Addresses[0].City, e.Addresses[0].Region, e.Addresses[0].PostalCode, e.Addresses[0].Country));
    }

    [Fact]
    public void Malformed_inputs_name_file_line_and_reason()
    {
        var bytes = File.ReadAllBytes(TestPaths.Data(Xml));
        var cut = bytes.AsSpan(0, bytes.AsSpan().IndexOf("<entity id=\"17013\">"u8) + 300).ToArray();
        var lastLine = cut.Count(b => b == (byte)'\n') + 1;
        Assert.Equal($"CONS_ENHANCED.XML, line {lastLine}, element <entity>: truncated XML: the file ends before the document is complete", ParseBytes(cut).Message);

        var advanced = ParseBytes(File.ReadAllBytes(TestPaths.Data("ofac/advanced-xml/cons-advanced-2020-03-17/CONS_ADVANCED.XML")), "CONS_ADVANCED.XML");
        Assert.Equal("CONS_ADVANCED.XML, line 2, element <Sanctions>: not an OFAC enhanced XML (sanctionsData) file: the root element is <Sanctions>, expected <sanctionsData>", advanced.Message);

        Assert.Equal("cons_alt.csv, line 1: not an XML document", ParseBytes(File.ReadAllBytes(TestPaths.Data("ofac/cons-csv/2025-12/cons_alt.csv")), "cons_alt.csv").Message);
        Assert.Equal("CONS_ENHANCED.XML: empty file: no XML root element", ParseBytes([]).Message);

        var broken = (byte[])bytes.Clone();
        var at = broken.AsSpan().IndexOf("SENSETIME GROUP LIMITED"u8);
        broken[at] = 0xFE;
        var line = broken.AsSpan(0, at).ToArray().Count(b => b == (byte)'\n') + 1;
        Assert.Equal($"CONS_ENHANCED.XML, line {line}, element <entity>: invalid byte sequence for the declared encoding (expected UTF-8 text)", ParseBytes(broken).Message);
    }

    [Fact]
    public void A_zip_must_hold_exactly_one_readable_file()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("A.XML");
            zip.CreateEntry("B.XML");
        }

        Assert.Equal("TWO.ZIP: expected exactly one file in the ZIP archive, found 2", ParseBytes(ms.ToArray(), "TWO.ZIP").Message);

        var notZip = ParseBytes(File.ReadAllBytes(TestPaths.Data(Xml)), "CONS_ENHANCED.ZIP");
        Assert.StartsWith("CONS_ENHANCED.ZIP: not a readable ZIP archive: ", notZip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_registered_under_its_format_name()
    {
        Assert.IsType<OfacEnhancedXmlParser>(ListCatalog.CreateParser("ofac-enhanced"));
        Assert.Equal("ofac-enhanced", ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data(Xml))]));
    }
}
