using System.Globalization;
using System.Text.RegularExpressions;
using Interdict.Model;

namespace Interdict.Sources.UkOfsi;

/// <summary>
/// Reads HM Treasury OFSI's consolidated list <c>ConList.csv</c> (the pre-2022 layout: a "Last Updated" line, a
/// header of 29 columns, Windows-1252 text). The file has one row per name variant, date of birth and address; rows
/// with the same Group ID are one target and become one entity <c>uk-ofsi:&lt;Group ID&gt;</c>.
/// Rows of a group are not adjacent (the file is sorted by name), so the file is read twice: first to count each
/// group's rows, then to emit each group as soon as its last row has been read.
/// </summary>
public sealed partial class OfsiCsvParser : IListParser
{
    private const string What = "an OFSI ConList.csv";

    private static readonly string[] Columns =
    [
        "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB", "Town of Birth", "Country of Birth", "Nationality",
        "Passport Details", "NI Number", "Position", "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
        "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type", "Regime", "Listed On", "Last Updated", "Group ID",
    ];

    public string Format => "uk-ofsi-csv";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context) => EachFile.Parse(files, context, ParseFile);

    private static IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in Rows(file, context))
        {
            remaining[row.GroupId] = remaining.GetValueOrDefault(row.GroupId) + 1;
        }

        var pending = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        foreach (var row in Rows(file, null))
        {
            if (!pending.TryGetValue(row.GroupId, out var rows))
            {
                rows = [];
                pending[row.GroupId] = rows;
            }

            rows.Add(row);
            if (--remaining[row.GroupId] == 0)
            {
                pending.Remove(row.GroupId);
                yield return Map(row.GroupId, rows, file, context);
            }
        }
    }

    private sealed record Row(string GroupId, string[] Fields, long Line)
    {
        public string? this[int column] => SourceText.Clean(Fields[column]);
    }

    private static IEnumerable<Row> Rows(SourceInput file, ParseContext? context)
    {
        var stage = 0;
        foreach (var record in CsvSource.Read(file, CsvSource.Windows1252))
        {
            if (stage == 0)
            {
                if (record.Fields.Length < 2 || record.Fields[0].Trim() != "Last Updated")
                {
                    throw new ListFormatException(file.Name, $"not {What}: the first line must be 'Last Updated,DD/MM/YYYY'", record.Line);
                }

                var published = Date(record.Fields[1], file, record.Line, "Last Updated")
                    ?? throw new ListFormatException(file.Name, "the 'Last Updated' line has no date", record.Line);
                if (context is not null)
                {
                    context.Published = new DateTimeOffset(published.Year, published.Month!.Value, published.Day!.Value, 0, 0, 0, TimeSpan.Zero);
                }

                stage = 1;
                continue;
            }

            if (stage == 1)
            {
                var map = CsvSource.Header(file, record, Columns, What);
                for (var i = 0; i < Columns.Length; i++)
                {
                    if (map[Columns[i]] != i)
                    {
                        throw new ListFormatException(file.Name, $"not {What}: column {i + 1} is '{record.Fields[i]}', expected '{Columns[i]}'", record.Line);
                    }
                }

                stage = 2;
                continue;
            }

            if (record.Fields.Length != Columns.Length)
            {
                throw new ListFormatException(file.Name, $"expected {Columns.Length} fields, found {record.Fields.Length}", record.Line);
            }

            var group = SourceText.Clean(record.Fields[28]) ?? throw new ListFormatException(file.Name, "row without Group ID", record.Line, "Group ID");
            yield return new Row(group, record.Fields, record.Line);
        }

        if (stage < 2)
        {
            throw new ListFormatException(file.Name, stage == 0 ? $"empty file: not {What}" : "no header line after 'Last Updated'", 1);
        }
    }

    /// <summary>"DD/MM/YYYY" where "00" marks an unknown day or month ("00/00/1980" is the year 1980).</summary>
    private static PartialDate? Date(string? raw, SourceInput file, long line, string column)
    {
        var s = SourceText.Clean(raw);
        if (s is null)
        {
            return null;
        }

        var m = DayMonthYear().Match(s);
        if (!m.Success)
        {
            throw new ListFormatException(file.Name, $"{column} '{s}' is not a date (DD/MM/YYYY)", line, column);
        }

        var day = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (year == 0 || month > 12 || (month == 0 && day != 0) || (month > 0 && day > DateTime.DaysInMonth(year, month)))
        {
            throw new ListFormatException(file.Name, $"{column} '{s}' is not a date (DD/MM/YYYY)", line, column);
        }

        return new PartialDate(year, month == 0 ? null : month, day == 0 ? null : day);
    }

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/(\d{4})$")]
    private static partial Regex DayMonthYear();

    // Candidate document numbers in free text: at least five characters with a digit, not a date.
    [GeneratedRegex(@"(?<![\p{L}\d])(?=[A-Z\-]*\d)[A-Z0-9][A-Z0-9\-\.]{3,}[A-Z0-9](?![\p{L}\d])")]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"^\d{1,2}\.\d{1,2}\.\d{2,4}$|^\d{4}$")]
    private static partial Regex DateLike();

    private static Entity Map(string groupId, List<Row> rows, SourceInput file, ParseContext context)
    {
        var first = rows[0];
        var kind = first[23]?.ToLowerInvariant() switch
        {
            "individual" => EntityKind.Person,
            "entity" => EntityKind.Organization,
            "ship" => EntityKind.Vessel,
            var t => throw new ListFormatException(file.Name, $"Group ID {groupId}: unknown Group Type '{t}'", first.Line, "Group Type"),
        };

        var names = new List<EntityName>();
        var birthDates = new List<BirthDate>();
        var birthPlaces = new List<string>();
        var nationalities = new List<string>();
        var titles = new List<string>();
        var addresses = new List<Address>();
        var identifiers = new List<Identifier>();
        var programs = new List<string>();
        var remarks = new List<string>();
        var other = new List<KeyValuePair<string, string>>();
        PartialDate? listedOn = null;

        void AddOther(string key, string? value)
        {
            if (value is not null && !other.Contains(new(key, value)))
            {
                other.Add(new(key, value));
            }
        }

        foreach (var row in rows)
        {
            var name = NameOf(row, kind);
            if (name is not null && !names.Any(n => n.Full == name.Full))
            {
                names.Add(name);
            }

            if (Date(row.Fields[7], file, row.Line, "DOB") is { } dob && !birthDates.Any(b => b.From == dob))
            {
                birthDates.Add(BirthDate.Exact(dob, row[7]));
            }

            if (SourceText.Join(", ", row[8], row[9]) is { } pob && !birthPlaces.Contains(pob))
            {
                birthPlaces.Add(pob);
            }

            if (row[10] is { } nationality)
            {
                nationalities.AddRange(Nationalities.Resolve(nationality).Where(c => !nationalities.Contains(c)));

                // The qualifiers ("citizenship withdrawn in 2002") matter: the text is kept as published.
                AddOther("Nationality", nationality);
            }

            foreach (var t in new[] { row[6], row[13] })
            {
                if (t is not null && !titles.Contains(t))
                {
                    titles.Add(t);
                }
            }

            Documents(row[11], IdentifierKind.Passport, "Passport Details", identifiers);
            Documents(row[12], IdentifierKind.NationalId, "NI Number", identifiers);

            var lines = Enumerable.Range(14, 6).Select(i => row[i]).Where(l => l is not null).Cast<string>().ToList();
            var country = row[21];
            if (lines.Count > 0 || row[20] is not null || country is not null)
            {
                var address = new Address
                {
                    Lines = lines,
                    PostalCode = row[20],
                    Country = Nationalities.Resolve(country).FirstOrDefault(),
                    CountryName = country,
                };
                if (!addresses.Any(a => a.ToString() == address.ToString()))
                {
                    addresses.Add(address);
                }
            }

            if (row[22] is { } info && !remarks.Contains(info))
            {
                remarks.Add(info);
            }

            if (row[25] is { } regime && !programs.Contains(regime))
            {
                programs.Add(regime);
            }

            if (Date(row.Fields[26], file, row.Line, "Listed On") is { } listed && (listedOn is null || listed < listedOn))
            {
                listedOn = listed;
            }

            _ = Date(row.Fields[27], file, row.Line, "Last Updated");
            AddOther("Last Updated", row[27]);
        }

        if (names.Count == 0)
        {
            throw new ListFormatException(file.Name, $"Group ID {groupId} has no name in any row", first.Line, "Name 6");
        }

        // The prime alias leads; further prime aliases are the publisher's other main spellings.
        names = [.. names.Where(n => n.Type == NameType.Primary), .. names.Where(n => n.Type != NameType.Primary)];

        return new Entity
        {
            Id = $"{context.ListId}:{groupId}",
            ListId = context.ListId,
            NativeId = groupId,
            Kind = kind,
            Names = names,
            BirthDates = birthDates,
            BirthPlaces = birthPlaces,
            Nationalities = nationalities,
            Titles = titles,
            Addresses = addresses,
            Identifiers = identifiers,
            Programs = programs,
            ListedOn = listedOn,
            Remarks = remarks.Count == 0 ? null : string.Join("\n", remarks),
            Other = other,
        };
    }

    private static EntityName? NameOf(Row row, EntityKind kind)
    {
        var family = row[0];
        var given = SourceText.Join(" ", row[1], row[2], row[3], row[4], row[5]);
        var full = SourceText.Join(" ", given, family);
        if (full is null)
        {
            return null;
        }

        var type = row[24]?.ToLowerInvariant() switch
        {
            "fka" => NameType.Fka,
            "aka" => NameType.Aka,
            _ => NameType.Primary,
        };

        return new EntityName
        {
            Full = full,
            Type = type,
            Given = kind == EntityKind.Person ? given : null,
            Family = kind == EntityKind.Person ? family : null,
            Script = Scripts.Detect(full),
        };
    }

    /// <summary>
    /// OFSI writes documents as prose ("P229856 (Tunisian). Issued on 1 Nov 2002, expires on 31 Oct 2007"). Each number
    /// found becomes an identifier carrying the whole text as its note; text without a number is kept as the value.
    /// </summary>
    private static void Documents(string? text, IdentifierKind kind, string label, List<Identifier> identifiers)
    {
        if (text is null)
        {
            return;
        }

        var numbers = DocumentNumber().Matches(text).Select(m => m.Value.TrimEnd('.')).Where(n => !DateLike().IsMatch(n)).Distinct().ToList();
        if (numbers.Count == 0)
        {
            numbers.Add(text);
        }

        foreach (var n in numbers)
        {
            if (!identifiers.Any(i => i.Label == label && i.Value == n))
            {
                identifiers.Add(new Identifier { Kind = kind, Label = label, Value = n, Note = n == text ? null : text });
            }
        }
    }
}
