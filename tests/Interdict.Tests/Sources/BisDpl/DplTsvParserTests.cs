using System.Text;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.BisDpl;

namespace Interdict.Tests.Sources.BisDpl;

public class DplTsvParserTests
{
    private const string File = "bis-dpl/dpl.txt";

    private static readonly Lazy<List<Entity>> Parsed = new(() => ParserTestKit.ParseFile("bis-dpl-tsv", "us-bis-dpl", File));

    private static Entity ByName(string name) => Assert.Single(Parsed.Value, e => e.PrimaryName.Full == name);

    private static string[] Orders(Entity e) => e.Other.Where(kv => kv.Key == "Order").Select(kv => kv.Value).ToArray();

    [Fact]
    public void Reads_one_entity_per_denied_party_covering_every_row()
    {
        // 665 rows name 545 distinct parties (same name = same party, at several addresses or under several orders).
        Assert.Equal(545, Parsed.Value.Count);
        Assert.Equal(545, Parsed.Value.Select(e => e.Id).Distinct().Count());
        Assert.All(Parsed.Value, e => Assert.Equal($"us-bis-dpl:{e.NativeId}", e.Id));
        Assert.All(Parsed.Value, e => Assert.Matches("^[0-9a-f]{16}$", e.NativeId));
        Assert.Equal(25, Parsed.Value.SelectMany(e => e.Addresses).Count(a => a.Country == "RU"));
    }

    [Fact]
    public void The_id_is_derived_from_the_normalised_name()
    {
        Assert.Equal(DplTsvParser.NativeIdOf("I. ASH"), DplTsvParser.NativeIdOf("  i.   ash "));
        Assert.Equal("b9d61fd31d6bdf0b", DplTsvParser.NativeIdOf(" I. ASH"));
        Assert.Equal("us-bis-dpl:b9d61fd31d6bdf0b", ByName("I. ASH").Id);
    }

    [Fact]
    public void A_party_under_two_orders_keeps_both_orders_and_all_addresses()
    {
        var e = ByName("I. ASH");
        Assert.Equal(3, e.Addresses.Count);
        Assert.Equal(["UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175"], e.Addresses[0].Lines);
        Assert.Equal(("SEAGOVILLE", "TX", "75159", "US"), (e.Addresses[0].City, e.Addresses[0].Region, e.Addresses[0].PostalCode, e.Addresses[0].Country));
        Assert.Equal(new PartialDate(2002, 3, 4), e.ListedOn);
        var orders = Orders(e);
        Assert.Equal(3, orders.Length);
        Assert.Equal("effective 06/19/2003; expires 06/29/2056; standard order Y; last update 2007-01-31; action FEDERAL REGISTER NOTICE UPDATED; FR 68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07", orders[0]);
        Assert.Contains(new KeyValuePair<string, string>("type", "not stated"), e.Other);
    }

    [Fact]
    public void A_party_at_four_addresses_in_four_countries()
    {
        var e = ByName("ISSAM ANWAR");
        Assert.Equal(["GB", "LB", "TR", "SY"], e.Addresses.Select(a => a.Country));
        Assert.Equal(("LONDON", "WIW 8RP"), (e.Addresses[0].City, e.Addresses[0].PostalCode));
        Assert.Equal(new PartialDate(2023, 10, 31), e.ListedOn);
        Assert.Single(e.Names);
    }

    [Fact]
    public void Single_row_parties_with_and_without_country()
    {
        var villa = ByName("AARON ABRAHAM VILLA");
        var a = Assert.Single(villa.Addresses);
        Assert.Equal(["3415 RIVERA AVENUE"], a.Lines);
        Assert.Equal(("EL PASO", "TX", "79905", (string?)null), (a.City, a.Region, a.PostalCode, a.Country));
        Assert.Equal(new PartialDate(2022, 8, 24), villa.ListedOn);
        Assert.Equal(["effective 08/24/2022; expires 01/14/2026; standard order Y; last update 2022-08-29; action F.R. NOTICE ADDED; FR 87 F.R. 52741 8/29/2022"], Orders(villa));

        var sheng = ByName("ZIMO SHENG");
        Assert.Equal(("MILWAUKEE", null, "JIANGSU", "CN"), (sheng.Addresses[0].City, sheng.Addresses[0].Country, sheng.Addresses[1].City, sheng.Addresses[1].Country));
        Assert.Single(Orders(sheng));
        Assert.Equal(2, ByName("AEROCARGO DEL SUR TRANSPORTATION COMPANY").Addresses.Count);
        Assert.Equal("RU", ByName("ALEKSEY IPPOLITOV").Addresses[0].Country);
    }

    private static readonly string Header = System.IO.File.ReadLines(TestPaths.Data(File)).First() + "\n";

    [Fact]
    public void Malformed_files_are_rejected_with_file_and_line()
    {
        var csl = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile("bis-dpl-tsv", "us-bis-dpl", "us-csl/consolidated.csv"));
        Assert.StartsWith("consolidated.csv, line 1: not a BIS Denied Persons List file: the header lacks column(s) Name, Street_Address,", csl.Message, StringComparison.Ordinal);

        var shortRow = ParserTestKit.Fails("bis-dpl-tsv", "us-bis-dpl", "dpl.txt", Header + "\"A\"\t\"B\"\n");
        Assert.Equal("dpl.txt, line 2: expected 12 tab-separated fields, found 2", shortRow.Message);

        var badDate = ParserTestKit.Fails("bis-dpl-tsv", "us-bis-dpl", "dpl.txt", Header + "\"A\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"2003-06-19\"\t\"\"\t\"Y\"\t\"2007-01-31\"\t\"\"\t\"\"\n");
        Assert.Equal("dpl.txt, line 2, element <Effective_Date>: Effective_Date '2003-06-19' is not a date (MM/DD/YYYY)", badDate.Message);

        var truncated = ParserTestKit.Fails("bis-dpl-tsv", "us-bis-dpl", "dpl.txt", Header + "\"A\"\t\"1 MAIN");
        Assert.Equal(2, truncated.Line);
        Assert.StartsWith("dpl.txt, line 2: malformed CSV:", truncated.Message, StringComparison.Ordinal);

        Assert.Equal("dpl.txt, line 1: empty file: not a BIS Denied Persons List file", ParserTestKit.Fails("bis-dpl-tsv", "us-bis-dpl", "dpl.txt", "").Message);

        var utf8 = ParserTestKit.Fails("bis-dpl-tsv", "us-bis-dpl", "dpl.txt", [.. Encoding.UTF8.GetBytes(Header), .. "\"A"u8, 0xC0, .. "\"\t\"\"\n"u8]);
        Assert.Equal("dpl.txt, line 2: not valid UTF-8", utf8.Message);
    }
}
