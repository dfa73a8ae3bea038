using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Interdict.Model;

namespace Interdict.Sources.BisDpl;

/// <summary>
/// Reads the BIS Denied Persons List (<c>dpl.txt</c>: tab-separated, every field quoted, header row).
/// <para>
/// The file has one row per denial order and address and no identifier of its own. Rows with the same name (after
/// trimming, collapsing spaces and upper-casing) are one denied party, so they become one entity with all its
/// addresses and orders. Its id is <c>us-bis-dpl:</c> followed by the first 16 hex digits of the SHA-256 of that
/// normalised name: stable from one publication to the next for as long as BIS keeps the spelling (a "NAME
/// CORRECTED" row yields a new id, which is what a changed listing is).
/// </para>
/// The file is read twice (first the names, then the rows), so that only rows of parties whose last row has not
/// been seen yet are held in memory.
/// </summary>
public sealed class DplTsvParser : IListParser
{
    private const string What = "a BIS Denied Persons List file";

    private static readonly string[] Columns =
    [
        "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date", "Expiration_Date", "Standard_Order",
        "Last_Update", "Action", "FR_Citation",
    ];

    public string Format => "bis-dpl-tsv";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context) => EachFile.Parse(files, context, ParseFile);

    /// <summary>The id key of a name: trimmed, inner spaces collapsed, upper case.</summary>
    public static string NativeIdOf(string name)
    {
        var key = (SourceText.Clean(name) ?? "").ToUpperInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }

    private static IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in Rows(file))
        {
            var key = NativeIdOf(row.Name);
            remaining[key] = remaining.GetValueOrDefault(key) + 1;
        }

        var pending = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        foreach (var row in Rows(file))
        {
            var key = NativeIdOf(row.Name);
            if (!pending.TryGetValue(key, out var rows))
            {
                rows = [];
                pending[key] = rows;
            }

            rows.Add(row);
            if (--remaining[key] == 0)
            {
                pending.Remove(key);
                yield return Map(key, rows, file, context);
            }
        }
    }

    private sealed record Row(string Name, string?[] Fields, long Line)
    {
        public string? this[int column] => SourceText.Clean(Fields[column]);
    }

    private static IEnumerable<Row> Rows(SourceInput file)
    {
        var header = false;
        foreach (var record in CsvSource.Read(file, CsvSource.StrictUtf8, '\t'))
        {
            if (!header)
            {
                var map = CsvSource.Header(file, record, Columns, What);
                for (var i = 0; i < Columns.Length; i++)
                {
                    if (map[Columns[i]] != i)
                    {
                        throw new ListFormatException(file.Name, $"not {What}: column {i + 1} is '{record.Fields.ElementAtOrDefault(i)}', expected '{Columns[i]}'", record.Line);
                    }
                }

                header = true;
                continue;
            }

            if (record.Fields.Length != Columns.Length)
            {
                throw new ListFormatException(file.Name, $"expected {Columns.Length} tab-separated fields, found {record.Fields.Length}", record.Line);
            }

            var name = SourceText.Clean(record.Fields[0]) ?? throw new ListFormatException(file.Name, "row without Name", record.Line);
            yield return new Row(name, record.Fields, record.Line);
        }

        if (!header)
        {
            throw new ListFormatException(file.Name, $"empty file: not {What}", 1);
        }
    }

    private static PartialDate? UsDate(Row row, int column, SourceInput file)
    {
        var s = row[column];
        if (s is null)
        {
            return null;
        }

        return DateTime.TryParseExact(s, "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? PartialDate.FromDate(DateOnly.FromDateTime(d))
            : throw new ListFormatException(file.Name, $"{Columns[column]} '{s}' is not a date (MM/DD/YYYY)", row.Line, Columns[column]);
    }

    private static Entity Map(string key, List<Row> rows, SourceInput file, ParseContext context)
    {
        var addresses = new List<Address>();
        var other = new List<KeyValuePair<string, string>> { new("type", "not stated") };
        PartialDate? listedOn = null;
        foreach (var row in rows)
        {
            var country = row[4];
            var address = new Address
            {
                Lines = row[1] is { } street ? [street] : [],
                City = row[2],
                Region = row[3],
                PostalCode = row[5],
                Country = SourceText.Country(country),
                CountryName = country is null ? null : Countries.Name(SourceText.Country(country)) ?? country,
            };
            if (address.ToString().Length > 0 && !addresses.Any(a => a.ToString() == address.ToString()))
            {
                addresses.Add(address);
            }

            var effective = UsDate(row, 6, file);
            _ = UsDate(row, 7, file);
            if (effective is { } e && (listedOn is null || e < listedOn))
            {
                listedOn = e;
            }

            if (row[9] is { } updated && SourceText.IsoPrefix(updated) is null)
            {
                throw new ListFormatException(file.Name, $"Last_Update '{updated}' is not a date (YYYY-MM-DD)", row.Line, "Last_Update");
            }

            // Each row is one order at one address: its dates and citations stay together.
            var order = SourceText.Join("; ",
                row[6] is { } ef ? "effective " + ef : null,
                row[7] is { } ex ? "expires " + ex : null,
                row[8] is { } so ? "standard order " + so : null,
                row[9] is { } lu ? "last update " + lu : null,
                row[10] is { } ac ? "action " + ac : null,
                row[11] is { } fr ? "FR " + fr : null);
            if (order is not null && !other.Any(kv => kv.Key == "Order" && kv.Value == order))
            {
                other.Add(new("Order", order));
            }
        }

        var names = rows.Select(r => r.Name).Distinct(StringComparer.Ordinal).Select((n, i) => new EntityName
        {
            Full = n,
            Type = i == 0 ? NameType.Primary : NameType.Aka,
            Script = Scripts.Detect(n),
        }).ToList();

        return new Entity
        {
            Id = $"{context.ListId}:{key}",
            ListId = context.ListId,
            NativeId = key,
            Kind = EntityKind.Organization,
            Names = names,
            Addresses = addresses,
            ListedOn = listedOn,
            Other = other,
        };
    }
}
