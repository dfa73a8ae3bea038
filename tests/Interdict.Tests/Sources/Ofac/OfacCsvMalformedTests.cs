using System.Text;
using Interdict.Sources;
using Interdict.Sources.Ofac;

namespace Interdict.Tests.Sources.Ofac;

/// <summary>Broken inputs made from the real files' bytes, written to a temporary directory as an operator would have them.</summary>
public sealed class OfacCsvMalformedTests : IDisposable
{
    private static readonly string Sdn2023 = TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt");
    private static readonly string Sdn2021 = TestPaths.Data("ofac/sdn-csv/2021-07-complete");
    private readonly string _dir = TestPaths.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Truncated_inside_a_quoted_field()
    {
        // Cut line 11 of the real sdn.csv in the middle of its quoted name.
        var bytes = File.ReadAllBytes(Path.Combine(Sdn2023, "sdn.csv"));
        var start = StartOfLine(bytes, 11);
        Write("sdn.csv", bytes[..(start + 10)]);

        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv", ex.File);
        Assert.Equal(11, ex.Line);
        Assert.Equal("sdn.csv, line 11: broken quoting: a quoted field that is never closed", ex.Message);
    }

    [Fact]
    public void Truncated_between_fields()
    {
        // Line 11 of sdn.csv is 551,"COMERCIAL CIMEX, S.A.",-0- ,"CUBA",-0- ,-0- ,...: keep its first seven fields (the 8th comma ends the 7th; one comma is inside the quoted name).
        var bytes = File.ReadAllBytes(Path.Combine(Sdn2023, "sdn.csv"));
        var start = StartOfLine(bytes, 11);
        var line = Encoding.ASCII.GetString(bytes, start, 80);
        Assert.StartsWith("551,\"COMERCIAL CIMEX, S.A.\"", line, StringComparison.Ordinal);
        var cut = start + NthIndexOf(line, ',', 8);
        Write("sdn.csv", bytes[..cut]);

        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv, line 11: expected 12 columns, found 7", ex.Message);
    }

    [Fact]
    public void A_row_with_a_missing_column_in_the_middle_of_the_file()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        Assert.StartsWith("22790,", lines.First(l => l.StartsWith("22790,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var index = lines.FindIndex(l => l.StartsWith("22790,", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"individual\",", string.Empty, StringComparison.Ordinal);
        WriteLines("sdn.csv", lines);

        var ex = ParseFails("sdn.csv");
        Assert.Equal($"sdn.csv, line {index + 1}: expected 12 columns, found 11", ex.Message);
        Assert.Equal(index + 1, ex.Line);
    }

    [Fact]
    public void Invalid_utf8_names_the_line()
    {
        // Replace the 'M' of "MADURO" with 0xFF, a byte that never occurs in UTF-8.
        var bytes = File.ReadAllBytes(Path.Combine(Sdn2023, "sdn.csv"));
        var pos = IndexOf(bytes, "22790,\"MADURO"u8) + 7;
        var line = CountLines(bytes, pos);
        bytes[pos] = 0xFF;
        Write("sdn.csv", bytes);

        var ex = ParseFails("sdn.csv");
        Assert.Equal($"sdn.csv, line {line}: invalid UTF-8 (byte 0xFF at column 8); OFAC CSV files are UTF-8 text", ex.Message);
    }

    [Fact]
    public void Latin1_text_is_not_taken_for_utf8()
    {
        // "Nicolás" as Windows-1252 would have it (0xE1), the usual way such files get corrupted.
        var text = File.ReadAllText(Path.Combine(Sdn2023, "sdn.csv"));
        var latin1 = Encoding.Latin1.GetBytes(text.Replace("\"MADURO MOROS, Nicolas\"", "\"MADURO MOROS, Nicol\u00e1s\"", StringComparison.Ordinal));
        var line = CountLines(latin1, IndexOf(latin1, "22790,"u8));
        Write("sdn.csv", latin1);

        var ex = ParseFails("sdn.csv");
        Assert.Equal(line, ex.Line);
        Assert.Equal($"sdn.csv, line {line}: invalid UTF-8 (byte 0xE1 at column 27); OFAC CSV files are UTF-8 text", ex.Message);
    }

    [Fact]
    public void Invalid_utf8_in_add_csv_names_that_file()
    {
        File.Copy(Path.Combine(Sdn2023, "sdn.csv"), Path.Combine(_dir, "sdn.csv"));
        var bytes = File.ReadAllBytes(Path.Combine(Sdn2023, "add.csv"));
        var pos = StartOfLine(bytes, 3) + 2;
        bytes[pos] = 0xC3;
        Write("add.csv", bytes);

        var ex = ParseFails("sdn.csv", "add.csv");
        Assert.Equal("add.csv", ex.File);
        Assert.Equal("add.csv, line 3: invalid UTF-8 (byte 0xC3 at column 3); OFAC CSV files are UTF-8 text", ex.Message);
    }

    [Fact]
    public void Binary_garbage()
    {
        var garbage = new byte[8192];
        new Random(20231228).NextBytes(garbage);
        Write("sdn.csv", garbage);

        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv", ex.File);
        Assert.Equal(1, ex.Line);
        Assert.Matches("^sdn.csv, line 1: (invalid UTF-8|broken quoting)", ex.Message);
    }

    [Fact]
    public void Nul_bytes_are_binary_data()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        lines[4] = lines[4].Replace("CASA DE CUBA", "CASA\0\0\0\0CUBA", StringComparison.Ordinal);
        WriteLines("sdn.csv", lines);

        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv, line 5: binary data (control characters) in column 2", ex.Message);
    }

    [Fact]
    public void A_zip_archive_given_as_sdn_csv()
    {
        File.Copy(TestPaths.Data("ofac/enhanced-xml/cons-enhanced-2025-01-14/CONS_ENHANCED.ZIP"), Path.Combine(_dir, "sdn.csv"));
        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv, line 1: this is a ZIP archive, not an OFAC CSV file: extract it first", ex.Message);
    }

    [Fact]
    public void Empty_file()
    {
        Write("sdn.csv", []);
        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv: file is empty", ex.Message);
        Assert.Null(ex.Line);
    }

    [Fact]
    public void A_file_with_only_the_end_of_file_mark_is_empty()
    {
        Write("sdn.csv", [0x1A]);
        Assert.Equal("sdn.csv: file is empty", ParseFails("sdn.csv").Message);
    }

    [Fact]
    public void Empty_comments_file_is_reported_too()
    {
        File.Copy(Path.Combine(Sdn2021, "sdn.csv"), Path.Combine(_dir, "sdn.csv"));
        Write("sdn_comments.csv", []);
        Assert.Equal("sdn_comments.csv: file is empty", ParseFails("sdn.csv", "sdn_comments.csv").Message);
    }

    [Fact]
    public void Alt_csv_given_as_sdn_csv()
    {
        File.Copy(Path.Combine(Sdn2023, "alt.csv"), Path.Combine(_dir, "sdn.csv"));
        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv, line 1: expected 12 columns, found 5 (this looks like alt.csv, not sdn.csv / cons_prim.csv)", ex.Message);
    }

    [Fact]
    public void Sdn_csv_given_as_add_csv()
    {
        File.Copy(Path.Combine(Sdn2023, "sdn.csv"), Path.Combine(_dir, "sdn.csv"));
        File.Copy(Path.Combine(Sdn2023, "sdn.csv"), Path.Combine(_dir, "add.csv"));
        var ex = ParseFails("sdn.csv", "add.csv");
        Assert.Equal("add.csv, line 1: expected 6 columns, found 12 (this looks like sdn.csv / cons_prim.csv, not add.csv)", ex.Message);
    }

    [Fact]
    public void Un_xml_given_as_sdn_csv()
    {
        File.Copy(TestPaths.Data("un/UN_consolidated.xml"), Path.Combine(_dir, "sdn.csv"));
        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv, line 1: this is an XML document, not an OFAC CSV file", ex.Message);
    }

    [Fact]
    public void A_stray_quote_in_an_unquoted_field()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        Assert.Equal("424,\"BOUTIQUE LA MAISON\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ", lines[3]);
        lines[3] = "424,\"BOUTIQUE LA MAISON\",-0- ,\"CUBA\",-0- ,-0\"- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ";
        WriteLines("sdn.csv", lines);

        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv, line 4: broken quoting: a quote inside an unquoted field", ex.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        lines[6] = lines[6].Replace("\"CIMEX\",", "\"CIMEX\"S.A.,", StringComparison.Ordinal);
        WriteLines("sdn.csv", lines);

        var ex = ParseFails("sdn.csv");
        Assert.Equal("sdn.csv, line 7: broken quoting: text after the closing quote of a quoted field", ex.Message);
    }

    [Fact]
    public void An_unclosed_quote_does_not_swallow_the_rest_of_the_file()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        lines[2] = lines[2].Replace("\"BANCO NACIONAL DE CUBA\"", "\"BANCO NACIONAL DE CUBA", StringComparison.Ordinal);
        WriteLines("sdn.csv", lines);

        var ex = ParseFails("sdn.csv");
        Assert.Equal(3, ex.Line);
        Assert.StartsWith("sdn.csv, line 3: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_row_is_not_an_ent_num()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        lines.Insert(0, "ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks");
        WriteLines("sdn.csv", lines);
        Assert.Equal("sdn.csv, line 1: ent_num 'ent_num' is not a number", ParseFails("sdn.csv").Message);
    }

    [Fact]
    public void An_unknown_entity_type()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        var index = lines.FindIndex(l => l.StartsWith("22790,", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"individual\"", "\"person\"", StringComparison.Ordinal);
        WriteLines("sdn.csv", lines);
        Assert.Equal($"sdn.csv, line {index + 1}: unknown SDN_Type 'person' (expected individual, vessel, aircraft or -0-)", ParseFails("sdn.csv").Message);
    }

    [Fact]
    public void Data_after_the_end_of_file_mark()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Sdn2023, "sdn.csv"));
        Assert.Equal(0x1A, bytes[^1]);
        var lines = CountLines(bytes, bytes.Length - 1);
        Write("sdn.csv", [.. bytes, .. "\r\n36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"u8.ToArray()]);
        var ex = ParseFails("sdn.csv");
        Assert.Equal($"sdn.csv, line {lines + 1}: data after the end-of-file mark (0x1A) on line {lines}", ex.Message);
    }

    [Fact]
    public void A_duplicate_ent_num()
    {
        var lines = ReadLines(Path.Combine(Sdn2023, "sdn.csv"));
        lines.Insert(5, lines[0]);
        WriteLines("sdn.csv", lines);
        Assert.Equal("sdn.csv, line 6: ent_num 36 appears twice", ParseFails("sdn.csv").Message);
    }

    [Fact]
    public void Missing_primary_file()
    {
        File.Copy(Path.Combine(Sdn2023, "add.csv"), Path.Combine(_dir, "add.csv"));
        File.Copy(Path.Combine(Sdn2023, "alt.csv"), Path.Combine(_dir, "alt.csv"));
        var ex = Assert.Throws<ListFormatException>(() => new OfacCsvParser().Parse(Inputs("add.csv", "alt.csv"), new ParseContext("ofac-sdn")));
        Assert.Equal("add.csv, alt.csv: sdn.csv (or cons_prim.csv) is missing", ex.Message);
    }

    [Fact]
    public void Missing_cons_prim_file()
    {
        File.Copy(TestPaths.Data("ofac/cons-csv/2025-12/cons_alt.csv"), Path.Combine(_dir, "cons_alt.csv"));
        var ex = Assert.Throws<ListFormatException>(() => new OfacCsvParser().Parse(Inputs("cons_alt.csv"), new ParseContext("ofac-cons")));
        Assert.Equal("cons_alt.csv: cons_prim.csv is missing", ex.Message);
    }

    [Fact]
    public void A_file_name_that_is_no_ofac_csv_role()
    {
        File.Copy(Path.Combine(Sdn2023, "sdn.csv"), Path.Combine(_dir, "list.csv"));
        var ex = Assert.Throws<ListFormatException>(() => new OfacCsvParser().Parse(Inputs("list.csv"), new ParseContext("ofac-sdn")));
        Assert.StartsWith("list.csv: not an OFAC CSV file name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_sdn_and_consolidated_sets()
    {
        File.Copy(Path.Combine(Sdn2023, "sdn.csv"), Path.Combine(_dir, "sdn.csv"));
        File.Copy(TestPaths.Data("ofac/cons-csv/2025-12/cons_alt.csv"), Path.Combine(_dir, "cons_alt.csv"));
        var ex = Assert.Throws<ListFormatException>(() => new OfacCsvParser().Parse(Inputs("sdn.csv", "cons_alt.csv"), new ParseContext("ofac-sdn")));
        Assert.Equal("cons_alt.csv: mixes the SDN and the consolidated (cons_) file sets", ex.Message);
    }

    [Fact]
    public void Lf_line_ends_and_no_end_mark_parse_the_same()
    {
        var text = File.ReadAllText(Path.Combine(Sdn2023, "sdn.csv")).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\u001A');
        File.WriteAllText(Path.Combine(_dir, "sdn.csv"), text);
        var set = OfacCsvFixture.Parse(Inputs("sdn.csv"), "ofac-sdn");
        Assert.Equal(13821, set.Entities.Count);
        Assert.Equal("MADURO MOROS, Nicolas", set["22790"].PrimaryName.Full);
    }

    [Fact]
    public void Rows_of_alt_csv_for_unknown_entries_are_reported_as_warnings()
    {
        File.Copy(Path.Combine(Sdn2021, "sdn.csv"), Path.Combine(_dir, "sdn.csv"));
        File.Copy(Path.Combine(Sdn2023, "alt.csv"), Path.Combine(_dir, "alt.csv"));
        var set = OfacCsvFixture.Parse(Inputs("sdn.csv", "alt.csv"), "ofac-sdn");
        Assert.Equal(8976, set.Entities.Count);
        var warning = Assert.Single(set.Context.Warnings);
        Assert.Matches(@"^alt\.csv: \d+ ent_num value\(s\) not in the primary file; their rows were ignored$", warning);
    }

    private ListFormatException ParseFails(params string[] names) =>
        Assert.Throws<ListFormatException>(() => new OfacCsvParser().Parse(Inputs(names), new ParseContext("ofac-sdn")).ToList());

    private List<SourceInput> Inputs(params string[] names) => names.Select(n => SourceInput.FromPath(Path.Combine(_dir, n))).ToList();

    private void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(_dir, name), bytes);

    // The real files' line ends (CRLF) and final Ctrl-Z are kept.
    private void WriteLines(string name, List<string> lines) =>
        File.WriteAllText(Path.Combine(_dir, name), string.Join("\r\n", lines) + "\r\n\u001A", new UTF8Encoding(false));

    private static List<string> ReadLines(string path) =>
        File.ReadAllText(path).TrimEnd('\u001A').Split("\r\n").Where(l => l.Length > 0).ToList();

    private static int StartOfLine(byte[] bytes, int line)
    {
        var pos = 0;
        for (var l = 1; l < line; l++)
        {
            pos = Array.IndexOf(bytes, (byte)'\n', pos) + 1;
        }

        return pos;
    }

    private static int CountLines(byte[] bytes, int upTo) => bytes.AsSpan(0, upTo).Count((byte)'\n') + 1;

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> what) => bytes.AsSpan().IndexOf(what);

    private static int NthIndexOf(string s, char c, int n)
    {
        var pos = -1;
        for (var i = 0; i < n; i++)
        {
            pos = s.IndexOf(c, pos + 1);
        }

        return pos;
    }
}
