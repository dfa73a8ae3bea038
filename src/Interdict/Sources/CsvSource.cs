using System.Text;
using CsvHelper;

namespace Interdict.Sources;

/// <summary>One CSV record with the physical line it starts on (records may span lines inside quotes).</summary>
internal readonly record struct CsvRecord(string[] Fields, long Line);

/// <summary>
/// Streams the records of a delimited publisher file through CsvHelper, turning every reading problem
/// (bad quoting, invalid bytes) into a <see cref="ListFormatException"/> that names the file and line.
/// </summary>
internal static class CsvSource
{
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1252 that refuses the five bytes it leaves undefined, for files such as OFSI's ConList.csv.</summary>
    public static Encoding Windows1252 { get; } = CreateWindows1252();

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static IEnumerable<CsvRecord> Read(SourceInput file, Encoding encoding, char separator = ',')
    {
        var utf8 = encoding.CodePage == Encoding.UTF8.CodePage;
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,

        };

        // UTF-8 is read as bytes and checked per record, so errors name their line. Other encodings are decoded here,
        // strictly, because the reader's own transcoding would replace undefined bytes silently.
        using var csv = utf8
            ? CsvReader.Create(file.Open(), options, false)
            : CsvReader.Create(new StreamReader(file.Open(), encoding, detectEncodingFromByteOrderMarks: false), options, false);
        while (true)
        {
            string[] fields;
            long line;
            try
            {
                if (!csv.Read())
                {
                    break;
                }

                line = csv.LineNumber;
                if (utf8 && !System.Text.Unicode.Utf8.IsValid(csv.RawRecord))
                {
                    throw new ListFormatException(file.Name, "not valid UTF-8", line);
                }

                fields = new string[csv.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i);
                }
            }
            catch (DecoderFallbackException ex)
            {
                throw new ListFormatException(file.Name, $"not valid {encoding.WebName} text: {ex.Message}", csv.LineNumber == 0 ? null : csv.LineNumber, inner: ex);
            }
            catch (CsvFormatException ex)
            {
                throw new ListFormatException(file.Name, "malformed CSV: " + ex.Message, ex.LineNumber == 0 ? null : ex.LineNumber, inner: ex);
            }

            yield return new CsvRecord(fields, line);
        }
    }

    /// <summary>Column positions by header name; throws when a required column is missing.</summary>
    public static Dictionary<string, int> Header(SourceInput file, CsvRecord header, IEnumerable<string> required, string what)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Length; i++)
        {
            map.TryAdd(header.Fields[i].Trim().TrimStart('\uFEFF'), i);
        }

        var missing = required.Where(r => !map.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new ListFormatException(file.Name, $"not {what}: the header lacks column(s) {string.Join(", ", missing)}", header.Line);
        }

        return map;
    }
}
