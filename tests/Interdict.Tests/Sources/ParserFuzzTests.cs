using System.Globalization;
using System.Text;
using Interdict.Model;
using Interdict.Screening.Payments;
using Interdict.Sources;
using Interdict.Sources.Ftm;

namespace Interdict.Tests.Sources;

/// <summary>
/// Damaged official files: every parser, fed a real file with random bytes changed, ranges cut, doubled or the end
/// missing, either parses or throws its format exception naming the file (payments: the message's format
/// exception). Any other exception is a defect — what a user would see as a crash instead of "file, line, what was
/// wrong". The default run is short and seeded; <c>scripts/fuzz-parsers.sh</c> runs thousands of cases with a new seed.
/// </summary>
public class ParserFuzzTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("INTERDICT_FUZZ_ITERATIONS"), out var n) ? n : 15;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("INTERDICT_FUZZ_SEED"), out var s) ? s : 20261129;

    /// <summary>Format, list, files under tests/data; HeadLines keeps the first lines of big line-based files so a case stays fast.</summary>
    public sealed record FuzzCase(string Format, string ListId, string[] Files, int HeadLines = 0)
    {
        /// <summary>The theory's case name: the format, with "+" for a file set.</summary>
        public string Key => Format + (Files.Length == 1 ? "" : "+");
    }

    public static TheoryData<string> Formats => new(Cases.Select(c => c.Key));

    private static readonly FuzzCase[] Cases =
    [
        new("ofac-csv", "ofac-cons", ["ofac/cons-csv/2025-12/cons_prim.csv", "ofac/cons-csv/2025-12/cons_add.csv", "ofac/cons-csv/2025-12/cons_alt.csv", "ofac/cons-csv/2025-12/cons_comments.csv"]),
        new("ofac-xml", "ofac-cons", ["ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML"]),
        new("ofac-enhanced", "ofac-cons", ["ofac/enhanced-xml/cons-enhanced-2025-01-14/CONS_ENHANCED.XML"]),
        new("ofac-advanced", "ofac-cons", ["ofac/advanced-xml/cons-advanced-2020-03-17/CONS_ADVANCED.XML"]),
        new("un-xml", "un-sc", ["un/UN_consolidated.xml"]),
        new("us-csl-csv", "us-csl", ["us-csl/consolidated.csv"], HeadLines: 400),
        new("bis-dpl-tsv", "us-bis-dpl", ["bis-dpl/dpl.txt"]),
        new("uk-ofsi-csv", "uk-ofsi", ["uk/ofsi-conlist-2018-04-13/ConList.csv"], HeadLines: 400),
        new("eu-fsf-legacy-xml", "eu-fsf", ["eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml"]),
        new("eu-fsf-xml", "eu-fsf", ["eu/eu-fsf-1.1-xml-excerpts/excerpt-2026-08-05-b.xml"]),
        new("uk-sanctions-list-xml", "uk-sanctions-list", ["uk/uk-sanctions-list-xml-excerpt-2026-08-14/UK-Sanctions-List.excerpt.xml"]),
        new("uk-sanctions-list-csv", "uk-sanctions-list", ["uk/uk-sanctions-list-csv-from-xml-excerpt/UK-Sanctions-List.csv"]),
    ];

    private static readonly byte[] Specials = [(byte)'"', (byte)'<', (byte)'>', (byte)'&', (byte)',', (byte)'\n', (byte)'\r', (byte)'\t', 0, 0xFF, 0xC3, (byte)';', (byte)'|', (byte)'\''];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_damaged_list_file_parses_or_fails_naming_the_file(string format)
    {
        var c = Cases.Single(x => x.Key == format);
        var originals = c.Files.Select(f => Head(File.ReadAllBytes(TestPaths.Data(f)), c.HeadLines)).ToArray();
        var names = c.Files.Select(Path.GetFileName).Select(n => n!).ToArray();
        var parser = ListCatalog.CreateParser(c.Format)!;

        // The undamaged input parses: otherwise every case below would only test the first error.
        Assert.NotEmpty(parser.Parse(names.Select((n, i) => SourceInput.FromBytes(n, originals[i])).ToList(), new ParseContext(c.ListId)).ToList());

        var defects = new List<string>();
        var failedCleanly = 0;
        for (var it = 0; it < Iterations; it++)
        {
            var rnd = new Random(Seed ^ (it * 7919) ^ StableHash(format));
            var target = rnd.Next(originals.Length);
            var (bytes, what) = Damage(originals[target], rnd);
            var inputs = names.Select((n, i) => SourceInput.FromBytes(n, i == target ? bytes : originals[i])).ToList();
            try
            {
                foreach (var e in parser.Parse(inputs, new ParseContext(c.ListId)))
                {
                    Touch(e);
                }
            }
            catch (ListFormatException ex)
            {
                failedCleanly++;
                if (!ex.Message.Contains(names[target], StringComparison.Ordinal) && ex.File != names[target])
                {
                    defects.Add($"case {it} ({what} in {names[target]}): the error does not name the damaged file: {ex.Message}");
                }
            }
            catch (Exception ex)
            {
                defects.Add($"case {it} ({what} in {names[target]}): {ex.GetType().Name}: {ex.Message}\n{Where(ex)}");
            }
        }

        Assert.True(defects.Count == 0, $"{format}, seed {Seed}: {defects.Count} of {Iterations} damaged files raised something other than a clear ListFormatException ({failedCleanly} failed cleanly):\n" + string.Join("\n", defects.Take(10)));
    }

    [Fact]
    public void A_damaged_payment_message_parses_or_fails_with_a_payment_format_error()
    {
        var files = Directory.GetFiles(TestPaths.Data("payments")).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        var defects = new List<string>();
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(file);
            for (var it = 0; it < Iterations * 2; it++)
            {
                var rnd = new Random(Seed ^ (it * 7919) ^ StableHash(Path.GetFileName(file)));
                var (bytes, what) = Damage(original, rnd);
                try
                {
                    PaymentMessageParser.Parse(Encoding.UTF8.GetString(bytes));
                }
                catch (PaymentFormatException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                }
                catch (Exception ex)
                {
                    defects.Add($"{Path.GetFileName(file)} case {it} ({what}): {ex.GetType().Name}: {ex.Message}\n{Where(ex)}");
                }
            }
        }

        Assert.True(defects.Count == 0, $"seed {Seed}: {defects.Count} damaged messages raised something other than a PaymentFormatException:\n" + string.Join("\n", defects.Take(10)));
    }

    [Fact]
    public void A_damaged_ftm_export_parses_or_fails_naming_the_file()
    {
        var entities = ParserTestKit.ParseFile("bis-dpl-tsv", "us-bis-dpl", "bis-dpl/dpl.txt").Take(200).ToList();
        var original = Encoding.UTF8.GetBytes(string.Join("\n", entities.Select(FtmWriter.ToJson)) + "\n");
        var parser = ListCatalog.CreateParser("ftm")!;
        var defects = new List<string>();
        for (var it = 0; it < Iterations * 2; it++)
        {
            var rnd = new Random(Seed ^ (it * 7919) ^ 7);
            var (bytes, what) = Damage(original, rnd);
            try
            {
                foreach (var e in parser.Parse([SourceInput.FromBytes("export.ftm.json", bytes)], new ParseContext("us-bis-dpl")))
                {
                    Touch(e);
                }
            }
            catch (ListFormatException ex)
            {
                Assert.Contains("export.ftm.json", ex.Message, StringComparison.Ordinal);
            }
            catch (Exception ex)
            {
                defects.Add($"case {it} ({what}): {ex.GetType().Name}: {ex.Message}\n{Where(ex)}");
            }
        }

        Assert.True(defects.Count == 0, $"seed {Seed}: {defects.Count} damaged FtM files raised something other than a ListFormatException:\n" + string.Join("\n", defects.Take(10)));
    }

    /// <summary>The innermost frames in the product's code: where the parser went wrong.</summary>
    private static string Where(Exception ex) =>
        string.Join("\n", (ex.StackTrace ?? "").Split('\n').Where(l => l.Contains("Interdict.", StringComparison.Ordinal) && !l.Contains("ParserFuzzTests", StringComparison.Ordinal)).Take(3));

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var ch in s)
        {
            h = (h * 31) + ch;
        }

        return h;
    }

    private static byte[] Head(byte[] bytes, int lines)
    {
        if (lines <= 0)
        {
            return bytes;
        }

        var seen = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' && ++seen == lines)
            {
                return bytes[..(i + 1)];
            }
        }

        return bytes;
    }

    /// <summary>One to three damages: the kinds that real transfers and hand edits produce.</summary>
    private static (byte[] Bytes, string What) Damage(byte[] original, Random rnd)
    {
        var b = new List<byte>(original);
        var what = new List<string>();
        var count = rnd.Next(1, 4);
        for (var k = 0; k < count && b.Count > 2; k++)
        {
            var at = rnd.Next(b.Count);
            var len = Math.Min(b.Count - at, rnd.Next(1, 200));
            switch (rnd.Next(5))
            {
                case 0:
                    b.RemoveRange(at, b.Count - at);
                    what.Add(string.Create(CultureInfo.InvariantCulture, $"cut at {at}"));
                    break;
                case 1:
                    b.RemoveRange(at, len);
                    what.Add(string.Create(CultureInfo.InvariantCulture, $"{len} bytes removed at {at}"));
                    break;
                case 2:
                    b.InsertRange(at, b.GetRange(at, len));
                    what.Add(string.Create(CultureInfo.InvariantCulture, $"{len} bytes doubled at {at}"));
                    break;
                case 3:
                    var x = Specials[rnd.Next(Specials.Length)];
                    b[at] = x;
                    what.Add(string.Create(CultureInfo.InvariantCulture, $"byte {at} set to 0x{x:X2}"));
                    break;
                default:
                    var y = Specials[rnd.Next(Specials.Length)];
                    b.Insert(at, y);
                    what.Add(string.Create(CultureInfo.InvariantCulture, $"0x{y:X2} inserted at {at}"));
                    break;
            }
        }

        return (b.ToArray(), string.Join(", ", what));
    }

    /// <summary>Reads what an import stores, so lazily computed parts fail here rather than later.</summary>
    private static void Touch(Entity e)
    {
        _ = e.Id.Length + e.Names.Count + e.Identifiers.Count + e.Programs.Count + e.BirthDates.Count + e.Addresses.Count;
        _ = Interdict.Store.EntityJson.Serialize(e);
    }
}
