using System.Text;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Custom;

namespace Interdict.Tests.Sources.Custom;

/// <summary>A firm's own list read through a column mapping (an internal blocklist as exported from a spreadsheet).</summary>
public class MappedCsvParserTests
{
    private const string Blocklist = """
        Customer No,Customer Name,Also Known As,Kind,Birth Date,Country,Passport No,Notes
        C-001,Ivan Petrovich Sidorov,Ivan Sidorov;I. P. Sidorov,person,1971-04-12,Russia,720000001,fraud case 2023
        C-002,Acme Shell Trading FZE,,organization,,AE,,
        C-003,MV Blue Horizon,,vessel,,,,

        ,,,,,,,
        C-004,Maria Gonzalez Ruiz,,,1980,ES;Mexico,,
        """;

    private static readonly CsvColumnMapping Mapping = CsvColumnMapping.Parse(
        ["id=Customer No,name=Customer Name,alias=Also Known As,type=Kind,dob=Birth Date", "country=Country,passport=Passport No,remarks=Notes"]);

    private static List<Entity> Parse(string text, CsvColumnMapping? mapping = null, string name = "blocklist.csv", ParseContext? context = null) =>
        new MappedCsvParser(mapping ?? Mapping).Parse([SourceInput.FromBytes(name, Encoding.UTF8.GetBytes(text))], context ?? new ParseContext("my-blocklist")).ToList();

    [Fact]
    public void Every_row_becomes_one_entry_with_the_mapped_fields()
    {
        var all = Parse(Blocklist);
        Assert.Equal(["my-blocklist:C-001", "my-blocklist:C-002", "my-blocklist:C-003", "my-blocklist:C-004"], all.Select(e => e.Id));

        var ivan = all[0];
        Assert.Equal("C-001", ivan.NativeId);
        Assert.Equal("my-blocklist", ivan.ListId);
        Assert.Equal(EntityKind.Person, ivan.Kind);
        Assert.Equal(["Ivan Petrovich Sidorov", "Ivan Sidorov", "I. P. Sidorov"], ivan.Names.Select(n => n.Full));
        Assert.Equal(NameType.Aka, ivan.Names[1].Type);
        Assert.Equal(new PartialDate(1971, 4, 12), Assert.Single(ivan.BirthDates).From);
        Assert.Equal("RU", Assert.Single(ivan.Addresses).Country);
        var passport = Assert.Single(ivan.Identifiers);
        Assert.Equal((IdentifierKind.Passport, "720000001"), (passport.Kind, passport.Value));
        Assert.Equal("fraud case 2023", ivan.Remarks);

        Assert.Equal(EntityKind.Organization, all[1].Kind);
        Assert.Equal("AE", Assert.Single(all[1].Addresses).Country);
        Assert.Equal(EntityKind.Vessel, all[2].Kind);

        // No type column value: a date of birth makes a person; a year-only date stays year-only; two countries.
        var maria = all[3];
        Assert.Equal(EntityKind.Person, maria.Kind);
        Assert.Equal(DatePrecision.Year, maria.BirthDates[0].From.Precision);
        Assert.Equal(["ES", "MX"], maria.Addresses.Select(a => a.Country));
        Assert.Contains(new KeyValuePair<string, string>("type", "not stated"), maria.Other);
    }

    [Fact]
    public void Without_an_id_column_the_id_is_a_stable_hash_of_the_name()
    {
        var mapping = CsvColumnMapping.Parse(["name=Customer Name"]);
        var a = Parse(Blocklist, mapping);
        var b = Parse(Blocklist.Replace("Ivan Petrovich Sidorov,", "  ivan petrovich   SIDOROV ,", StringComparison.Ordinal), mapping);
        Assert.Equal(4, a.Count);
        Assert.Equal(16, a[0].NativeId.Length);
        Assert.Equal("my-blocklist:" + MappedCsvParser.NativeIdOf("Ivan Petrovich Sidorov"), a[0].Id);
        Assert.Equal(a[0].Id, b[0].Id);
        Assert.NotEqual(a[0].Id, a[1].Id);
        Assert.Equal(EntityKind.Organization, a[0].Kind);
    }

    [Fact]
    public void An_empty_name_is_rejected_with_file_and_line()
    {
        var ex = Assert.Throws<ListFormatException>(() => Parse(Blocklist.Replace("C-002,Acme Shell Trading FZE", "C-002,", StringComparison.Ordinal)));
        Assert.Equal("blocklist.csv, line 3, element <Customer Name>: empty name (column 'Customer Name')", ex.Message);
    }

    [Fact]
    public void A_bad_date_of_birth_is_rejected_with_file_and_line()
    {
        var ex = Assert.Throws<ListFormatException>(() => Parse(Blocklist.Replace("1971-04-12", "12/04/1971", StringComparison.Ordinal)));
        Assert.Equal(2, ex.Line);
        Assert.Contains("'12/04/1971' in column 'Birth Date' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", ex.Message);
    }

    [Fact]
    public void A_missing_mapped_column_is_named()
    {
        var mapping = CsvColumnMapping.Parse(["name=Customer Name,dob=Date of Birth"]);
        var ex = Assert.Throws<ListFormatException>(() => Parse(Blocklist, mapping));
        Assert.Equal(1, ex.Line);
        Assert.Contains("lacks column(s) Date of Birth", ex.Message);
    }

    [Fact]
    public void Unknown_types_repeated_ids_and_ragged_rows_are_rejected()
    {
        var type = Assert.Throws<ListFormatException>(() => Parse(Blocklist.Replace(",vessel,", ",boat,", StringComparison.Ordinal)));
        Assert.Contains("line 4", type.Message);
        Assert.Contains("type 'boat'", type.Message);

        var repeated = Assert.Throws<ListFormatException>(() => Parse(Blocklist.Replace("C-004", "C-001", StringComparison.Ordinal)));
        Assert.Contains("line 7", repeated.Message);
        Assert.Contains("already appears in blocklist.csv, line 2", repeated.Message);

        var ragged = Assert.Throws<ListFormatException>(() => Parse(Blocklist.Replace("C-003,MV Blue Horizon,,vessel,,,,", "C-003,MV Blue Horizon", StringComparison.Ordinal)));
        Assert.Equal("blocklist.csv, line 4: expected 8 fields (as in the header), found 2", ragged.Message);
    }

    [Fact]
    public void Invalid_UTF8_is_rejected_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes(Blocklist).ToList();
        var at = Encoding.UTF8.GetByteCount(Blocklist[..Blocklist.IndexOf("Acme", StringComparison.Ordinal)]);
        bytes.Insert(at, 0xFF);
        var ex = Assert.Throws<ListFormatException>(() => new MappedCsvParser(Mapping).Parse([SourceInput.FromBytes("latin.csv", [.. bytes])], new ParseContext("x")).ToList());
        Assert.Equal("latin.csv, line 3: not valid UTF-8", ex.Message);
    }

    [Fact]
    public void Mappings_name_unknown_fields_and_need_a_name()
    {
        Assert.Contains("unknown field 'birthday'", Assert.Throws<FormatException>(() => CsvColumnMapping.Parse(["name=Name,birthday=DOB"])).Message);
        Assert.Contains("needs name=", Assert.Throws<FormatException>(() => CsvColumnMapping.Parse(["dob=DOB"])).Message);
        Assert.Contains("'name' can be mapped to one column only", Assert.Throws<FormatException>(() => CsvColumnMapping.Parse(["name=A,name=B"])).Message);
        Assert.Contains("'dob' is not field=Column", Assert.Throws<FormatException>(() => CsvColumnMapping.Parse(["name=A,dob"])).Message);
        var two = CsvColumnMapping.Parse(["name=A,alias=B,alias=C"]);
        Assert.Equal(2, two.Columns.Count(c => c.Field == MappedField.Alias));
    }
}
