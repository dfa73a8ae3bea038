using System.Globalization;
using Interdict.Model;

namespace Interdict.Sources.UkSanctionsList;

/// <summary>
/// Reads the FCDO's UK Sanctions List CSV (<c>UK-Sanctions-List.csv</c>): a first line <c>Report Date: DD-Mon-YYYY</c>,
/// a header of 58 columns, then rows. A designation may take several rows (one per name, address, date of birth...),
/// all with its Unique ID; they become one entity, equal to the one the XML of the same publication gives.
/// </summary>
internal sealed class UkSanctionsListCsvParser : IListParser
{
    private const string What = "a UK Sanctions List CSV";

    internal static readonly string[] Columns =
    [
        "Last Updated", "Unique ID", "OFSI Group ID", "UN Reference Number", "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5",
        "Name type", "Alias strength", "Title", "Name non-latin script", "Non-latin script type", "Non-latin script language", "Regime Name",
        "Designation Type", "Designation source", "Sanctions Imposed", "Other Information", "UK Statement of Reasons", "Address Line 1",
        "Address Line 2", "Address Line 3", "Address Line 4", "Address Line 5", "Address Line 6", "Address Postal Code", "Address Country",
        "Phone number", "Website", "Email address", "Date Designated", "D.O.B", "Nationality(/ies)", "National Identifier number",
        "National Identifier additional information", "Passport number", "Passport additional information", "Position", "Gender",
        "Town of birth", "Country of birth", "Type of entity", "Subsidiaries", "Parent company", "Business registration number (s)",
        "IMO number", "Current owner/operator (s)", "Previous owner/operator (s)", "Current believed flag of ship", "Previous flags",
        "Type of ship", "Tonnage of ship", "Length of ship", "Year Built", "Hull identification number (HIN)",
    ];

    public string Format => "uk-sanctions-list-csv";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context) => EachFile.Parse(files, context, ParseFile);

    private sealed record Row(string[] Fields, long Line)
    {
        public string? this[int column] => SourceText.Clean(Fields[column]);

        public string Raw(int column) => Fields[column];
    }

    private static IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context)
    {
        // Rows of one designation are gathered first: the publisher does not promise they are adjacent.
        var designations = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        var stage = 0;
        foreach (var record in CsvSource.Read(file, CsvSource.StrictUtf8))
        {
            if (stage == 0)
            {
                context.Published = ReportDate(file, record);
                stage = 1;
                continue;
            }

            if (stage == 1)
            {
                Header(file, record);
                stage = 2;
                continue;
            }

            if (record.Fields.Length != Columns.Length)
            {
                throw new ListFormatException(file.Name, $"expected {Columns.Length} fields, found {record.Fields.Length}", record.Line);
            }

            var id = SourceText.Clean(record.Fields[1]) ?? throw new ListFormatException(file.Name, "row without Unique ID", record.Line, "Unique ID");
            if (!designations.TryGetValue(id, out var rows))
            {
                rows = [];
                designations[id] = rows;
            }

            rows.Add(new Row(record.Fields, record.Line));
        }

        if (stage < 2)
        {
            throw new ListFormatException(file.Name, stage == 0 ? $"empty file: not {What}" : "no header line after 'Report Date'", 1);
        }

        foreach (var (id, rows) in designations)
        {
            yield return Map(id, rows, file, context);
        }
    }

    private static DateTimeOffset ReportDate(SourceInput file, CsvRecord record)
    {
        const string Prefix = "Report Date:";
        var first = record.Fields.Length == 0 ? "" : record.Fields[0].TrimStart('\uFEFF').Trim();
        if (!first.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ListFormatException(file.Name, $"not {What}: the first line must be 'Report Date: DD-Mon-YYYY'", record.Line);
        }

        var text = first[Prefix.Length..].Trim();
        if (!DateTime.TryParseExact(text, ["dd-MMM-yyyy", "d-MMM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new ListFormatException(file.Name, $"Report Date '{text}' is not a date (DD-Mon-YYYY)", record.Line);
        }

        return new DateTimeOffset(day.Year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero);
    }

    private static void Header(SourceInput file, CsvRecord record)
    {
        var map = CsvSource.Header(file, record, Columns, What);
        for (var i = 0; i < Columns.Length; i++)
        {
            if (map[Columns[i]] != i)
            {
                throw new ListFormatException(file.Name, $"not {What}: column {i + 1} is '{record.Fields[i]}', expected '{Columns[i]}'", record.Line);
            }
        }
    }

    private static Entity Map(string id, List<Row> rows, SourceInput file, ParseContext context)
    {
        // Errors name the row being read and the column that was wrong.
        var line = rows[0].Line;
        var d = new UkDesignation(id, (column, reason) => new ListFormatException(file.Name, $"Unique ID {id}: {reason}", line, column));

        void Each(Action<Row> read)
        {
            foreach (var r in rows)
            {
                line = r.Line;
                read(r);
            }
        }

        // Read field by field in the XML's order, so that both formats list values in the same order.
        Each(r => d.Kind(r[17], "Designation Type"));
        Each(r => d.Dates(r[33], r[0], "Date Designated", "Last Updated"));
        Each(r => d.Facts(r[2], r[3], r[16], r[18], r[19], r.Raw(20), r[21]));
        Each(r => d.Name([r[5], r[6], r[7], r[8], r[9], r[4]], r[12], r[10], r[11], "Name"));
        Each(r => d.NonLatinName(r[13], r[14], r[15]));
        Each(r => d.Address([r[22], r[23], r[24], r[25], r[26], r[27]], r[28], r[29]));
        Each(r => d.Contact(IdentifierKind.Phone, "Phone number", r[30]));
        Each(r => d.Contact(IdentifierKind.Email, "Email address", r[32]));
        Each(r => d.Contact(IdentifierKind.Website, "Website", r[31]));
        Each(r => d.BirthDate(r[34], "D.O.B"));
        Each(r => d.Gender(r[41], "Gender"));
        Each(r => d.Document(IdentifierKind.Passport, "Passport number", r.Raw(38), r[39], context, $"{file.Name}: Unique ID {id}, line {r.Line}"));
        Each(r => d.Document(IdentifierKind.NationalId, "National Identifier number", r.Raw(36), r[37], context, $"{file.Name}: Unique ID {id}, line {r.Line}"));
        Each(r => d.Nationality(r[35]));
        Each(r => d.Position(r[40]));
        Each(r => d.BirthPlace(r[42], r[43]));
        Each(r => d.EntityType(r[44]));
        Each(r => d.Related("Subsidiary", r[45]));
        Each(r => d.Related("Parent company", r[46]));
        Each(r => d.Registration(r[47]));
        Each(r => d.Imo(r[48], "IMO number"));
        Each(r => d.Ship(r[49], r[50], r[51], r[52], r[53], r[54], r[55], r[56], r[57]));
        line = rows[0].Line;
        return d.Build(context, "Unique ID");
    }
}
