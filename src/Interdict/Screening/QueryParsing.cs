using System.Globalization;
using Interdict.Model;

namespace Interdict.Screening;

/// <summary>Reads the loosely typed fields customers send (type, dob, country) into the model, with clear errors.</summary>
public static class QueryParsing
{
    public static EntityKind? ParseKind(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "person" or "individual" => EntityKind.Person,
        "organization" or "organisation" or "entity" or "company" or "legalentity" => EntityKind.Organization,
        "vessel" => EntityKind.Vessel,
        "aircraft" or "airplane" => EntityKind.Aircraft,
        _ => throw new FormatException($"type '{s}' is not one of person, organization, vessel, aircraft"),
    };

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    public static BirthDate? ParseDob(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        return PartialDate.TryParse(s, out var d)
            ? BirthDate.Exact(d, s.Trim())
            : throw new FormatException($"dob '{s}' is not YYYY, YYYY-MM or YYYY-MM-DD");
    }

    /// <summary>ISO 3166-1 alpha-2 (any case) or a country name the lists use.</summary>
    public static string? ParseCountry(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        var t = s.Trim();
        if (t.Length == 2 && char.IsAsciiLetter(t[0]) && char.IsAsciiLetter(t[1]))
        {
            return t.ToUpperInvariant();
        }

        return Countries.Resolve(t) ?? throw new FormatException($"country '{s}' is not an ISO 3166-1 alpha-2 code or a known country name");
    }

    public static string Invariant(double d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}
