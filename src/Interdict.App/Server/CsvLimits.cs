using System.Globalization;
using System.Text;
using CsvHelper;
using Interdict.Screening.Portfolio;
using Interdict.Store.Portfolio;

namespace Interdict.App.Server;

/// <summary>
/// Checks an uploaded batch or portfolio CSV before it becomes a job: the same bounds as the JSON inputs
/// (<see cref="InputLimits"/>), so a job never carries a field a screening request could not. A row beyond them
/// rejects the upload with its line and column, and nothing is kept.
/// </summary>
internal static class CsvLimits
{
    /// <summary>Columns of one row: the format has five, extra columns are ignored; fifty is already generous.</summary>
    public const int MaxFields = 50;

    /// <summary>Checks a batch CSV (bad rows other than these are reported per row by the job); returns its data rows.</summary>
    public static long CheckBatch(Stream csv) => Check(csv, "batch", CsvMalformedDataHandling.Recover);

    /// <summary>
    /// Checks a portfolio CSV whole, the way the import will read it, so that a bad file is refused at upload and not
    /// discovered by the job; returns its customers.
    /// </summary>
    public static long CheckPortfolio(Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        using (var first = open())
        {
            Check(first, "customers", CsvMalformedDataHandling.Throw);
        }

        using var second = open();
        return Customers(second).Count;
    }

    /// <summary>The customers of a stored portfolio upload, as the import reads them.</summary>
    public static IReadOnlyList<Customer> Customers(Stream csv)
    {
        using var reader = new StreamReader(csv, new UTF8Encoding(false, true));
        try
        {
            return PortfolioMonitor.ReadCsv(reader, "customers");
        }
        catch (Exception ex) when (ex is InvalidDataException or CsvFormatException)
        {
            throw new FormatException(ex.Message, ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException("customers: the file is not UTF-8 text", ex);
        }
    }

    private static long Check(Stream csv, string inputName, CsvMalformedDataHandling malformed)
    {
        using var reader = new StreamReader(csv, new UTF8Encoding(false, true));
        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, SkipEmptyLines = true, MalformedData = malformed, FieldCountMismatch = CsvFieldCountHandling.Allow };
        try
        {
            using var rows = CsvReader.Create(reader, options, true);
            if (!rows.Read())
            {
                throw new FormatException($"{inputName}: the file is empty (expected a CSV with header id,name,type,dob,country)");
            }

            var header = ReadRow(rows, inputName, null);
            var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
            if (!names.Contains("id") || !names.Contains("name"))
            {
                throw new FormatException($"{inputName}, line 1: the header must name the columns id and name (found: {string.Join(",", header)})");
            }

            long count = 0;
            while (rows.Read())
            {
                ReadRow(rows, inputName, names);
                count++;
            }

            return count;
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException($"{inputName}: {ex.Message}", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException($"{inputName}: the file is not UTF-8 text", ex);
        }
    }

    private static string[] ReadRow(CsvReader rows, string inputName, string[]? header)
    {
        var line = rows.LineNumber;
        if (rows.FieldCount > MaxFields)
        {
            throw new FormatException($"{inputName}, line {line}: {rows.FieldCount.ToString("N0", CultureInfo.InvariantCulture)} columns; at most {MaxFields} are accepted");
        }

        var fields = new string[rows.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            var value = rows.GetString(i);
            var column = header is not null && i < header.Length && header[i].Length > 0 ? header[i] : $"{i + 1}";
            var max = column == "name" ? InputLimits.MaxNameChars : InputLimits.MaxFieldChars;
            if (value.Length > max)
            {
                throw new FormatException($"{inputName}, line {line}, column {column}: {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; at most {max} are accepted");
            }

            fields[i] = value;
        }

        return fields;
    }
}
