using System.Text;
using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Sources.UsCsl;

public class CslCsvParserTests
{
    private const string File = "us-csl/consolidated.csv";

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> Parsed = new(() =>
    {
        var ctx = new ParseContext("us-csl");
        return (ParserTestKit.ParseFile("us-csl-csv", "us-csl", File, ctx), ctx);
    });

    private static List<Entity> All => Parsed.Value.Entities;

    private static Entity Get(string id) => All.One("us-csl:" + id);

    private static string[] Sources(Entity e) => e.Other.Where(kv => kv.Key == "source").Select(kv => kv.Value).ToArray();

    [Fact]
    public void Reads_one_entity_per_distinct_id_of_the_file()
    {
        // 14,160 rows; 112 of them repeat a Treasury party on a further list (SDN + SSI/CAPTA), leaving 14,048 _ids.
        Assert.Equal(14048, All.Count);
        Assert.Equal(14048, All.Select(e => e.Id).Distinct().Count());
        // Every row's list is kept; _id 15268 is published twice for CAPTA, which counts once.
        Assert.Equal(14159, All.Sum(e => Sources(e).Length));
        Assert.Equal(["Capta List (CAP) - Treasury Department"], Sources(Get("15268")));
        Assert.Equal(10026, All.Count(e => Sources(e).Contains("Specially Designated Nationals (SDN) - Treasury Department")));
        Assert.Equal(433, All.Count(e => e.Kind == EntityKind.Vessel));
        Assert.Equal(283, All.Count(e => e.Kind == EntityKind.Aircraft));
        Assert.Equal(5284, All.Count(e => e.Kind == EntityKind.Person));
    }

    [Fact]
    public void A_denied_person_keeps_its_commerce_fields()
    {
        var e = Get("deb7a1d5743a85c354ca1a2c7f2664e2104b32d7");
        Assert.Equal("I. ASH", e.PrimaryName.Full);
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Contains(new KeyValuePair<string, string>("type", "not stated"), e.Other);
        Assert.Equal(["Denied Persons List (DPL) - Bureau of Industry and Security"], Sources(e));
        Assert.Equal(new PartialDate(2003, 6, 19), e.ListedOn);
        Assert.Contains(new KeyValuePair<string, string>("end_date", "2056-06-29"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("standard_order", "Y"), e.Other);
        Assert.Contains(new KeyValuePair<string, string>("federal_register_notice", "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07"), e.Other);
        var a = Assert.Single(e.Addresses);
        Assert.Equal("US", a.Country);
        Assert.Equal(["UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175, SEAGOVILLE, TX, 75159"], a.Lines);
    }

    [Fact]
    public void An_sdn_individual_has_family_and_given_name_dob_and_nationality()
    {
        var e = Get("21944");
        Assert.Equal(EntityKind.Person, e.Kind);
        Assert.Equal(("'ABBAS, Rim", "'ABBAS", "Rim"), (e.PrimaryName.Full, e.PrimaryName.Family, e.PrimaryName.Given));
        Assert.Equal(["Scientific Studies and Research Center Employee"], e.Titles);
        Assert.Equal(new PartialDate(1973, 3, 25), Assert.Single(e.BirthDates).From);
        Assert.Equal(["SY"], e.Nationalities);
        Assert.Equal(["SYRIA"], e.Programs);
        Assert.Equal("21944", e.NativeId);
    }

    [Fact]
    public void Rows_of_one_party_on_three_lists_become_one_entity()
    {
        var e = Get("18725");
        Assert.Equal("BANCO VTB AFRICA SA", e.PrimaryName.Full);
        Assert.Equal(
            ["Capta List (CAP) - Treasury Department", "Specially Designated Nationals (SDN) - Treasury Department", "Sectoral Sanctions Identifications List (SSI) - Treasury Department"],
            Sources(e));
        Assert.Equal(["UKRAINE-EO13662", "RUSSIA-EO14024"], e.Programs);
        Assert.Equal("VTBLAOLU", Assert.Single(e.Identifiers, i => i.Kind == IdentifierKind.SwiftBic).Value);
        Assert.Equal("www.vtb.ao", Assert.Single(e.Identifiers, i => i.Kind == IdentifierKind.Website).Value);
        Assert.Equal(["VTB AFRICA"], e.Names.Skip(1).Select(n => n.Full));
        Assert.Contains(new KeyValuePair<string, string>("Executive Order 13662 Directive Determination -", "Subject to Directive 1"), e.Other);
        Assert.Single(e.Addresses);
    }

    [Fact]
    public void A_passport_with_two_dates_has_issue_and_expiry()
    {
        var e = Get("17291");
        var p = Assert.Single(e.Identifiers, i => i.Kind == IdentifierKind.Passport);
        Assert.Equal(("K475336", "JO", new PartialDate(2009, 8, 31), new PartialDate(2014, 8, 30)), (p.Value, p.Country, p.IssueDate!.Value, p.ExpiryDate!.Value));
        var id = Assert.Single(e.Identifiers, i => i.Kind == IdentifierKind.NationalId);
        Assert.Equal(("28940000602", "QA", "National ID No."), (id.Value, id.Country, id.Label));
        Assert.Equal(["'ABD-AL-SALAM, 'Abd al-Malik Muhammad Yusif", "'Umar al-Qatari", "'Umar al-Tayyar"], e.Names.Skip(1).Select(n => n.Full));
    }

    [Fact]
    public void Circa_and_ranged_dates_of_birth()
    {
        var circa = Assert.Single(Get("8183").BirthDates);
        Assert.True(circa.Approximate);
        Assert.Equal(new PartialDate(1967), circa.From);
        Assert.Equal(["Kirkuk, Iraq"], Get("8183").BirthPlaces);

        var range = Assert.Single(Get("19810").BirthDates);
        Assert.Equal((new PartialDate(1958), new PartialDate(1960)), (range.From, range.To!.Value));
        Assert.False(range.Approximate);
    }

    [Fact]
    public void Digital_currency_addresses_gender_phone_and_email()
    {
        var e = Get("29703");
        Assert.Equal(Gender.Male, e.Gender);
        var wallets = e.Identifiers.Where(i => i.Kind == IdentifierKind.DigitalCurrencyAddress).ToList();
        Assert.Equal(17, wallets.Count);
        Assert.Equal(12, wallets.Count(w => w.Currency == "XBT"));
        Assert.Equal("0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c", wallets.Single(w => w.Currency == "ETH").Value);
        Assert.Equal("79315403678", e.Identifiers.Single(i => i.Kind == IdentifierKind.Phone).Value);
        Assert.Equal("antonandreyv@gmail.com", e.Identifiers.Single(i => i.Kind == IdentifierKind.Email).Value);
        Assert.Equal(["9 3 Bloshevikov Prospect Apt 35, Saint Petersburg"], e.Addresses.Single().Lines);
        Assert.Equal(["ELECTION-EO13848", "CYBER2"], e.Programs);
    }

    [Fact]
    public void A_vessel_and_an_aircraft()
    {
        var v = Get("23156");
        Assert.Equal(EntityKind.Vessel, v.Kind);
        Assert.Equal(("KP", "Democratic People's Republic of Korea"), (v.Vessel!.Flag, v.Vessel.FlagName));
        Assert.Equal("IMO 8898831", v.Identifiers.Single(i => i.Kind == IdentifierKind.Imo).Value);
        Assert.Equal(["DPRK4"], v.Programs);

        var a = Get("15445");
        Assert.Equal(EntityKind.Aircraft, a.Kind);
        Assert.Equal("EK-30064", a.PrimaryName.Full);
        Assert.Equal(("A300B4-605R", "MAHAN AIR", "464", "17 May 1988"), (a.Aircraft!.Model, a.Aircraft.Operator, a.Aircraft.SerialNumber, a.Aircraft.ConstructionDate));
        Assert.Equal("(Linked To: MAHAN AIR)", a.Remarks);
    }

    [Fact]
    public void An_entity_list_party_keeps_licence_requirement_and_policy()
    {
        var e = Get("4398d33e9e93c7477af39f1e0bfffc13ddd47bcc");
        Assert.Equal("140 Repair Plant JSC", e.PrimaryName.Full);
        Assert.Equal(["Open Joint Stock Company 140 Repair Plant", "and JSC 140 Repair Plant"], e.Names.Skip(1).Select(n => n.Full));
        Assert.Contains(new KeyValuePair<string, string>("license_policy", "Policy of denial."), e.Other);
        Assert.Contains(e.Other, kv => kv.Key == "license_requirement" && kv.Value.StartsWith("For all items subject to the EAR.", StringComparison.Ordinal));
        Assert.Equal(("BY", "222512"), (e.Addresses[0].Country, e.Addresses[0].Lines[0][^6..]));
        Assert.Equal(new PartialDate(2022, 4, 7), e.ListedOn);
    }

    [Fact]
    public void A_file_of_another_list_is_rejected_by_its_header()
    {
        var ex = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile("us-csl-csv", "us-csl", "bis-dpl/dpl.txt"));
        Assert.Equal("dpl.txt, line 1: malformed CSV: ", ex.Message[..32]);
        Assert.Equal(1, ex.Line);

        var un = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile("us-csl-csv", "us-csl", "names/sample_names.csv"));
        Assert.Equal("sample_names.csv, line 1: not a US Consolidated Screening List CSV: the header lacks column(s) _id, source, entity_number, type, programs, title, addresses, federal_register_notice, start_date, end_date, standard_order, license_requirement, license_policy, call_sign, vessel_type, gross_tonnage, gross_registered_tonnage, vessel_flag, vessel_owner, remarks, source_list_url, alt_names, citizenships, dates_of_birth, nationalities, places_of_birth, source_information_url, ids", un.Message);
    }

    private static string Head(int lines) => string.Join('\n', System.IO.File.ReadLines(TestPaths.Data(File)).Take(lines)) + "\n";

    [Fact]
    public void A_truncated_file_and_a_short_row_are_rejected_with_their_line()
    {
        var head = Head(3);
        var cut = head[..(head.Length - 40)];
        var ex = ParserTestKit.Fails("us-csl-csv", "us-csl", "consolidated.csv", cut);
        Assert.Equal("consolidated.csv, line 3: expected 29 fields, found 25", ex.Message);

        var quote = ParserTestKit.Fails("us-csl-csv", "us-csl", "consolidated.csv", Head(2) + "x,SDN,1,Individual,SDGT,\"BROKEN, Name,,\n");
        Assert.Equal(3, quote.Line);
        Assert.StartsWith("consolidated.csv, line 3: malformed CSV:", quote.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_invalid_utf8_files_are_rejected()
    {
        Assert.Equal("consolidated.csv, line 1: empty file: not a US Consolidated Screening List CSV", ParserTestKit.Fails("us-csl-csv", "us-csl", "consolidated.csv", "").Message);

        var bytes = Encoding.UTF8.GetBytes(Head(2)).Concat(new byte[] { 0x78, 0x2C, 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes(new string(',', 27) + "\n")).ToArray();
        var ex = ParserTestKit.Fails("us-csl-csv", "us-csl", "consolidated.csv", bytes);
        Assert.Equal("consolidated.csv, line 3: not valid UTF-8", ex.Message);
    }
}
