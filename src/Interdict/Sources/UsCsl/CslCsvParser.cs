using System.Text.RegularExpressions;
using Interdict.Model;

namespace Interdict.Sources.UsCsl;

/// <summary>
/// Reads the US Consolidated Screening List CSV (<c>consolidated.csv</c> from data.trade.gov), which aggregates the
/// lists of Commerce (DPL, Entity List, UVL, MEU), State (ISN, DTC) and Treasury (SDN, SSI, CAPTA, CMIC, ...).
/// A party on several Treasury lists appears once per list with the same <c>_id</c> on consecutive rows; those rows
/// become one entity whose <c>source</c> entries name every list.
/// </summary>
public sealed partial class CslCsvParser : IListParser
{
    private const string What = "a US Consolidated Screening List CSV";

    private static readonly string[] Columns =
    [
        "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses", "federal_register_notice", "start_date",
        "end_date", "standard_order", "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
        "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
        "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids",
    ];

    // Columns kept verbatim under their own name in Entity.Other.
    private static readonly string[] Verbatim =
    [
        "source", "entity_number", "federal_register_notice", "end_date", "standard_order", "license_requirement", "license_policy",
        "source_list_url", "source_information_url",
    ];

    public string Format => "us-csl-csv";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context) => EachFile.Parse(files, context, ParseFile);

    private static IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context)
    {
        Dictionary<string, int>? header = null;
        Entity? pending = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in CsvSource.Read(file, CsvSource.StrictUtf8))
        {
            if (header is null)
            {
                header = CsvSource.Header(file, record, Columns, What);
                continue;
            }

            if (record.Fields.Length != header.Count)
            {
                throw new ListFormatException(file.Name, $"expected {header.Count} fields, found {record.Fields.Length}", record.Line);
            }

            var entity = Map(new Row(record, header), file, context);
            if (pending is not null && pending.Id == entity.Id)
            {
                pending = Merge(pending, entity);
                continue;
            }

            if (pending is not null)
            {
                yield return pending;
            }

            if (!seen.Add(entity.Id))
            {
                throw new ListFormatException(file.Name, $"_id {entity.NativeId} appears again apart from its first rows", record.Line);
            }

            pending = entity;
        }

        if (header is null)
        {
            throw new ListFormatException(file.Name, $"empty file: not {What}", 1);
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    private readonly struct Row(CsvRecord record, Dictionary<string, int> header)
    {
        public long Line => record.Line;

        public string? this[string column] => SourceText.Clean(record.Fields[header[column]]);

        public string[] List(string column) =>
            (this[column] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static Entity Map(Row row, SourceInput file, ParseContext context)
    {
        var id = row["_id"] ?? throw new ListFormatException(file.Name, "row without _id", row.Line);
        var name = row["name"] ?? throw new ListFormatException(file.Name, $"_id {id}: row without name", row.Line);
        var type = row["type"];
        var other = new List<KeyValuePair<string, string>>();
        var kind = type?.ToLowerInvariant() switch
        {
            "individual" => EntityKind.Person,
            "entity" => EntityKind.Organization,
            "vessel" => EntityKind.Vessel,
            "aircraft" => EntityKind.Aircraft,

            // Commerce and State lists do not say; most of their parties are companies.
            null => EntityKind.Organization,
            _ => throw new ListFormatException(file.Name, $"_id {id}: unknown type '{type}'", row.Line),
        };
        if (type is null)
        {
            other.Add(new("type", "not stated"));
        }

        foreach (var column in Verbatim)
        {
            if (row[column] is { } v)
            {
                other.Add(new(column, v));
            }
        }

        var names = new List<EntityName> { PrimaryName(name, kind) };
        names.AddRange(row.List("alt_names").Where(n => n != name).Distinct().Select(n => new EntityName { Full = n, Type = NameType.Aka, Script = Scripts.Detect(n) }));

        var birthDates = new List<BirthDate>();
        foreach (var d in row.List("dates_of_birth"))
        {
            if (BirthDateOf(d) is { } bd)
            {
                birthDates.Add(bd);
            }
            else
            {
                other.Add(new("dates_of_birth", d));
            }
        }

        var identifiers = new List<Identifier>();
        Gender? gender = null;
        var aircraft = kind == EntityKind.Aircraft ? new AircraftInfo() : null;
        foreach (var raw in row.List("ids"))
        {
            Id(raw, identifiers, other, ref gender, ref aircraft);
        }

        if (kind == EntityKind.Aircraft && aircraft == new AircraftInfo())
        {
            aircraft = null;
        }

        VesselInfo? vessel = null;
        var flag = row["vessel_flag"];
        if (kind == EntityKind.Vessel || row["call_sign"] is not null || row["vessel_type"] is not null || flag is not null)
        {
            vessel = new VesselInfo
            {
                CallSign = row["call_sign"],
                Type = row["vessel_type"],
                Tonnage = row["gross_tonnage"],
                GrossRegisteredTonnage = row["gross_registered_tonnage"],
                Flag = SourceText.Country(flag),
                FlagName = flag,
                Owner = row["vessel_owner"],
            };
            if (vessel.CallSign is { } cs)
            {
                identifiers.Add(new Identifier { Kind = IdentifierKind.CallSign, Label = "Call Sign", Value = cs });
            }
        }

        PartialDate? listedOn = null;
        if (row["start_date"] is { } start)
        {
            listedOn = SourceText.IsoPrefix(start) ?? throw new ListFormatException(file.Name, $"_id {id}: start_date '{start}' is not a date", row.Line);
        }

        var nationalities = Codes(row.List("nationalities"), "nationalities", other, context, file, id);
        var citizenships = Codes(row.List("citizenships"), "citizenships", other, context, file, id);

        return new Entity
        {
            Id = $"{context.ListId}:{id}",
            ListId = context.ListId,
            NativeId = id,
            Kind = kind,
            Names = names,
            BirthDates = birthDates,
            BirthPlaces = row.List("places_of_birth").ToList(),
            Nationalities = nationalities,
            Citizenships = citizenships,
            Gender = gender,
            Titles = row["title"] is { } t ? [t] : [],
            Addresses = row.List("addresses").Select(AddressOf).ToList(),
            Identifiers = identifiers,
            Programs = row.List("programs").ToList(),
            ListedOn = listedOn,
            Remarks = row["remarks"],
            Vessel = vessel,
            Aircraft = aircraft,
            Other = other,
        };
    }

    private static EntityName PrimaryName(string name, EntityKind kind)
    {
        // Treasury writes people "LAST, First"; Commerce and State write them as one string.
        var comma = name.IndexOf(", ", StringComparison.Ordinal);
        return kind == EntityKind.Person && comma > 0 && name.IndexOf(", ", comma + 2, StringComparison.Ordinal) < 0
            ? new EntityName { Full = name, Family = name[..comma], Given = name[(comma + 2)..], Script = Scripts.Detect(name) }
            : new EntityName { Full = name, Script = Scripts.Detect(name) };
    }

    private static List<string> Codes(IEnumerable<string> values, string column, List<KeyValuePair<string, string>> other, ParseContext context, SourceInput file, string id)
    {
        var codes = new List<string>();
        foreach (var v in values)
        {
            if (SourceText.Country(v) is { } c)
            {
                if (!codes.Contains(c))
                {
                    codes.Add(c);
                }
            }
            else
            {
                other.Add(new(column, v));
                context.Warnings.Add($"{file.Name}: _id {id}: {column} '{v}' is not a known country; kept as text");
            }
        }

        return codes;
    }

    /// <summary>"1973-03-25", "1973", "circa 1967", "1958 to 1960".</summary>
    internal static BirthDate? BirthDateOf(string raw)
    {
        var s = raw.Trim();
        var approximate = false;
        if (s.StartsWith("circa ", StringComparison.OrdinalIgnoreCase))
        {
            approximate = true;
            s = s[6..].Trim();
        }

        var to = s.IndexOf(" to ", StringComparison.OrdinalIgnoreCase);
        if (to > 0)
        {
            return PartialDate.TryParse(s.AsSpan(0, to), out var a) && PartialDate.TryParse(s.AsSpan(to + 4), out var b) && a <= b
                ? BirthDate.Between(a, b, raw) with { Approximate = approximate }
                : null;
        }

        return PartialDate.TryParse(s, out var d) ? BirthDate.Exact(d, raw) with { Approximate = approximate } : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    /// <summary>
    /// One "ids" entry: "[country, ][date, [date, ]]value, label". The value itself may contain commas, the label
    /// never does; a two-letter upper-case first part is the issuing country.
    /// </summary>
    private static void Id(string raw, List<Identifier> identifiers, List<KeyValuePair<string, string>> other, ref Gender? gender, ref AircraftInfo? aircraft)
    {
        var parts = raw.Split(", ");
        if (parts.Length < 2)
        {
            other.Add(new("ids", raw));
            return;
        }

        var label = parts[^1].Trim();
        var body = parts[..^1].ToList();
        var kind = IdentifierLabels.Classify(label);
        if (kind is null)
        {
            var value = string.Join(", ", body);
            switch (label)
            {
                case "Gender":
                    gender = value.ToLowerInvariant() switch
                    {
                        "male" => Gender.Male,
                        "female" => Gender.Female,
                        _ => gender,
                    };
                    break;
                case "Aircraft Model" when aircraft is not null:
                    aircraft = aircraft with { Model = aircraft.Model ?? value };
                    break;
                case "Aircraft Operator" when aircraft is not null:
                    aircraft = aircraft with { Operator = aircraft.Operator ?? value };
                    break;
                case "Aircraft Manufacture Date" when aircraft is not null:
                    aircraft = aircraft with { ConstructionDate = aircraft.ConstructionDate ?? value };
                    break;
                case "Aircraft Tail Number" when aircraft is not null:
                    aircraft = aircraft with { TailNumber = aircraft.TailNumber ?? value };
                    identifiers.Add(new Identifier { Kind = IdentifierKind.Registration, Label = label, Value = value });
                    break;
            }

            other.Add(new(label, value));
            return;
        }

        string? country = null;
        if (body.Count >= 2 && body[0].Length == 2 && body[0].All(char.IsAsciiLetterUpper))
        {
            country = body[0];
            body.RemoveAt(0);
        }

        var dates = new List<PartialDate>();
        while (body.Count >= 2 && IsoDate().IsMatch(body[0]) && PartialDate.TryParse(body[0], out var d))
        {
            dates.Add(d);
            body.RemoveAt(0);
        }

        // Two dates are issue and expiry (the later one expires); a lone date is not said to be either.
        PartialDate? issued = null, expires = null;
        string? note = null;
        if (dates.Count == 2)
        {
            (issued, expires) = dates[0] <= dates[1] ? (dates[0], dates[1]) : (dates[1], dates[0]);
        }
        else if (dates.Count == 1)
        {
            note = $"date {dates[0]} (issue or expiry not stated)";
        }

        var number = string.Join(", ", body);
        identifiers.Add(new Identifier
        {
            Kind = kind.Value,
            Label = label,
            Value = number,
            Country = country is null ? null : SourceText.Country(country) ?? country,
            CountryName = country is null ? null : Countries.Name(country) ?? country,
            IssueDate = issued,
            ExpiryDate = expires,
            Currency = IdentifierLabels.Currency(label),
            Note = note,
        });

        if (aircraft is not null && kind == IdentifierKind.AircraftSerial)
        {
            aircraft = aircraft with { SerialNumber = aircraft.SerialNumber ?? number };
        }
    }

    private static Address AddressOf(string raw)
    {
        var parts = raw.Split(", ");
        var last = parts[^1];
        if (parts.Length >= 1 && last.Length == 2 && last.All(char.IsAsciiLetterUpper) && SourceText.Country(last) is { } code)
        {
            var lines = string.Join(", ", parts[..^1]);
            return new Address { Lines = lines.Length == 0 ? [] : [lines], Country = code, CountryName = Countries.Name(code) };
        }

        return new Address { Lines = [raw] };
    }

    /// <summary>Rows of one party on several lists: the same facts, with each list's own source, links and dates.</summary>
    private static Entity Merge(Entity a, Entity b) => a with
    {
        Names = a.Names.Concat(b.Names.Where(n => !a.Names.Any(x => x.Full == n.Full))).ToList(),
        BirthDates = a.BirthDates.Concat(b.BirthDates.Where(d => !a.BirthDates.Contains(d))).ToList(),
        BirthPlaces = a.BirthPlaces.Union(b.BirthPlaces).ToList(),
        Nationalities = a.Nationalities.Union(b.Nationalities).ToList(),
        Citizenships = a.Citizenships.Union(b.Citizenships).ToList(),
        Gender = a.Gender ?? b.Gender,
        Titles = a.Titles.Union(b.Titles).ToList(),
        Addresses = a.Addresses.Concat(b.Addresses.Where(x => !a.Addresses.Any(y => y.ToString() == x.ToString()))).ToList(),
        Identifiers = a.Identifiers.Union(b.Identifiers).ToList(),
        Programs = a.Programs.Union(b.Programs).ToList(),
        ListedOn = a.ListedOn is { } la && b.ListedOn is { } lb ? (la <= lb ? la : lb) : a.ListedOn ?? b.ListedOn,
        Remarks = a.Remarks == b.Remarks || b.Remarks is null ? a.Remarks : a.Remarks is null ? b.Remarks : a.Remarks + "\n" + b.Remarks,
        Vessel = a.Vessel ?? b.Vessel,
        Aircraft = a.Aircraft ?? b.Aircraft,
        Other = a.Other.Union(b.Other).ToList(),
    };
}
