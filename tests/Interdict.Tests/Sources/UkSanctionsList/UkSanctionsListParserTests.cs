using System.Text;
using System.Text.Json;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.Sources.UkSanctionsList;

/// <summary>
/// The FCDO's UK Sanctions List on the real excerpt of the file generated 14/08/2026 (4 designations), and a CSV made
/// of the same 4 designations (no real CSV rows exist; see tests/data/README.md) read by the CSV parser.
/// </summary>
public class UkSanctionsListParserTests
{
    private const string List = "uk-sanctions-list";
    private const string Xml = "uk-sanctions-list-xml";
    private const string Csv = "uk-sanctions-list-csv";
    internal const string XmlFile = "uk/uk-sanctions-list-xml-excerpt-2026-08-14/UK-Sanctions-List.excerpt.xml";
    internal const string CsvFile = "uk/uk-sanctions-list-csv-from-xml-excerpt/UK-Sanctions-List.csv";

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> FromXml = new(() =>
    {
        var ctx = new ParseContext(List);
        return (ParserTestKit.ParseFile(Xml, List, XmlFile, ctx), ctx);
    });

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> FromCsv = new(() =>
    {
        var ctx = new ParseContext(List);
        return (ParserTestKit.ParseFile(Csv, List, CsvFile, ctx), ctx);
    });

    private static Entity Get(string id) => FromXml.Value.Entities.One($"{List}:{id}");

    private static string? OtherValue(Entity e, string key) => e.Other.SingleOrDefault(kv => kv.Key == key).Value;

    private static byte[] XmlBytes => File.ReadAllBytes(TestPaths.Data(XmlFile));

    private static string XmlText => Encoding.UTF8.GetString(XmlBytes);

    [Fact]
    public void The_xml_excerpt_gives_its_four_designations_in_order()
    {
        Assert.Equal(["AFG0011", "AQD0128", "AQD0377", "DPR0075"], FromXml.Value.Entities.Select(e => e.NativeId));
        Assert.Equal(new DateTimeOffset(2026, 8, 14, 23, 0, 4, 744, TimeSpan.Zero), FromXml.Value.Context.Published);
        Assert.Equal(
            [EntityKind.Person, EntityKind.Person, EntityKind.Organization, EntityKind.Vessel],
            FromXml.Value.Entities.Select(e => e.Kind));
    }

    [Fact]
    public void AFG0011_an_individual_with_a_placeholder_date_a_spaced_passport_and_an_arabic_name()
    {
        var e = Get("AFG0011");
        Assert.Equal("uk-sanctions-list:AFG0011", e.Id);
        Assert.Equal(
            [("ABDUL LATIF MANSUR", NameType.Primary, AliasStrength.Strong, (string?)null), ("عبد اللطيف منصور", NameType.Primary, AliasStrength.Strong, "Arab"),
             ("Abdul Latif MANSOOR", NameType.Aka, AliasStrength.Strong, null), ("Wali MOHAMMAD", NameType.Aka, AliasStrength.Strong, null)],
            e.Names.Select(n => (n.Full, n.Type, n.Strength, n.Script)));
        Assert.Equal(("ABDUL LATIF", "MANSUR"), (e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Equal("name in non-Latin script", e.Names[1].Note);

        // "dd/mm/1968" is the year 1968, never 1 January; the repeated 12/11/1967 is one date.
        Assert.Equal([(new PartialDate(1968), "dd/mm/1968"), (new PartialDate(1967, 11, 12), "12/11/1967")], e.BirthDates.Select(b => (b.From, b.Raw)));
        Assert.Equal(DatePrecision.Year, e.BirthDates[0].From.Precision);
        Assert.All(e.BirthDates, b => Assert.False(b.IsRange));

        Assert.Equal(["D0009720", "D0010442"], e.Identifiers.Select(i => i.Value));
        Assert.All(e.Identifiers, i => Assert.Equal((IdentifierKind.Passport, "Passport number"), (i.Kind, i.Label)));
        Assert.StartsWith("Afghanistan diplomatic passport number D0009720, issued on 12 Oct. 2021", e.Identifiers[0].Note, StringComparison.Ordinal);
        Assert.Equal("Afghanistan diplomatic passport D0010442, issued on 13 Nov. 2024, expires 13 Nov. 2029", e.Identifiers[1].Note);
        Assert.Contains(FromXml.Value.Context.Warnings, w => w.Contains("Designation AFG0011: Passport number ' D0009720' has surrounding spaces; trimmed to 'D0009720'", StringComparison.Ordinal));

        Assert.Equal(["AF"], e.Nationalities);
        Assert.Equal(["Maulavi", "Minister of Agriculture under the previous Taliban regime (1996-2001)"], e.Titles);
        Assert.Equal(["Zurmat District, Paktia Province, Afghanistan", "Garda Saray District, Paktia Province, Afghanistan", "Afghanistan"], e.BirthPlaces);
        var a = Assert.Single(e.Addresses);
        Assert.Equal(["Darul Aman", "Kabul"], a.Lines);
        Assert.Equal(("AF", "Afghanistan"), (a.Country, a.CountryName));
        Assert.Equal(["The Afghanistan (Sanctions) (EU Exit) Regulations 2020"], e.Programs);
        Assert.Equal(new PartialDate(2001, 1, 31), e.ListedOn);
        Assert.StartsWith("Taliban Shadow Governor for Logar Province as of late 2012.", e.Remarks, StringComparison.Ordinal);
        Assert.EndsWith("View-UN-Notices-Individuals#2006-25913", e.Remarks, StringComparison.Ordinal);
        Assert.Equal("29/04/2026", OtherValue(e, "Last updated"));
        Assert.Equal("7270", OtherValue(e, "OFSI Group ID"));
        Assert.Equal("TAi.007", OtherValue(e, "UN Reference Number"));
        Assert.Equal("UN", OtherValue(e, "Designation source"));
        Assert.Equal("Asset freeze|Travel Ban", OtherValue(e, "Sanctions imposed"));

        // The statement of reasons is an empty element (a line break only): nothing to keep.
        Assert.Null(OtherValue(e, "UK Statement of Reasons"));
        Assert.Null(e.Vessel);
        Assert.Null(e.Gender);
    }

    [Fact]
    public void AQD0128_a_lower_case_name_type_weak_aliases_three_years_and_a_ration_card()
    {
        var e = Get("AQD0128");
        Assert.Equal(
            [("AKRAM TURKI HISHAN AL-MAZIDIH", NameType.Primary, AliasStrength.Strong), ("أكرم تركي هاشم المزيده", NameType.Primary, AliasStrength.Strong),
             ("Abu Akram", NameType.Aka, AliasStrength.Weak), ("Akram Turki Al-Hishan", NameType.Aka, AliasStrength.Strong), ("Abu Jarrah", NameType.Aka, AliasStrength.Weak)],
            e.Names.Select(n => (n.Full, n.Type, n.Strength)));
        Assert.Equal(("AKRAM TURKI HISHAN", "AL-MAZIDIH"), (e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Equal([new PartialDate(1974), new PartialDate(1975), new PartialDate(1979)], e.BirthDates.Select(b => b.From));
        Assert.All(e.BirthDates, b => Assert.Equal(DatePrecision.Year, b.From.Precision));
        var id = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.NationalId, "National Identifier number", "0075258", "Ration card no."), (id.Kind, id.Label, id.Value, id.Note));
        Assert.Equal(2, e.Addresses.Count);
        Assert.Empty(e.Addresses[0].Lines);
        Assert.Equal(("IQ", "Iraq"), (e.Addresses[0].Country, e.Addresses[0].CountryName));
        Assert.Equal(["Deir ez-Zor Governorate"], e.Addresses[1].Lines);
        Assert.Equal(("SY", "Syria"), (e.Addresses[1].Country, e.Addresses[1].CountryName));
        Assert.Equal(["Isil (Da'esh) and Al-Qaeda (United Nations Sanctions) (EU Exit) Regulations 2019"], e.Programs);
        Assert.Equal(new PartialDate(2010, 3, 11), e.ListedOn);
        Assert.Equal("QDi.276", OtherValue(e, "UN Reference Number"));
        Assert.Equal("11050", OtherValue(e, "OFSI Group ID"));
        Assert.Equal("18/12/2021", OtherValue(e, "Last updated"));
        Assert.Equal("Asset freeze|Arms embargo|Travel Ban", OtherValue(e, "Sanctions imposed"));
        Assert.StartsWith("Other possible date of birth: 1979.", e.Remarks, StringComparison.Ordinal);
        Assert.Empty(e.Nationalities);
        Assert.Empty(e.Titles);
    }

    [Fact]
    public void AQD0377_an_entity_with_untyped_aliases_a_cyrillic_name_and_its_type()
    {
        var e = Get("AQD0377");
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal(
            [("Khatiba al-Tawhid wal-Jihad (KTJ)", NameType.Primary, (string?)null), ("Катиба ат-Таухид валь-Джихад", NameType.Primary, "Cyrl"),
             ("Jama'at al-Tawhid wal-Jihad", NameType.Aka, null), ("Jannat Oshiklari", NameType.Aka, null)],
            e.Names.Select(n => (n.Full, n.Type, n.Script)));
        Assert.All(e.Names, n => Assert.Equal((AliasStrength.Strong, (string?)null, (string?)null), (n.Strength, n.Given, n.Family)));
        Assert.Equal("Terrorist Group", OtherValue(e, "Type of entity"));
        Assert.Equal("QDe.168", OtherValue(e, "UN Reference Number"));
        Assert.Equal("14211", OtherValue(e, "OFSI Group ID"));
        Assert.Equal("Asset freeze|Arms embargo", OtherValue(e, "Sanctions imposed"));
        Assert.Equal(new PartialDate(2022, 3, 7), e.ListedOn);
        Assert.Equal("08/03/2022", OtherValue(e, "Last updated"));
        Assert.StartsWith("Khatiba al-Tawhid wal-Jihad (formerly known as Jannat Oshiklari) is a terrorist organization", e.Remarks, StringComparison.Ordinal);
        Assert.Empty(e.Addresses);
        Assert.Empty(e.Identifiers);
        Assert.Empty(e.BirthDates);
        Assert.Null(e.Vessel);
    }

    [Fact]
    public void DPR0075_a_ship_with_its_imo_number_flags_and_owner_and_no_ofsi_group()
    {
        var e = Get("DPR0075");
        Assert.Equal(EntityKind.Vessel, e.Kind);
        Assert.Equal(["Petrel 8", "Jal Vahini", "Jal_Vahini", "Tian Tai 36"], e.Names.Select(n => n.Full));
        Assert.Equal([NameType.Primary, NameType.Aka, NameType.Aka, NameType.Aka], e.Names.Select(n => n.Type));
        var imo = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Imo, "9562233", "published as IMO9562233"), (imo.Kind, imo.Value, imo.Note));
        Assert.NotNull(e.Vessel);
        Assert.Equal(
            ("Bulk Carrier", "7078", "KM", "Comoros", "Global United Shipping India", "2011"),
            (e.Vessel.Type, e.Vessel.Tonnage, e.Vessel.Flag, e.Vessel.FlagName, e.Vessel.Owner, e.Vessel.BuildYear));
        Assert.Equal("India", OtherValue(e, "Previous flag"));
        Assert.Equal("134.5", OtherValue(e, "Length of ship"));
        Assert.Null(OtherValue(e, "OFSI Group ID"));
        Assert.Null(OtherValue(e, "UN Reference Number"));
        Assert.Equal(["The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"], e.Programs);
        Assert.Equal("Prohibition of port entry", OtherValue(e, "Sanctions imposed"));
        Assert.Equal(new PartialDate(2017, 10, 3), e.ListedOn);
        Assert.StartsWith("Pursuant to paragraph 6 of Security Council Resolution 2371 (2017)", e.Remarks, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_of_the_same_designations_gives_the_same_entities()
    {
        var xml = FromXml.Value.Entities;
        var csv = FromCsv.Value.Entities;
        Assert.Equal(xml.Count, csv.Count);
        Assert.Equal(new DateTimeOffset(2026, 8, 14, 0, 0, 0, TimeSpan.Zero), FromCsv.Value.Context.Published);
        for (var i = 0; i < xml.Count; i++)
        {
            Assert.Equal(JsonSerializer.Serialize(xml[i]), JsonSerializer.Serialize(csv[i]));
        }

        Assert.Contains(FromCsv.Value.Context.Warnings, w => w.Contains("Unique ID AFG0011, line 3: Passport number ' D0009720' has surrounding spaces", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_formats_are_detected_from_their_first_bytes()
    {
        Assert.Equal(Xml, ListCatalog.DetectFormat([SourceInput.FromBytes("list.xml", XmlBytes)]));
        Assert.Equal(Csv, ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data(CsvFile))]));
        Assert.Equal(["uk-sanctions-list-xml", "uk-sanctions-list-csv"], ListCatalog.Find(List)!.Formats);
        Assert.Equal("UK Foreign, Commonwealth & Development Office (FCDO)", ListCatalog.Find(List)!.Publisher);
    }

    private static ListFormatException XmlFails(string text) => ParserTestKit.Fails(Xml, List, "UK-Sanctions-List.xml", text);

    [Fact]
    public void Bad_xml_is_refused_naming_the_file_line_and_element()
    {
        var truncated = ParserTestKit.Fails(Xml, List, "UK-Sanctions-List.xml", XmlBytes[..(XmlBytes.Length / 2)]);
        Assert.StartsWith("UK-Sanctions-List.xml, line ", truncated.Message, StringComparison.Ordinal);
        Assert.EndsWith("truncated XML: the file ends before the document is complete", truncated.Message, StringComparison.Ordinal);

        Assert.Equal(
            "UK-Sanctions-List.xml, line 1, element <Foo>: root element is <Foo>, expected <Designations>: this is not a UK Sanctions List XML file",
            XmlFails("<Foo><Designation/></Foo>").Message);

        Assert.Equal(
            "UK-Sanctions-List.xml, line 4, element <Designation>: Designation: no UniqueID",
            XmlFails(XmlText.Replace("<UniqueID>AFG0011</UniqueID>", "", StringComparison.Ordinal)).Message);

        var noNames = XmlText.Replace(XmlText[XmlText.IndexOf("<Names>\n      <Name>\n        <Name6>Khatiba", StringComparison.Ordinal)..(XmlText.IndexOf("</Names>", XmlText.IndexOf("Khatiba", StringComparison.Ordinal), StringComparison.Ordinal) + 8)], "", StringComparison.Ordinal);
        Assert.Equal("UK-Sanctions-List.xml, line 197, element <Designation>: Designation AQD0377: designation without a name", XmlFails(noNames).Message);

        Assert.Equal(
            "UK-Sanctions-List.xml, line 277, element <IndividualEntityShip>: Designation DPR0075: unknown designation type 'Aircraft' (expected Individual, Entity or Ship)",
            XmlFails(XmlText.Replace("<IndividualEntityShip>Ship<", "<IndividualEntityShip>Aircraft<", StringComparison.Ordinal)).Message);

        Assert.Equal(
            "UK-Sanctions-List.xml, line 123, element <Name>: Designation AQD0128: name 'Abu Akram': unknown alias strength 'Medium quality a.k.a' (expected Good quality a.k.a or Low quality a.k.a)",
            XmlFails(XmlText.Replace("<Name6>Akram</Name6>\n        <NameType>Alias</NameType>\n        <AliasStrength>Low", "<Name6>Akram</Name6>\n        <NameType>Alias</NameType>\n        <AliasStrength>Medium", StringComparison.Ordinal)).Message);

        Assert.Equal(
            "UK-Sanctions-List.xml, line 11, element <Name>: Designation AFG0011: name 'ABDUL LATIF MANSUR': unknown name type 'Nickname' (expected Primary Name, Primary Name Variation or Alias)",
            XmlFails(XmlText.Replace("<NameType>Primary Name</NameType>", "<NameType>Nickname</NameType>", StringComparison.Ordinal)).Message);

        Assert.Equal(
            "UK-Sanctions-List.xml, line 73, element <DOB>: Designation AFG0011: '31/02/1967' is not a date (DD/MM/YYYY, dd and mm for unknown parts)",
            XmlFails(XmlText.Replace("<DOB>dd/mm/1968</DOB>", "<DOB>31/02/1967</DOB>", StringComparison.Ordinal)).Message);

        var latin1 = XmlBytes.ToArray();
        var at = XmlText.IndexOf("عبد", StringComparison.Ordinal);
        latin1[Encoding.UTF8.GetByteCount(XmlText[..at])] = 0xE9;
        var nonUtf8 = ParserTestKit.Fails(Xml, List, "UK-Sanctions-List.xml", latin1);
        Assert.StartsWith("UK-Sanctions-List.xml, line 33", nonUtf8.Message, StringComparison.Ordinal);
        Assert.Contains("invalid byte sequence for the declared encoding (expected UTF-8 text)", nonUtf8.Message, StringComparison.Ordinal);

        var un = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile(Xml, List, "un/UN_consolidated.xml"));
        Assert.Equal(
            "UN_consolidated.xml, line 2, element <CONSOLIDATED_LIST>: root element is <CONSOLIDATED_LIST>, expected <Designations>: this is not a UK Sanctions List XML file",
            un.Message);
    }

    private static string CsvText => File.ReadAllText(TestPaths.Data(CsvFile));

    [Fact]
    public void Bad_csv_is_refused_naming_the_file_line_and_column()
    {
        var ofsi = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile(Csv, List, "uk/ofsi-conlist-2018-04-13/ConList.csv"));
        Assert.Equal("ConList.csv, line 1: not a UK Sanctions List CSV: the first line must be 'Report Date: DD-Mon-YYYY'", ofsi.Message);

        var header = CsvText.Replace("Name 6,Name 1", "Name 1,Name 6", StringComparison.Ordinal);
        Assert.Equal("UK-Sanctions-List.csv, line 2: not a UK Sanctions List CSV: column 5 is 'Name 1', expected 'Name 6'", ParserTestKit.Fails(Csv, List, "UK-Sanctions-List.csv", header).Message);

        var ship = CsvText.Replace(",Ship,", ",Aircraft,", StringComparison.Ordinal);
        Assert.Equal(
            "UK-Sanctions-List.csv, line 13, element <Designation Type>: Unique ID DPR0075: unknown designation type 'Aircraft' (expected Individual, Entity or Ship)",
            ParserTestKit.Fails(Csv, List, "UK-Sanctions-List.csv", ship).Message);

        var noId = CsvText.Replace(",AQD0377,", ",,", StringComparison.Ordinal);
        Assert.Equal("UK-Sanctions-List.csv, line 10, element <Unique ID>: row without Unique ID", ParserTestKit.Fails(Csv, List, "UK-Sanctions-List.csv", noId).Message);

        var shortRow = CsvText + "01/01/2026,XYZ0001\r\n";
        Assert.Equal("UK-Sanctions-List.csv, line 17: expected 58 fields, found 2", ParserTestKit.Fails(Csv, List, "UK-Sanctions-List.csv", shortRow).Message);

        var bytes = Encoding.UTF8.GetBytes(CsvText);
        bytes[Encoding.UTF8.GetByteCount(CsvText[..CsvText.IndexOf("عبد", StringComparison.Ordinal)])] = 0xE9;
        Assert.Equal("UK-Sanctions-List.csv, line 3: not valid UTF-8", ParserTestKit.Fails(Csv, List, "UK-Sanctions-List.csv", bytes).Message);

        Assert.Equal("UK-Sanctions-List.csv, line 1: empty file: not a UK Sanctions List CSV", ParserTestKit.Fails(Csv, List, "UK-Sanctions-List.csv", "").Message);
    }

    [Fact]
    public void A_bad_file_imports_nothing_and_leaves_the_previous_snapshot_whole()
    {
        var dir = TestPaths.TempDir();
        try
        {
            using var store = new SqliteListStore(Path.Combine(dir, "interdict.db"));
            var published = new DateTimeOffset(2026, 8, 14, 23, 0, 4, TimeSpan.Zero);
            var baseline = store.Import(List, published, ParserTestKit.Parser(Xml), [SourceInput.FromPath(TestPaths.Data(XmlFile))]).Snapshot;
            Assert.Equal(4, baseline.EntityCount);

            // The last designation is bad: the three before it were parsed, and must not land.
            var bad = XmlText.Replace("<IndividualEntityShip>Ship<", "<IndividualEntityShip>Aircraft<", StringComparison.Ordinal);
            var ex = Assert.Throws<ListFormatException>(() => store.Import(List, published.AddDays(1), ParserTestKit.Parser(Xml), [SourceInput.FromBytes("UK-Sanctions-List.xml", Encoding.UTF8.GetBytes(bad))]));
            Assert.StartsWith("UK-Sanctions-List.xml, line 277, element <IndividualEntityShip>", ex.Message, StringComparison.Ordinal);

            var csv = CsvText.Replace(",Ship,", ",Aircraft,", StringComparison.Ordinal);
            Assert.Throws<ListFormatException>(() => store.Import(List, published.AddDays(1), ParserTestKit.Parser(Csv), [SourceInput.FromBytes("UK-Sanctions-List.csv", Encoding.UTF8.GetBytes(csv))]));

            var current = store.SnapshotAt(List);
            Assert.NotNull(current);
            Assert.Equal(baseline.Id, current.Id);
            Assert.Single(store.Snapshots(List));
            Assert.Equal(4, store.Entities(current.Id).Count());
            Assert.Equal("Petrel 8", store.GetEntity("uk-sanctions-list:DPR0075")!.PrimaryName.Full);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
