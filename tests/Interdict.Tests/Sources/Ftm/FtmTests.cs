using System.Text;
using System.Text.Json;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ftm;

namespace Interdict.Tests.Sources.Ftm;

public class FtmTests
{
    private static readonly Lazy<List<Entity>> Un = new(() => ParserTestKit.ParseFile("un-xml", "un-sc", "un/UN_consolidated.xml"));

    private static byte[] Export(IEnumerable<Entity> entities)
    {
        using var ms = new MemoryStream();
        using (var w = new FtmWriter(ms, leaveOpen: true))
        {
            w.WriteAll(entities);
            Assert.Equal(entities.Count(), w.Count);
        }

        return ms.ToArray();
    }

    [Fact]
    public void Writes_one_ftm_object_per_line_with_the_expected_properties()
    {
        var e = Un.Value.One("un-sc:QDi.001");
        using var doc = JsonDocument.Parse(FtmWriter.ToJson(e));
        var root = doc.RootElement;
        Assert.Equal("un-sc:QDi.001", root.GetProperty("id").GetString());
        Assert.Equal("Person", root.GetProperty("schema").GetString());
        Assert.Equal("MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE", root.GetProperty("caption").GetString());
        Assert.Equal(["un-sc"], root.GetProperty("datasets").EnumerateArray().Select(v => v.GetString()!));
        var p = root.GetProperty("properties");
        string[] Values(string name) => p.GetProperty(name).EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(["MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE", "محمد صلاح الدين عبدالحليم زيدان"], Values("name"));
        Assert.Equal(["Sayf-Al Adl", "Muhamad Ibrahim Makkawi"], Values("alias"));
        Assert.Equal(["Ibrahim al-Madani", "Saif Al-'Adil", "Seif al Adel"], Values("weakAlias"));
        Assert.Equal(["MOHAMMED"], Values("firstName"));
        Assert.Equal(["ZIDANE"], Values("lastName"));
        Assert.Equal(["1963-04-11", "1960-04-11"], Values("birthDate"));
        Assert.Equal(["eg"], Values("nationality"));
        Assert.Equal(["Al-Qaida"], Values("program"));
        Assert.Equal(["sanction"], Values("topics"));
        Assert.Equal(["2001-01-25"], Values("createdAt"));
        Assert.StartsWith("Responsible for Usama bin Laden", Values("notes")[0], StringComparison.Ordinal);

        var org = JsonDocument.Parse(FtmWriter.ToJson(Un.Value.One("un-sc:KPe.002"))).RootElement;
        Assert.Equal("Organization", org.GetProperty("schema").GetString());
        Assert.Equal(["LYONGAKSAN GENERAL TRADING CORPORATION"], org.GetProperty("properties").GetProperty("previousName").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal(["kp"], org.GetProperty("properties").GetProperty("country").EnumerateArray().Select(v => v.GetString()!));
    }

    [Fact]
    public void Un_entities_survive_a_round_trip()
    {
        var bytes = Export(Un.Value);
        Assert.Equal(1003, Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var back = ParserTestKit.ParseBytes("ftm", "un-sc", "un.ftm.json", bytes);
        Assert.Equal(Un.Value.Select(e => e.Id), back.Select(e => e.Id));
        foreach (var (a, b) in Un.Value.Zip(back))
        {
            Assert.Equal(a.Kind, b.Kind);
            Assert.Equal(a.PrimaryName.Full, b.PrimaryName.Full);
            Assert.Equal((a.PrimaryName.Given, a.PrimaryName.Family), (b.PrimaryName.Given, b.PrimaryName.Family));
            Assert.Equal(
                a.Names.Select(n => (n.Full, n.Type, n.Strength, n.Script)).Distinct().OrderBy(n => n.Full, StringComparer.Ordinal),
                b.Names.Select(n => (n.Full, n.Type, n.Strength, n.Script)).OrderBy(n => n.Full, StringComparer.Ordinal));
            Assert.Equal(
                a.BirthDates.SelectMany(d => d.To is { } to ? new[] { d.From, to } : [d.From]).Distinct(),
                b.BirthDates.Select(d => d.From));
            Assert.Equal(a.Nationalities, b.Nationalities);
            Assert.Equal(a.Gender, b.Gender);
            Assert.Equal(a.Programs, b.Programs);
            Assert.Equal(a.Remarks, b.Remarks);
            Assert.Equal(a.ListedOn, b.ListedOn);
            Assert.Equal(a.BirthPlaces.Distinct(), b.BirthPlaces);
            Assert.Equal(a.Titles.Distinct(), b.Titles);
            Assert.Equal(a.Addresses.Select(x => x.ToString()).Where(s => s.Length > 0).Distinct(), b.Addresses.Select(x => x.Lines[0]));
            Assert.Equal(
                a.Identifiers.Select(i => (i.Value, i.Kind == IdentifierKind.Passport)).Distinct().Order(),
                b.Identifiers.Select(i => (i.Value, i.Kind == IdentifierKind.Passport)).Order());
        }

        var libyan = back.One("un-sc:LYi.006");
        Assert.Equal(IdentifierKind.Passport, libyan.Identifiers.Single(i => i.Value == "FK117RK0").Kind);
        Assert.Equal("Arab", back.One("un-sc:QDi.001").Names[1].Script);
    }

    [Fact]
    public void Vessels_and_aircraft_keep_their_schema_and_facts()
    {
        var csl = ParserTestKit.ParseFile("us-csl-csv", "us-csl", "us-csl/consolidated.csv");
        var picked = new[] { csl.One("us-csl:23156"), csl.One("us-csl:15445"), csl.One("us-csl:29703") };
        var text = Encoding.UTF8.GetString(Export(picked));
        Assert.Contains("\"schema\":\"Vessel\"", text, StringComparison.Ordinal);
        Assert.Contains("\"schema\":\"Airplane\"", text, StringComparison.Ordinal);

        var back = ParserTestKit.ParseText("ftm", "us-csl", "x.ftm.json", text);
        var vessel = back.One("us-csl:23156");
        Assert.Equal((EntityKind.Vessel, "KP"), (vessel.Kind, vessel.Vessel!.Flag));
        Assert.Equal(IdentifierKind.Imo, vessel.Identifiers.Single(i => i.Value == "IMO 8898831").Kind);
        var plane = back.One("us-csl:15445");
        Assert.Equal((EntityKind.Aircraft, "A300B4-605R", "464"), (plane.Kind, plane.Aircraft!.Model, plane.Aircraft.SerialNumber));
        var person = back.One("us-csl:29703");
        Assert.Equal(Gender.Male, person.Gender);
        Assert.Equal("antonandreyv@gmail.com", person.Identifiers.Single(i => i.Kind == IdentifierKind.Email).Value);
        Assert.Equal(new PartialDate(1985, 3, 3), person.BirthDates.Single().From);
    }

    // The entity line from the FtM documentation (yente/OpenSanctions shape), a Sanction that must be skipped and a
    // nested entity as yente's /entities?nested=true returns it.
    private const string OpenSanctions =
        """
        {"id": "NK-aU5ybkbRFJucf8YMwsJvDw", "caption": "Alexander Vyacheslavovich ZAKHAROV", "schema": "Person", "properties": {"name": ["Alexander Vyacheslavovich ZAKHAROV", "Александр Вячеславович Захаров"], "firstName": ["Alexander"], "lastName": ["Zakharov", "Захаров"], "birthDate": ["1965-09-21"], "nationality": ["ru"], "gender": ["male"], "innCode": ["183111242406"], "topics": ["sanction"]}, "datasets": ["us_ofac_sdn", "eu_fsf"], "referents": ["ofac-45937", "gb-hmt-16271"], "target": true, "first_seen": "2023-07-19T18:02:43", "last_seen": "2026-04-29T12:53:04", "last_change": "2026-04-24T10:57:01"}
        {"id": "ofac-sanction-1", "schema": "Sanction", "properties": {"entity": ["NK-aU5ybkbRFJucf8YMwsJvDw"], "program": ["RUSSIA-EO14024"]}}

        {"id": "NK-x", "caption": "SOVCOMFLOT", "schema": "Company", "properties": {"name": ["SOVCOMFLOT"], "weakAlias": ["SCF"], "country": ["ru"], "sanctions": [{"id": "s1", "schema": "Sanction", "properties": {"program": ["RUSSIA-EO14024"], "listingDate": ["2022-02-24"]}}], "identification": [{"id": "i1", "schema": "Identification", "properties": {"number": ["1027739028712"], "type": ["OGRN"], "country": ["ru"]}}], "addressEntity": [{"id": "a1", "schema": "Address", "properties": {"full": ["3A Gasheka St, Moscow"], "city": ["Moscow"], "country": ["ru"]}}]}}
        """;

    [Fact]
    public void Reads_opensanctions_entities_skipping_non_party_schemata()
    {
        var parser = new FtmParser();
        var list = parser.Parse([SourceInput.FromBytes("entities.ftm.json", Encoding.UTF8.GetBytes(OpenSanctions))], new ParseContext("opensanctions")).ToList();
        Assert.Equal(1, parser.Skipped);
        Assert.Equal(2, list.Count);

        var z = list[0];
        Assert.Equal("NK-aU5ybkbRFJucf8YMwsJvDw", z.Id);
        Assert.Equal(EntityKind.Person, z.Kind);
        Assert.Equal("Alexander Vyacheslavovich ZAKHAROV", z.PrimaryName.Full);
        Assert.Equal("Alexander", z.PrimaryName.Given);
        Assert.Null(z.PrimaryName.Family);
        Assert.Equal("Cyrl", z.Names[1].Script);
        Assert.Equal(new PartialDate(1965, 9, 21), Assert.Single(z.BirthDates).From);
        Assert.Equal(["RU"], z.Nationalities);
        Assert.Equal(Gender.Male, z.Gender);
        var inn = Assert.Single(z.Identifiers);
        Assert.Equal((IdentifierKind.TaxId, "INN", "183111242406"), (inn.Kind, inn.Label, inn.Value));
        Assert.Contains(new KeyValuePair<string, string>("lastName", "Захаров"), z.Other);
        Assert.Contains(new KeyValuePair<string, string>("datasets", "eu_fsf"), z.Other);
        Assert.Contains(new KeyValuePair<string, string>("referents", "ofac-45937"), z.Other);

        var c = list[1];
        Assert.Equal(EntityKind.Organization, c.Kind);
        Assert.Equal((NameType.Aka, AliasStrength.Weak), (c.Names[1].Type, c.Names[1].Strength));
        Assert.Equal(["RUSSIA-EO14024"], c.Programs);
        Assert.Equal(new PartialDate(2022, 2, 24), c.ListedOn);
        var ogrn = Assert.Single(c.Identifiers);
        Assert.Equal(("OGRN", "1027739028712", "RU"), (ogrn.Label, ogrn.Value, ogrn.Country));
        var address = Assert.Single(c.Addresses);
        Assert.Equal(("3A Gasheka St, Moscow", "Moscow", "RU"), (address.Lines[0], address.City, address.Country));
        Assert.Contains(new KeyValuePair<string, string>("country", "ru"), c.Other);
    }

    [Fact]
    public void A_malformed_line_names_its_line()
    {
        var text = OpenSanctions.Split('\n')[0] + "\n" + OpenSanctions.Split('\n')[1] + "\n{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A\"]\n";
        var ex = ParserTestKit.Fails("ftm", "os", "entities.ftm.json", text);
        Assert.Equal(3, ex.Line);
        Assert.StartsWith("entities.ftm.json, line 3: invalid JSON:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_that_are_not_entities_are_rejected()
    {
        Assert.Equal("x.json, line 1: entity without \"id\"", ParserTestKit.Fails("ftm", "os", "x.json", "{\"schema\": \"Person\"}").Message);
        Assert.Equal("x.json, line 2: expected one JSON object per line, found Array", ParserTestKit.Fails("ftm", "os", "x.json", "\n[1, 2]").Message);
        Assert.Equal("x.json, line 1: entity p1: property \"name\" is Number, expected a list of strings",
            ParserTestKit.Fails("ftm", "os", "x.json", "{\"id\": \"p1\", \"schema\": \"Person\", \"properties\": {\"name\": 5}}").Message);
        Assert.Equal("x.json, line 1: empty file: no FollowTheMoney entities", ParserTestKit.Fails("ftm", "os", "x.json", "").Message);
        var utf8 = ParserTestKit.Fails("ftm", "os", "x.json", [.. "{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A\"]}}\n"u8, .. "{\"id\": \"\xff\"}"u8.ToArray().Take(9), 0xFF, .. "\"}\n"u8]);
        Assert.Equal(2, utf8.Line);
        Assert.Contains("not valid UTF-8", utf8.Message, StringComparison.Ordinal);
    }
}
