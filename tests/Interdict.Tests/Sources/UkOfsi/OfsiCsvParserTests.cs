using System.Text;
using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Sources.UkOfsi;

public class OfsiCsvParserTests
{
    private const string File = "uk/ofsi-conlist-2018-04-13/ConList.csv";

    private static readonly Lazy<(List<Entity> Entities, ParseContext Context)> Parsed = new(() =>
    {
        var ctx = new ParseContext("uk-ofsi");
        return (ParserTestKit.ParseFile("uk-ofsi-csv", "uk-ofsi", File, ctx), ctx);
    });

    private static List<Entity> All => Parsed.Value.Entities;

    private static Entity Get(string group) => All.One("uk-ofsi:" + group);

    [Fact]
    public void Reads_one_entity_per_group_id()
    {
        // 9,487 rows (one per name variant, date of birth and address) form 2,106 groups.
        Assert.Equal(2106, All.Count);
        Assert.Equal(1426, All.Count(e => e.Kind == EntityKind.Person));
        Assert.Equal(680, All.Count(e => e.Kind == EntityKind.Organization));
        Assert.Equal(new DateTimeOffset(2018, 4, 13, 0, 0, 0, TimeSpan.Zero), Parsed.Value.Context.Published);
        Assert.Equal(26, All.SelectMany(e => e.Programs).Distinct().Count());
    }

    [Fact]
    public void A_group_of_sixteen_rows_has_its_names_year_dates_and_passport()
    {
        var e = Get("13349");
        Assert.Equal("Nayef Salam Muhammad Ujaym AL-HABABI", e.PrimaryName.Full);
        Assert.Equal(("Nayef Salam Muhammad Ujaym", "AL-HABABI"), (e.PrimaryName.Given, e.PrimaryName.Family));
        Assert.Equal(8, e.Names.Count);
        Assert.Contains(e.Names, n => n.Full == "Sheikh Farooq AL-QAHTANI" && n.Type == NameType.Aka);
        Assert.Equal([new PartialDate(1980), new PartialDate(1981)], e.BirthDates.Select(d => d.From).Order());
        Assert.All(e.BirthDates, d => Assert.Equal(DatePrecision.Year, d.From.Precision));
        Assert.Equal(["SA", "QA"], e.Nationalities);
        var p = Assert.Single(e.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "592667", "Passport No: 592667 (Qatari passport issued on 3 May 2007)."), (p.Kind, p.Value, p.Note));
        var a = Assert.Single(e.Addresses);
        Assert.Equal(("AF", "Afghanistan (since 2009)"), (a.Country, a.CountryName));
        Assert.Equal(["The ISIL (Da'esh) and Al-Qaida organisations"], e.Programs);
        Assert.Equal(new PartialDate(2016, 4, 1), e.ListedOn);
        Assert.StartsWith("UN Ref QDe.004.", e.Remarks, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_with_former_names_and_six_countries()
    {
        var e = Get("7247");
        Assert.Equal(EntityKind.Organization, e.Kind);
        Assert.Equal("THE ORGANIZATION OF AL-QAIDA IN THE ISLAMIC MAGHREB", e.PrimaryName.Full);
        Assert.Null(e.PrimaryName.Family);
        Assert.Equal(NameType.Fka, e.Names.Single(n => n.Full == "SALAFIST GROUP FOR CALL AND COMBAT").Type);
        Assert.Equal(NameType.Aka, e.Names.Single(n => n.Full == "AQIM").Type);
        Assert.Equal(5, e.Names.Count);
        Assert.Equal(["DZ", "MA", "ML", "MR", "NE", "TN"], e.Addresses.Select(a => a.Country!).Order());
        Assert.Equal(new PartialDate(2001, 10, 10), e.ListedOn);
        Assert.Contains(new KeyValuePair<string, string>("Last Updated", "19/01/2012"), e.Other);
    }

    [Fact]
    public void Windows_1252_quotes_and_documents_in_prose()
    {
        var e = Get("12155");
        Assert.Equal("Malak NOORZAI", e.Names.Single(n => n.Full == "Malak NOORZAI").Full);
        Assert.Equal(["AF"], e.Nationalities);
        Assert.Equal([new PartialDate(1963, 1, 1), new PartialDate(1960), new PartialDate(1957)], e.BirthDates.Select(d => d.From));
        Assert.Equal(["FA0157612", "54201-247561-5"], e.Identifiers.Select(i => i.Value));
        var passport = e.Identifiers.Single(i => i.Kind == IdentifierKind.Passport);
        Assert.Equal("FA0157612", passport.Value);
        Assert.EndsWith("Issued under name ‘Allah Muhammad’.", passport.Note, StringComparison.Ordinal);
        Assert.Equal("54201-247561-5", e.Identifiers.Single(i => i.Kind == IdentifierKind.NationalId).Value);
        Assert.Contains("Father’s name is Haji Akhtar Muhammad.", e.Remarks, StringComparison.Ordinal);
        Assert.Equal(["Boghra Road", "Miralzei Village", "Chaman", "Baluchistan Province"], e.Addresses.Single(a => a.Country == "PK").Lines);
        Assert.Equal(["Kalay Rangin", "Spin Boldak District", "Kandahar province"], e.Addresses.Single(a => a.Country == "AF").Lines);
    }

    [Fact]
    public void Numbered_nationalities_titles_and_positions()
    {
        Assert.Equal(["SO", "SE"], Get("10929").Nationalities);
        Assert.Contains(new KeyValuePair<string, string>("Nationality", "(1) Somali (2) Swedish"), Get("10929").Other);

        var abisov = Get("13071");
        Assert.Equal("Sergey Vadimovich ABISOV", abisov.PrimaryName.Full);
        Assert.Equal(["Minister of Interior of the Republic of Crimea"], abisov.Titles);
        Assert.Equal(new PartialDate(1967, 11, 27), abisov.BirthDates.Single().From);
        Assert.Equal(["Simferopol, Crimea"], abisov.BirthPlaces);
        Assert.Equal(["Ukraine (Sovereignty)"], abisov.Programs);

        var car = Get("13458");
        Assert.Equal("Hissene ABDOULAYE", car.PrimaryName.Full);
        Assert.Equal("D00000897", car.Identifiers.Single().Value);
        Assert.Equal(2, car.Addresses.Count);
        Assert.Equal(["Ndele, Bamingui-Bangoran, Central African Republic"], car.BirthPlaces);
        Assert.Equal(["CF"], car.Nationalities);
    }

    private static byte[] Head(int lines)
    {
        var all = System.IO.File.ReadAllBytes(TestPaths.Data(File));
        var n = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i] == (byte)'\n' && ++n == lines)
            {
                return all[..(i + 1)];
            }
        }

        return all;
    }

    [Fact]
    public void Malformed_files_are_rejected_with_file_and_line()
    {
        var csl = Assert.Throws<ListFormatException>(() => ParserTestKit.ParseFile("uk-ofsi-csv", "uk-ofsi", "us-csl/consolidated.csv"));
        Assert.Equal("consolidated.csv, line 1: not an OFSI ConList.csv: the first line must be 'Last Updated,DD/MM/YYYY'", csl.Message);

        var badDob = ParserTestKit.Fails("uk-ofsi-csv", "uk-ofsi", "ConList.csv", [.. Head(2), .. Encoding.ASCII.GetBytes("SMITH,John,,,,,,1980-01-01,,,,,,,,,,,,,,,,Individual,Prime Alias,Libya,01/01/2011,01/01/2011,1\n")]);
        Assert.Equal("ConList.csv, line 3, element <DOB>: DOB '1980-01-01' is not a date (DD/MM/YYYY)", badDob.Message);

        var shortRow = ParserTestKit.Fails("uk-ofsi-csv", "uk-ofsi", "ConList.csv", [.. Head(3), .. "SMITH,John\n"u8]);
        Assert.Equal("ConList.csv, line 4: expected 29 fields, found 2", shortRow.Message);

        var truncated = ParserTestKit.Fails("uk-ofsi-csv", "uk-ofsi", "ConList.csv", [.. Head(3), .. "SMITH,\"John"u8]);
        Assert.StartsWith("ConList.csv, line 4: malformed CSV:", truncated.Message, StringComparison.Ordinal);

        Assert.Equal("ConList.csv, line 1: empty file: not an OFSI ConList.csv", ParserTestKit.Fails("uk-ofsi-csv", "uk-ofsi", "ConList.csv", "").Message);
    }
}
