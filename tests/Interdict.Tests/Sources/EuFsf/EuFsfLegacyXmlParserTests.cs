using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Sources.EuFsf;

public class EuFsfLegacyXmlParserTests
{
    private const string File = "eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml";

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> Parsed = new(() =>
    {
        var ctx = new ParseContext("eu-fsf");
        return (ParserTestKit.ParseFile("eu-fsf-legacy-xml", "eu-fsf", File, ctx), ctx);
    });

    private static List<Entity> All => Parsed.Value.Entities;

    private static Entity Get(string id) => All.One("eu-fsf:" + id);

    [Fact]
    public void Reads_every_entity_of_the_file()
    {
        Assert.Equal(595, All.Count);
        Assert.Equal(319, All.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(276, All.Count(e => e.Kind == EntityKind.Organization));
        Assert.Equal(new DateTimeOffset(2016, 2, 11, 0, 0, 0, TimeSpan.Zero), Parsed.Value.Context.Published);
        Assert.Equal(["AFG", "COD", "IRQ", "TAQA", "TERR", "ZWE"], All.SelectMany(e => e.Programs).Distinct().Order());
        Assert.Empty(Parsed.Value.Context.Warnings);
    }

    [Fact]
    public void Entity_1_is_robert_mugabe_with_passport_and_gender()
    {
        var e = Get("1");
        Assert.Equal("1", e.NativeId);
        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal(("Robert Gabriel Mugabe", "Robert Gabriel", "Mugabe"), (e.PrimaryName.Full, e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Single(e.Names);
        Assert.Equal(Gender.Male, e.Gender);
        Assert.Equal(["President"], e.Titles);
        Assert.Equal(new PartialDate(1924, 2, 21), Assert.Single(e.BirthDates).From);
        Assert.Equal(["Kutama"], e.BirthPlaces);
        var p = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "AD001095", "National passport", "((passport))"), (p.Kind, p.Value, p.Label, p.Note));
        Assert.Equal(["ZWE"], e.Programs);
        Assert.Equal(new PartialDate(2002, 9, 13), e.ListedOn);
        Assert.Equal("(Entity is sanctioned in regime 310/2002 (OJ L50) of programme ZWE, in regime 314/2004 (OJ L55) of programme ZWE)", e.Remarks);
        Assert.Contains(new KeyValuePair<string, string>("legal_basis", "151/2012 (OJ L49)"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("legal_basis", "898/2005 (OJ L153)"), e.Other);
    }

    [Fact]
    public void An_approximate_range_of_birth_years_and_two_programmes()
    {
        var e = Get("516");
        Assert.Equal("Agha, Sayyed Ghiassouddine", e.PrimaryName.Full);
        Assert.Equal(5, e.Names.Count);
        Assert.Equal(("Sayyed Ghiassouddine", "Agha"), (e.Names[1].Given, e.Names[1].Family));
        var dob = Assert.Single(e.BirthDates);
        Assert.Equal((new PartialDate(1958), new PartialDate(1963), true), (dob.From, dob.To!.Value, dob.Approximate));
        Assert.Equal("1958 - 1963 (approximative)", dob.Raw);
        Assert.Equal(["Faryab province, Afghanistan"], e.BirthPlaces);
        Assert.Equal(["AF"], e.Citizenships);
        Assert.Equal(["AFG", "TAQA"], e.Programs);
        Assert.Equal(["Maulavi", "Minister of Haj and Religious Affairs", "Education Minister of the Taliban regime"], e.Titles);
    }

    [Fact]
    public void Names_in_every_eu_language_with_their_script()
    {
        var e = Get("215");
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal("NPA, Philippines", e.PrimaryName.Full);
        // 40 NAME elements; "Komunistická strana Filipín" is both the Czech and the Slovak name.
        Assert.Equal(39, e.Names.Count);
        var greek = e.Names.Single(n => n.Full == "Νέος Λαϊκός Στρατός");
        Assert.Equal(("Grek", "language EL", NameType.Aka), (greek.Script, greek.Note, greek.Type));
        Assert.Equal("Cyrl", e.Names.Single(n => n.Full == "Нова народна армия").Script);
        Assert.Null(e.Names.Single(n => n.Full == "Új Néphadsereget").Script);
        Assert.Equal(["PH"], e.Citizenships);
        Assert.Null(e.Remarks);
    }

    [Fact]
    public void Documents_of_several_kinds_and_an_address_note()
    {
        var e = Get("507");
        Assert.Equal(["1960-04-10"], e.BirthDates.Select(d => d.From.ToString()));
        Assert.Equal(["Bloomington, Indiana, United States"], e.BirthPlaces);
        Assert.Equal(["US"], e.Citizenships);
        Assert.Equal(3, e.Identifiers.Count);
        Assert.Equal((IdentifierKind.Passport, "27082171", "US"), (e.Identifiers[0].Kind, e.Identifiers[0].Value, e.Identifiers[0].Country));
        Assert.Equal((IdentifierKind.Other, "M0887925", "IQ"), (e.Identifiers[1].Kind, e.Identifiers[1].Value, e.Identifiers[1].Country));
        Assert.Equal((IdentifierKind.NationalId, "SSN 156-92-9858", "National identification card"), (e.Identifiers[2].Kind, e.Identifiers[2].Value, e.Identifiers[2].Label));
        Assert.Equal("(SSN 156-92-9858 (USA))", Assert.Single(e.Addresses).Note);
        Assert.Equal(5, e.Names.Count);
    }

    [Fact]
    public void An_organisation_with_two_addresses()
    {
        var e = Get("230");
        Assert.Equal("Central Bank of Iraq", e.PrimaryName.Full);
        Assert.Equal(2, e.Addresses.Count);
        Assert.Equal(["Rashid Street"], e.Addresses[0].Lines);
        Assert.Equal(("Baghdad", "IQ", "Mosul"), (e.Addresses[0].City, e.Addresses[0].Country, e.Addresses[1].City));
        Assert.Equal("(former Governor was Dr Issam El Moulla HWEISH; offices in Mosul and Basra)", e.Remarks);
    }

    [Fact]
    public void Malformed_files_are_rejected_with_file_line_and_element()
    {
        var un = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile("eu-fsf-legacy-xml", "eu-fsf", "un/UN_consolidated.xml"));
        Assert.Equal("UN_consolidated.xml, line 2, element <CONSOLIDATED_LIST>: root element is <CONSOLIDATED_LIST>, expected <WHOLE>: this is not a legacy EU FSF file", un.Message);

        var bytes = System.IO.File.ReadAllBytes(TestPaths.Data(File))[..5000];
        var cut = ParserTestKit.Fails("eu-fsf-legacy-xml", "eu-fsf", "data.xml", bytes);
        Assert.Equal("ENTITY", cut.Element);
        Assert.StartsWith($"data.xml, line {cut.Line}, element <ENTITY>: truncated XML: the file ends before the document is complete", cut.Message, StringComparison.Ordinal);

        var badDate = ParserTestKit.Fails("eu-fsf-legacy-xml", "eu-fsf", "data.xml",
            "<WHOLE Date=\"11/02/2016\">\n<ENTITY Id=\"9\" Type=\"P\">\n<NAME><WHOLENAME>A B</WHOLENAME></NAME>\n<BIRTH>\n<DATE>21.02.1924</DATE>\n</BIRTH>\n</ENTITY>\n</WHOLE>");
        Assert.Equal("data.xml, line 4, element <BIRTH>: ENTITY 9: birth DATE '21.02.1924' is not a date", badDate.Message);

        var badType = ParserTestKit.Fails("eu-fsf-legacy-xml", "eu-fsf", "data.xml", "<WHOLE>\n<ENTITY Id=\"9\" Type=\"X\"/>\n</WHOLE>");
        Assert.Equal("data.xml, line 2, element <ENTITY>: ENTITY 9: unknown Type 'X' (expected P or E)", badType.Message);

        Assert.Contains("empty file: no XML root element", ParserTestKit.Fails("eu-fsf-legacy-xml", "eu-fsf", "data.xml", "").Message, StringComparison.Ordinal);
        Assert.StartsWith("data.xml, line 1: not an XML document", ParserTestKit.Fails("eu-fsf-legacy-xml", "eu-fsf", "data.xml", "Id;Name\n1;Mugabe").Message, StringComparison.Ordinal);
    }
}
