namespace Interdict.Sources.Custom;

/// <summary>The entity fields a column of an own list (an internal blocklist) can be mapped to.</summary>
public enum MappedField
{
    Id,
    Name,
    Alias,
    Type,
    Dob,
    Country,
    Nationality,
    Passport,
    NationalId,
    TaxId,
    Registration,
    Imo,
    Bic,
    Address,
    Program,
    Remarks,
}

/// <summary>
/// Which column of an own CSV holds which field: <c>name=Customer Name,dob=Birth Date,alias=AKA 1,alias=AKA 2</c>.
/// Column names are matched case-insensitively against the header; every field but id, name, type and remarks may be
/// mapped to several columns, and their cells may hold several values separated by ';'.
/// </summary>
public sealed class CsvColumnMapping
{
    private static readonly Dictionary<string, MappedField> FieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = MappedField.Id,
        ["name"] = MappedField.Name,
        ["alias"] = MappedField.Alias,
        ["type"] = MappedField.Type,
        ["dob"] = MappedField.Dob,
        ["country"] = MappedField.Country,
        ["nationality"] = MappedField.Nationality,
        ["passport"] = MappedField.Passport,
        ["national_id"] = MappedField.NationalId,
        ["tax_id"] = MappedField.TaxId,
        ["registration"] = MappedField.Registration,
        ["imo"] = MappedField.Imo,
        ["bic"] = MappedField.Bic,
        ["address"] = MappedField.Address,
        ["program"] = MappedField.Program,
        ["remarks"] = MappedField.Remarks,
    };

    private static readonly HashSet<MappedField> Single = [MappedField.Id, MappedField.Name, MappedField.Type, MappedField.Remarks];

    public CsvColumnMapping(IEnumerable<(MappedField Field, string Column)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns.ToList();
        foreach (var g in Columns.GroupBy(c => c.Field).Where(g => g.Count() > 1 && Single.Contains(g.Key)))
        {
            throw new FormatException($"field '{FieldName(g.Key)}' can be mapped to one column only (got {string.Join(", ", g.Select(c => c.Column))})");
        }

        if (!Columns.Any(c => c.Field == MappedField.Name))
        {
            throw new FormatException("the mapping needs name=<column> (the column holding each entry's name)");
        }
    }

    /// <summary>The field names accepted on the left of '=', in documentation order.</summary>
    public static IEnumerable<string> KnownFields => FieldNames.Keys;

    public IReadOnlyList<(MappedField Field, string Column)> Columns { get; }

    public static string FieldName(MappedField field) => FieldNames.First(kv => kv.Value == field).Key;

    /// <summary>
    /// Reads <c>field=Column</c> pairs separated by commas, from one or several option values. Throws
    /// <see cref="FormatException"/> naming an unknown field or a malformed pair.
    /// </summary>
    public static CsvColumnMapping Parse(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var columns = new List<(MappedField, string)>();
        foreach (var spec in specs)
        {
            foreach (var pair in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == pair.Length - 1)
                {
                    throw new FormatException($"'{pair}' is not field=Column");
                }

                var field = pair[..eq].Trim();
                var column = pair[(eq + 1)..].Trim();
                if (!FieldNames.TryGetValue(field, out var f))
                {
                    throw new FormatException($"unknown field '{field}' in '{pair}' (known: {string.Join(", ", KnownFields)})");
                }

                columns.Add((f, column));
            }
        }

        return new CsvColumnMapping(columns);
    }
}
