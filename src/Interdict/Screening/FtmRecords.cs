using System.Text.Json;
using Interdict.Matching;
using Interdict.Model;

namespace Interdict.Screening;

/// <summary>
/// Reads FollowTheMoney-shaped records ({"schema": "Person", "properties": {"name": [...], ...}}) — the shape yente
/// clients and the `compare` command send — into a query or a candidate entity.
/// </summary>
public static class FtmRecords
{
    public static readonly IReadOnlySet<string> MatchableSchemata = new HashSet<string>(StringComparer.Ordinal)
    {
        "Thing", "LegalEntity", "Person", "Organization", "Company", "PublicBody", "Vessel", "Airplane", "Vehicle",
    };

    public static EntityKind? KindOf(string? schema) => schema switch
    {
        "Person" => EntityKind.Person,
        "Organization" or "Company" or "PublicBody" => EntityKind.Organization,
        "Vessel" => EntityKind.Vessel,
        "Airplane" => EntityKind.Aircraft,
        "LegalEntity" or "Thing" or "Vehicle" or null or "" => null,
        _ => throw new FormatException($"schema '{schema}' is not matchable (use Person, Organization, Company, LegalEntity, Vessel or Airplane)"),
    };

    /// <summary>Reads a "properties" object whose values are a string or a list of strings.</summary>
    public static Dictionary<string, List<string>> ReadProperties(JsonElement properties)
    {
        var d = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return d;
        }

        foreach (var p in properties.EnumerateObject())
        {
            var list = new List<string>();
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in p.Value.EnumerateArray())
                {
                    if (v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
                    {
                        list.Add(v.GetString()!);
                    }
                    else if (v.ValueKind == JsonValueKind.Number)
                    {
                        list.Add(v.GetRawText());
                    }
                }
            }
            else if (p.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.Value.GetString()))
            {
                list.Add(p.Value.GetString()!);
            }
            else if (p.Value.ValueKind == JsonValueKind.Number)
            {
                list.Add(p.Value.GetRawText());
            }

            if (list.Count > 0)
            {
                d[p.Name] = list;
            }
        }

        return d;
    }

    private static IEnumerable<string> Get(Dictionary<string, List<string>> props, params string[] keys) =>
        keys.SelectMany(k => props.TryGetValue(k, out var v) ? v : []);

    /// <summary>All names of the record: name, alias, previousName, and the parts joined when no full name is given.</summary>
    public static List<string> Names(Dictionary<string, List<string>> props)
    {
        var names = Get(props, "name", "alias", "previousName", "weakAlias").Distinct(StringComparer.Ordinal).ToList();
        var first = string.Join(' ', Get(props, "firstName"));
        var middle = string.Join(' ', Get(props, "secondName", "middleName"));
        var father = string.Join(' ', Get(props, "fatherName"));
        var last = string.Join(' ', Get(props, "lastName"));
        var joined = string.Join(' ', new[] { first, middle, father, last }.Where(s => s.Length > 0));
        if (joined.Length > 0 && !names.Contains(joined, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(joined);
        }

        return names;
    }

    public static ScreeningQuery ToQuery(string? schema, Dictionary<string, List<string>> props)
    {
        var names = Names(props);
        if (names.Count == 0)
        {
            throw new FormatException("the record has no name (give properties.name, or firstName/lastName)");
        }

        return new ScreeningQuery
        {
            Name = names[0],
            OtherNames = names.Skip(1).ToList(),
            Kind = KindOf(schema),
            BirthDates = Get(props, "birthDate").Select(s => PartialDate.TryParse(s, out var d) ? BirthDate.Exact(d, s) : null).OfType<BirthDate>().ToList(),
            Countries = Get(props, "nationality", "citizenship", "country", "jurisdiction")
                .Select(c => c.Length == 2 ? c.ToUpperInvariant() : Countries.Resolve(c)).OfType<string>().Distinct().ToList(),
            Gender = Get(props, "gender").Select(g => g.ToLowerInvariant() switch { "male" or "m" => (Gender?)Gender.Male, "female" or "f" => Gender.Female, _ => null }).FirstOrDefault(g => g is not null),
            Identifiers = Identifiers(props).ToList(),
        };
    }

    /// <summary>A candidate record as an entity, so the scorer treats it exactly like a listed entry.</summary>
    public static Entity ToEntity(string id, string? schema, Dictionary<string, List<string>> props)
    {
        var q = ToQuery(schema, props);
        var names = new List<EntityName> { new() { Full = q.Name } };
        names.AddRange(q.OtherNames.Select(n => new EntityName { Full = n, Type = NameType.Aka }));
        return new Entity
        {
            Id = id,
            ListId = "compare",
            NativeId = id,
            Kind = q.Kind ?? EntityKind.Person,
            Names = names,
            BirthDates = q.BirthDates,
            Nationalities = q.Countries,
            Gender = q.Gender,
            Identifiers = q.Identifiers,
        };
    }

    private static IEnumerable<Identifier> Identifiers(Dictionary<string, List<string>> props)
    {
        (string Prop, IdentifierKind Kind)[] map =
        [
            ("passportNumber", IdentifierKind.Passport), ("idNumber", IdentifierKind.NationalId), ("nationalId", IdentifierKind.NationalId),
            ("taxNumber", IdentifierKind.TaxId), ("innCode", IdentifierKind.TaxId), ("registrationNumber", IdentifierKind.Registration),
            ("ogrnCode", IdentifierKind.Registration), ("imoNumber", IdentifierKind.Imo), ("mmsi", IdentifierKind.Mmsi),
            ("swiftBic", IdentifierKind.SwiftBic), ("leiCode", IdentifierKind.Lei), ("email", IdentifierKind.Email),
            ("website", IdentifierKind.Website), ("phone", IdentifierKind.Phone), ("callSign", IdentifierKind.CallSign),
        ];
        foreach (var (prop, kind) in map)
        {
            foreach (var v in Get(props, prop))
            {
                yield return new Identifier { Kind = kind, Label = prop, Value = v };
            }
        }
    }
}
