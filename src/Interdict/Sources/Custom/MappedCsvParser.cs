using System.Security.Cryptography;
using System.Text;
using Interdict.Model;

namespace Interdict.Sources.Custom;

/// <summary>
/// Reads a firm's own list (an internal blocklist) from any UTF-8 CSV with a header row, through a
/// <see cref="CsvColumnMapping"/>. Entity ids are <c>&lt;list&gt;:&lt;id column&gt;</c>; without an id column, the
/// first 16 hex digits of the SHA-256 of the upper-cased, space-collapsed name, so that an entry keeps its id from
/// one import to the next for as long as its name is spelled the same.
/// </summary>
public sealed class MappedCsvParser : IListParser
{
    /// <summary>The format name `import --format` takes; it needs a mapping, so it is not in the catalog's registry.</summary>
    public const string FormatName = "csv";

    private readonly CsvColumnMapping _mapping;

    public MappedCsvParser(CsvColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        _mapping = mapping;
    }

    public string Format => FormatName;

    /// <summary>The id of an entry without an id column: a hash of its name.</summary>
    public static string NativeIdOf(string name)
    {
        var key = (SourceText.Clean(name) ?? "").ToUpperInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);
        var seen = new Dictionary<string, (string File, long Line)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var e in ParseFile(file, context, seen))
            {
                yield return e;
            }
        }
    }

    private IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context, Dictionary<string, (string File, long Line)> seen)
    {
        (MappedField Field, int Index)[]? columns = null;
        var width = 0;
        foreach (var record in CsvSource.Read(file, CsvSource.StrictUtf8))
        {
            if (columns is null)
            {
                columns = Resolve(file, record);
                width = record.Fields.Length;
                continue;
            }

            // Spreadsheets export trailing rows of empty cells; they are not entries.
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Fields.Length != width)
            {
                throw new ListFormatException(file.Name, $"expected {width} fields (as in the header), found {record.Fields.Length}", record.Line);
            }

            var entity = Map(file, record, columns, context);
            if (seen.TryGetValue(entity.Id, out var first))
            {
                var hint = _mapping.Columns.Any(c => c.Field == MappedField.Id) ? "ids must be unique" : "map an id column to tell them apart";
                throw new ListFormatException(file.Name, $"entry {entity.NativeId} ('{entity.PrimaryName.Full}') already appears in {first.File}, line {first.Line}: {hint}", record.Line);
            }

            seen[entity.Id] = (file.Name, record.Line);
            yield return entity;
        }

        if (columns is null)
        {
            throw new ListFormatException(file.Name, "empty file: expected a header row naming the columns", 1);
        }
    }

    private (MappedField Field, int Index)[] Resolve(SourceInput file, CsvRecord header)
    {
        var map = CsvSource.Header(file, header, _mapping.Columns.Select(c => c.Column).Distinct(StringComparer.OrdinalIgnoreCase), "the mapped CSV");
        return _mapping.Columns.Select(c => (c.Field, map[c.Column])).ToArray();
    }

    private Entity Map(SourceInput file, CsvRecord record, (MappedField Field, int Index)[] columns, ParseContext context)
    {
        List<string> Values(MappedField field) => columns.Where(c => c.Field == field)
            .SelectMany(c => record.Fields[c.Index].Split(';'))
            .Select(SourceText.Clean).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        string? Value(MappedField field) => columns.Where(c => c.Field == field).Select(c => SourceText.Clean(record.Fields[c.Index])).FirstOrDefault();
        string Column(MappedField field) => _mapping.Columns.First(c => c.Field == field).Column;

        var name = Value(MappedField.Name) ?? throw new ListFormatException(file.Name, $"empty name (column '{Column(MappedField.Name)}')", record.Line, Column(MappedField.Name));
        var nativeId = columns.Any(c => c.Field == MappedField.Id)
            ? Value(MappedField.Id) ?? throw new ListFormatException(file.Name, $"empty id (column '{Column(MappedField.Id)}') for '{name}'", record.Line, Column(MappedField.Id))
            : NativeIdOf(name);

        var birthDates = new List<BirthDate>();
        foreach (var d in Values(MappedField.Dob))
        {
            birthDates.Add(PartialDate.TryParse(d, out var date)
                ? BirthDate.Exact(date, d)
                : throw new ListFormatException(file.Name, $"'{d}' in column '{Column(MappedField.Dob)}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", record.Line, Column(MappedField.Dob)));
        }

        var other = new List<KeyValuePair<string, string>>();
        var type = Value(MappedField.Type);
        var kind = type?.ToLowerInvariant() switch
        {
            "person" or "individual" => EntityKind.Person,
            "organization" or "organisation" or "entity" or "company" => EntityKind.Organization,
            "vessel" or "ship" => EntityKind.Vessel,
            "aircraft" => EntityKind.Aircraft,

            // Only people are born; an entry with neither a type nor a date of birth is taken for a company, as the
            // Commerce lists are, and says so.
            null => birthDates.Count > 0 ? EntityKind.Person : EntityKind.Organization,
            _ => throw new ListFormatException(file.Name, $"type '{type}' in column '{Column(MappedField.Type)}' is not person, organization, vessel or aircraft", record.Line, Column(MappedField.Type)),
        };
        if (type is null)
        {
            other.Add(new("type", "not stated"));
        }

        List<string> Codes(MappedField field)
        {
            var codes = new List<string>();
            foreach (var v in Values(field))
            {
                if (SourceText.Country(v) is { } code)
                {
                    if (!codes.Contains(code))
                    {
                        codes.Add(code);
                    }
                }
                else
                {
                    other.Add(new(FieldNameOf(field), v));
                    context.Warnings.Add($"{file.Name}, line {record.Line}: {FieldNameOf(field)} '{v}' is not a known country; kept as text");
                }
            }

            return codes;
        }

        var countries = Codes(MappedField.Country);
        var nationalities = Codes(MappedField.Nationality);
        var addressCountry = countries.Count == 1 ? countries[0] : null;
        var addresses = Values(MappedField.Address)
            .Select(a => new Address { Lines = [a], Country = addressCountry, CountryName = Countries.Name(addressCountry) })
            .ToList();
        addresses.AddRange(countries.Where(c => c != addressCountry || addresses.Count == 0).Select(c => new Address { Country = c, CountryName = Countries.Name(c) }));

        var identifiers = new List<Identifier>();
        foreach (var (field, kindOfId, label) in IdentifierFields)
        {
            identifiers.AddRange(Values(field).Select(v => new Identifier { Kind = kindOfId, Label = label, Value = v }));
        }

        var names = new List<EntityName> { new() { Full = name, Script = Scripts.Detect(name) } };
        names.AddRange(Values(MappedField.Alias).Where(a => a != name).Select(a => new EntityName { Full = a, Type = NameType.Aka, Script = Scripts.Detect(a) }));

        return new Entity
        {
            Id = $"{context.ListId}:{nativeId}",
            ListId = context.ListId,
            NativeId = nativeId,
            Kind = kind,
            Names = names,
            BirthDates = birthDates,
            Nationalities = nationalities,
            Addresses = addresses,
            Identifiers = identifiers,
            Programs = Values(MappedField.Program),
            Remarks = Value(MappedField.Remarks),
            Other = other,
        };
    }

    private static string FieldNameOf(MappedField field) => CsvColumnMapping.FieldName(field);

    private static readonly (MappedField Field, IdentifierKind Kind, string Label)[] IdentifierFields =
    [
        (MappedField.Passport, IdentifierKind.Passport, "Passport"),
        (MappedField.NationalId, IdentifierKind.NationalId, "National ID"),
        (MappedField.TaxId, IdentifierKind.TaxId, "Tax ID"),
        (MappedField.Registration, IdentifierKind.Registration, "Registration Number"),
        (MappedField.Imo, IdentifierKind.Imo, "IMO"),
        (MappedField.Bic, IdentifierKind.SwiftBic, "SWIFT/BIC"),
    ];
}
