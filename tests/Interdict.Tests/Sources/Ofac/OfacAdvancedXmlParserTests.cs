using System.Text;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac.Advanced;

namespace Interdict.Tests.Sources.Ofac;

public class OfacAdvancedXmlParserTests
{
    private const string Cons = "ofac/advanced-xml/cons-advanced-2020-03-17/CONS_ADVANCED.XML";
    private const string SdnSample = "ofac/advanced-xml/sdn-advanced-2024-02-23-sample/SDN_ADVANCED.sample.xml";

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> ConsParsed = new(() => Parse(Cons, "ofac-cons"));
    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> SampleParsed = new(() => Parse(SdnSample, "ofac-sdn"));

    private static (List<Entity> Entities, ParseContext Context) Parse(string relative, string listId)
    {
        var context = new ParseContext(listId);
        var entities = new OfacAdvancedXmlParser().Parse([SourceInput.FromPath(TestPaths.Data(relative))], context).ToList();
        return (entities, context);
    }

    private static Entity Cons1(string id) => Assert.Single(ConsParsed.Value.Entities, e => e.NativeId == id);

    private static Entity Sample(string id) => Assert.Single(SampleParsed.Value.Entities, e => e.NativeId == id);

    private static ListFormatException ParseBytes(byte[] bytes, string name = "CONS_ADVANCED.XML") =>
        Assert.Throws<ListFormatException>(() => new OfacAdvancedXmlParser().Parse([SourceInput.FromBytes(name, bytes)], new ParseContext("ofac-cons")).ToList());

    [Fact]
    public void Reads_every_distinct_party_of_the_complete_file_without_warnings()
    {
        var (entities, context) = ConsParsed.Value;

        Assert.Equal(375, entities.Count);
        Assert.Equal(82, entities.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(293, entities.Count(e => e.Kind == EntityKind.Organization));
        Assert.Equal(new DateTimeOffset(2020, 3, 17, 0, 0, 0, TimeSpan.Zero), context.Published);
        Assert.Null(context.DeclaredCount);
        Assert.Empty(context.Warnings);
        Assert.All(entities, e => Assert.NotEmpty(e.Programs));
        Assert.All(entities, e => Assert.NotNull(e.ListedOn));

        // 759 SanctionsEntry rows, one per (party, list): every one is accounted for as a list membership.
        Assert.Equal(759, entities.Sum(e => e.Other.Count(o => o.Key == "Sanctions List")));

        // 573 IDRegDocuments and 276 ProfileRelationships, all attached.
        Assert.Equal(276, entities.Sum(e => e.Links.Count));
        Assert.True(entities.Sum(e => e.Identifiers.Count) >= 573);
    }

    [Fact]
    public void Program_codes_come_from_the_reference_table()
    {
        var programs = ConsParsed.Value.Context.ProgramNames;

        Assert.Equal(["561-Related", "FSE-IR", "FSE-SY", "NS-PLC", "SDGT", "SYRIA", "UKRAINE-EO13662", "VENEZUELA-EO13850"], programs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("SDGT", programs["SDGT"]);
    }

    [Fact]
    public void Profile_ids_are_the_ent_nums_of_the_other_formats()
    {
        // 9639 is HANIYA in CONSOLIDATED.XML (uid) and CONS_ENHANCED.XML (entity id) as well.
        var e = Cons1("9639");

        Assert.Equal("ofac-cons:9639", e.Id);
        Assert.Equal("HANIYA, Ismail Abdul Salah", e.PrimaryName.Full);
        Assert.Equal(("Ismail Abdul Salah", "HANIYA"), (e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Equal(["HANIYA, Ismail", "HANIYYA, Ismaeel"], e.Names.Skip(1).Select(n => n.Full));
        Assert.Equal(new PartialDate(1962), Assert.Single(e.BirthDates).From);
        Assert.Equal(["Shati"], e.BirthPlaces);
        Assert.Equal(["NS-PLC"], e.Programs);

        // Listed on the PLC list in 2006, on the consolidated list in 2014: the first designation counts.
        Assert.Equal(new PartialDate(2006, 4, 12), e.ListedOn);
        Assert.Equal(["Consolidated List", "Non-SDN Palestinian Legislative Council List"], e.Other.Where(o => o.Key == "Sanctions List").Select(o => o.Value));
        Assert.Contains(new KeyValuePair<string, string>("Legal Authority", "General License 4 Under EO 13224 (Terrorism)"), e.Other);
    }

    [Fact]
    public void Vtb_bank_locations_documents_and_features()
    {
        var e = Cons1("17013");

        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal("VTB BANK OAO", e.PrimaryName.Full);
        Assert.Null(e.PrimaryName.Family);
        Assert.Equal(11, e.Names.Count);
        Assert.Equal((NameType.Fka, "VNESHTORGBANK"), (e.Names[3].Type, e.Names[3].Full));
        Assert.Equal(["UKRAINE-EO13662"], e.Programs);
        Assert.Equal(new PartialDate(2014, 7, 29), e.ListedOn);
        Assert.Equal(3, e.Addresses.Count);
        Assert.Equal(["29, Bolshaya Morskaya str."], e.Addresses[0].Lines);
        Assert.Equal(("St. Petersburg", "190000", "RU"), (e.Addresses[0].City, e.Addresses[0].PostalCode, e.Addresses[0].Country));
        Assert.Equal(
            [
                (IdentifierKind.Registration, "Registration ID", "1027739609391", "RU"),
                (IdentifierKind.Registration, "Government Gazette Number", "00032520", "RU"),
                (IdentifierKind.TaxId, "Tax ID No.", "7702070139", "RU"),
                (IdentifierKind.Registration, "License", "1000", "RU"),
                (IdentifierKind.SwiftBic, "SWIFT/BIC", "VTBRRUMM", null),
                (IdentifierKind.Website, "Website", "www.vtb.com", null),
            ],
            e.Identifiers.Select(i => (i.Kind, i.Label, i.Value, i.Country)));
        Assert.Contains(new KeyValuePair<string, string>("Executive Order 13662 Directive Determination -", "Subject to Directive 1"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("Sanctions Type", "13662 Sectoral Directive 1"), e.Other);
    }

    [Fact]
    public void Bektas_passport_citizenship_and_exact_birth_date()
    {
        var e = Cons1("17526");

        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal("Bektas, Halis", e.PrimaryName.Full);
        Assert.Equal(new PartialDate(1966, 2, 13), Assert.Single(e.BirthDates).From);
        Assert.Equal(["CH"], e.Citizenships);
        var passport = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "X0906223", "CH", "Switzerland"), (passport.Kind, passport.Value, passport.Country, passport.CountryName));
        Assert.Equal(["SYRIA", "FSE-SY"], e.Programs);
        Assert.Equal(["Consolidated List", "SDN List", "FSE List"], e.Other.Where(o => o.Key == "Sanctions List").Select(o => o.Value));
    }

    [Fact]
    public void Orenburgneft_is_linked_to_its_owner_by_profile_id()
    {
        var e = Cons1("18267");

        var link = Assert.Single(e.Links);
        Assert.Equal("Owned or Controlled By", link.Relation);
        Assert.Equal("ofac-cons:17022", link.TargetId);
        Assert.Equal("Open Joint-Stock Company Rosneft Oil Company", link.TargetName);
        Assert.Equal(Cons1("17022").PrimaryName.Full, link.TargetName);
        Assert.Equal("the Orenburg Region", e.Addresses[0].Region);
        Assert.Equal("Buzuluk", e.Addresses[0].City);
        Assert.Equal((IdentifierKind.Email, "orenburgneft@rosneft.ru"), (Assert.Single(e.Identifiers).Kind, e.Identifiers[0].Value));
        Assert.Equal(["Subject to Directive 2", "Subject to Directive 4"], e.Other.Where(o => o.Key == "Executive Order 13662 Directive Determination -").Select(o => o.Value));
    }

    [Fact]
    public void Lengiproneftekhim_issuing_authority_and_nationality_of_registration()
    {
        var e = Cons1("23552");

        Assert.Equal("LENGIPRONEFTEKHIM OOO", e.PrimaryName.Full);
        var ogrn = e.Identifiers[0];
        Assert.Equal((IdentifierKind.Registration, "1057803105755", "RU", "issued by OGRN"), (ogrn.Kind, ogrn.Value, ogrn.Country, ogrn.Note));
        Assert.Contains(new KeyValuePair<string, string>("Nationality of Registration", "Russia"), e.Other);
        Assert.Equal(("ofac-cons:17145", "SURGUTNEFTEGAS"), (Assert.Single(e.Links).TargetId, e.Links[0].TargetName));
        Assert.Equal(new PartialDate(2018, 1, 26), e.ListedOn);
    }

    [Fact]
    public void Kayakiran_gender_citizenship_from_an_untyped_location()
    {
        var e = Cons1("26182");

        Assert.Equal("KAYAKIRAN, Evren", e.PrimaryName.Full);
        Assert.Equal(Gender.Male, e.Gender);
        Assert.Equal(["TR"], e.Citizenships);
        Assert.Equal(new PartialDate(1980, 2, 8), Assert.Single(e.BirthDates).From);
        Assert.Equal(("U00242309", "TR"), (Assert.Single(e.Identifiers).Value, e.Identifiers[0].Country));
        Assert.Equal(["FSE-IR"], e.Programs);
        Assert.Equal(new PartialDate(2019, 2, 7), e.ListedOn);
    }

    [Fact]
    public void The_cut_down_sdn_sample_parses_with_warnings_for_what_was_cut()
    {
        var (entities, context) = SampleParsed.Value;

        Assert.Equal(37, entities.Count);
        Assert.Equal(new DateTimeOffset(2024, 2, 23, 0, 0, 0, TimeSpan.Zero), context.Published);
        Assert.True(context.Warnings.Count > 0);

        // Counted against the file: every SanctionsEntry (147) points at a profile that was cut out, 3 relationships and
        // 12 IDRegDocuments refer to missing parties, 57 feature locations are gone, and no party kept its entry.
        Assert.Equal(147, context.Warnings.Count(w => w.Contains("SanctionsEntry", StringComparison.Ordinal) && w.Contains("not in the file", StringComparison.Ordinal)));
        Assert.Equal(3, context.Warnings.Count(w => w.Contains("ProfileRelationship", StringComparison.Ordinal)));
        Assert.Equal(12, context.Warnings.Count(w => w.Contains("IDRegDocument", StringComparison.Ordinal)));
        Assert.Equal(57, context.Warnings.Count(w => w.Contains("refers to Location", StringComparison.Ordinal)));
        Assert.Equal(37, context.Warnings.Count(w => w.Contains("has no SanctionsEntry", StringComparison.Ordinal)));
        Assert.Equal(256, context.Warnings.Count);
        Assert.Contains("SDN_ADVANCED.sample.xml: SanctionsEntry 18668 refers to profile 18668, which is not in the file", context.Warnings);
        Assert.Equal(76, context.ProgramNames.Count);
    }

    [Fact]
    public void Sample_profiles_that_were_kept_are_complete()
    {
        var markov = Sample("36368");
        Assert.Equal("ofac-sdn:36368", markov.Id);
        Assert.Equal(EntityKind.Person, markov.Kind);
        Assert.Equal(Gender.Male, markov.Gender);
        Assert.Equal(new PartialDate(1976, 8, 30), Assert.Single(markov.BirthDates).From);
        Assert.Equal(3, markov.Names.Count);
        Assert.Equal(("Markov, Ilya Anatolyevich", NameType.Primary, (string?)null), (markov.Names[0].Full, markov.Names[0].Type, markov.Names[0].Script));
        Assert.Equal(("Марков, Илья Анатольевич", NameType.Primary, "Cyrl"), (markov.Names[1].Full, markov.Names[1].Type, markov.Names[1].Script));
        Assert.Equal(("Илья Анатольевич", "Марков"), (markov.Names[1].Given, markov.Names[1].Family));
        Assert.Equal(("Markov, Ilya Anatolevich", NameType.Aka), (markov.Names[2].Full, markov.Names[2].Type));

        var aerocaribbean = Sample("36");
        Assert.Equal(EntityKind.Organization, aerocaribbean.Kind);
        Assert.Equal(["AEROCARIBBEAN AIRLINES", "AERO-CARIBBEAN"], aerocaribbean.Names.Select(n => n.Full));
        var havana = Assert.Single(aerocaribbean.Addresses);
        Assert.Equal(("Havana", "CU", "Cuba"), (havana.City, havana.Country, havana.CountryName));

        var vessel = Sample("36399");
        Assert.Equal(EntityKind.Vessel, vessel.Kind);
        Assert.Equal("Lady Leila", vessel.PrimaryName.Full);
        Assert.Equal(("UCGL", "Products Tanker", "5075", "RU", "Russia"), (vessel.Vessel!.CallSign, vessel.Vessel.Type, vessel.Vessel.GrossRegisteredTonnage, vessel.Vessel.Flag, vessel.Vessel.FlagName));

        var pearson = Sample("46883");
        Assert.Equal(["Pearson, Adam Richard", "Davis, Mason", "Ansing, Michael"], pearson.Names.Select(n => n.Full));
        Assert.Equal([new PartialDate(1994, 5, 14), new PartialDate(1995, 4, 28)], pearson.BirthDates.Select(b => b.From));
        Assert.Equal(["Canada"], pearson.BirthPlaces);
        Assert.Contains(new KeyValuePair<string, string>("Additional Sanctions Information -", "Subject to Secondary Sanctions"), pearson.Other);

        var rsk = Sample("41082");
        Assert.Equal("Общество с Ограниченной Ответственностью РСК Пабс", Assert.Single(rsk.Names, n => n.Script == "Cyrl").Full);
    }

    [Theory]
    [InlineData("1962-01-01", "1962-12-31", false, "1962")]
    [InlineData("1962-11-01", "1962-11-30", false, "1962-11")]
    [InlineData("1962-11-23", "1962-11-23", false, "1962-11-23")]
    [InlineData("1958-01-01", "1960-12-31", false, "1958 to 1960")]
    [InlineData("1969-01-01", "1969-12-31", true, "circa 1969")]
    [InlineData("1960-03-05", "1961-07-09", false, "1960-03-05 to 1961-07-09")]
    public void Date_periods_become_birth_dates_at_their_real_precision(string earliest, string latest, bool approximate, string expected)
    {
        var d = Interdict.Sources.Ofac.Xml.OfacVocabulary.FromBounds(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), approximate, null);

        Assert.Equal(expected, d.ToString());
        Assert.Equal(approximate, d.Approximate);
    }

    [Fact]
    public void Works_in_the_sls_advanced_namespace_too()
    {
        // The current Sanctions List Service file has the same structure under another namespace.
        var text = File.ReadAllText(TestPaths.Data(Cons)).Replace(
            "xmlns=\"http://www.un.org/sanctions/1.0\"",
            "xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML\"",
            StringComparison.Ordinal);
        var context = new ParseContext("ofac-cons");

        var entities = new OfacAdvancedXmlParser().Parse([SourceInput.FromBytes("CONS_ADVANCED.XML", Encoding.UTF8.GetBytes(text))], context).ToList();

        Assert.Equal(375, entities.Count);
        Assert.Equal("Bektas, Halis", Assert.Single(entities, e => e.NativeId == "17526").PrimaryName.Full);
        Assert.Empty(context.Warnings);
    }

    [Fact]
    public void A_truncated_file_names_the_line_and_record()
    {
        var bytes = File.ReadAllBytes(TestPaths.Data(Cons));
        var at = bytes.AsSpan().IndexOf("<DistinctParty FixedRef=\"17013\">"u8) + 200;
        var cut = bytes.AsSpan(0, at).ToArray();
        var lastLine = cut.Count(b => b == (byte)'\n') + 1;

        var ex = ParseBytes(cut);

        Assert.Equal($"CONS_ADVANCED.XML, line {lastLine}, element <DistinctParty>: truncated XML: the file ends before the document is complete", ex.Message);
    }

    [Fact]
    public void Wrong_root_not_xml_empty_and_invalid_utf8_are_rejected()
    {
        var classic = ParseBytes(File.ReadAllBytes(TestPaths.Data("ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML")), "CONSOLIDATED.XML");
        Assert.Equal("CONSOLIDATED.XML, line 2, element <sdnList>: not an OFAC advanced XML (Sanctions) file: the root element is <sdnList>, expected <Sanctions>", classic.Message);

        var text = ParseBytes(File.ReadAllBytes(TestPaths.Data("ofac/docs/dat_spec.txt")), "dat_spec.txt");
        Assert.Equal("dat_spec.txt, line 1: not an XML document", text.Message);

        Assert.Equal("CONS_ADVANCED.XML: empty file: no XML root element", ParseBytes([]).Message);

        var bytes = File.ReadAllBytes(TestPaths.Data(Cons));
        var at = bytes.AsSpan().IndexOf("Bektas"u8);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var line = bytes.AsSpan(0, at).ToArray().Count(b => b == (byte)'\n') + 1;
        Assert.Equal($"CONS_ADVANCED.XML, line {line}, element <DistinctParty>: invalid byte sequence for the declared encoding (expected UTF-8 text)", ParseBytes(bytes).Message);
    }

    [Fact]
    public void Is_registered_under_its_format_name()
    {
        Assert.IsType<OfacAdvancedXmlParser>(ListCatalog.CreateParser("ofac-advanced"));
        Assert.Equal("ofac-advanced", ListCatalog.DetectFormat([SourceInput.FromPath(TestPaths.Data(Cons))]));
    }
}
