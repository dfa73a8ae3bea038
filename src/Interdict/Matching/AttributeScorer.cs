using System.Globalization;
using Interdict.Model;

namespace Interdict.Matching;

/// <summary>The non-name facts of a record, prepared once for comparison.</summary>
internal sealed class RecordFacts
{
    public EntityKind? Kind { get; init; }

    public IReadOnlyList<BirthDate> BirthDates { get; init; } = [];

    public IReadOnlySet<string> Countries { get; init; } = new HashSet<string>();

    public Gender? Gender { get; init; }

    public IReadOnlyList<(IdentifierKind Kind, string? Country, string Value, string Label)> Identifiers { get; init; } = [];

    public static RecordFacts From(ScreeningQuery q) => new()
    {
        Kind = q.Kind,
        BirthDates = q.BirthDates,
        Countries = q.Countries.Select(Country).OfType<string>().ToHashSet(StringComparer.Ordinal),
        Gender = q.Gender,
        Identifiers = q.Identifiers.Select(Id).Where(i => i.Value.Length > 0).ToList(),
    };

    public static RecordFacts From(Entity e)
    {
        var countries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in e.Nationalities.Concat(e.Citizenships))
        {
            if (Country(c) is { } code)
            {
                countries.Add(code);
            }
        }

        foreach (var a in e.Addresses)
        {
            if (Country(a.Country) is { } code)
            {
                countries.Add(code);
            }
        }

        if (Country(e.Vessel?.Flag) is { } flag)
        {
            countries.Add(flag);
        }

        return new RecordFacts
        {
            Kind = e.Kind,
            BirthDates = e.BirthDates,
            Countries = countries,
            Gender = e.Gender,
            Identifiers = e.Identifiers.Select(Id).Where(i => i.Value.Length > 0).ToList(),
        };
    }

    // The model stores ISO alpha-2 codes; anything else (a name the parser could not resolve) cannot be compared.
    private static string? Country(string? c) =>
        c is not null && c.Trim() is { Length: 2 } code ? code.ToUpperInvariant() : null;

    private static (IdentifierKind Kind, string? Country, string Value, string Label) Id(Identifier i) =>
        (i.Kind, Country(i.Country), NormalizeId(i.Value), i.Label);

    /// <summary>Identifier values compare without spaces, dashes, dots or case ("AB-123 456" = "ab123456").</summary>
    public static string NormalizeId(string value)
    {
        Span<char> buf = value.Length <= 128 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                buf[n++] = char.ToUpperInvariant(c);
            }
        }

        return new string(buf[..n]);
    }
}

/// <summary>
/// What record attributes add to or take from a name score. The effects are additive on the final score so that an
/// exact name with a matching date of birth ranks above the bare name, and that above the name with a conflicting one.
/// </summary>
internal static class AttributeScorer
{
    public const double DobExact = 0.06;
    public const double DobMonth = 0.04;
    public const double DobYear = 0.03;
    public const double DobDayMonthOnly = -0.08;
    public const double DobConflict = -0.25;
    public const double CountryMatch = 0.02;
    public const double CountryConflict = -0.04;
    public const double GenderMatch = 0.01;
    public const double GenderConflict = -0.15;
    public const double IdentifierMatch = 0.20;
    public const double IdentifierConflict = -0.25;

    /// <summary>The most the attributes of this query can add for a candidate found by name (identifier matches are found separately).</summary>
    public static double MaxBonusWithoutIdentifiers(RecordFacts q) =>
        (q.BirthDates.Count > 0 ? DobExact : 0) + (q.Countries.Count > 0 ? CountryMatch : 0) + (q.Gender is not null ? GenderMatch : 0);

    public static double Evaluate(RecordFacts q, RecordFacts c, List<AttributeEvidence>? explain)
    {
        var total = 0.0;
        total += Kind(q, c, explain);
        total += BirthDates(q, c, explain);
        total += Countries(q, c, explain);
        total += Genders(q, c, explain);
        total += Identifiers(q, c, explain);
        return total;
    }

    private static double Kind(RecordFacts q, RecordFacts c, List<AttributeEvidence>? explain)
    {
        if (q.Kind is not { } a || c.Kind is not { } b || a == b)
        {
            return 0;
        }

        var effect = (a, b) switch
        {
            (EntityKind.Person, EntityKind.Organization) or (EntityKind.Organization, EntityKind.Person) => -0.15,
            (EntityKind.Person, _) or (_, EntityKind.Person) => -0.30,
            (EntityKind.Vessel, EntityKind.Aircraft) or (EntityKind.Aircraft, EntityKind.Vessel) => -0.20,
            _ => -0.10,
        };
        explain?.Add(new AttributeEvidence { Attribute = "kind", Effect = effect, Detail = $"query is {Lower(a)}, listed entry is {Lower(b)}" });
        return effect;
    }

    private static double BirthDates(RecordFacts q, RecordFacts c, List<AttributeEvidence>? explain)
    {
        if (q.BirthDates.Count == 0 || c.BirthDates.Count == 0)
        {
            return 0;
        }

        var best = double.NegativeInfinity;
        string detail = "";
        foreach (var a in q.BirthDates)
        {
            foreach (var b in c.BirthDates)
            {
                var (effect, what) = Compare(a, b);
                if (effect > best)
                {
                    best = effect;
                    detail = $"{what}: query {a}, listed {b}";
                }
            }
        }

        explain?.Add(new AttributeEvidence { Attribute = "birth_date", Effect = best, Detail = detail });
        return best;
    }

    private static (double Effect, string What) Compare(BirthDate a, BirthDate b)
    {
        var (aLo, aHi) = a.Bounds();
        var (bLo, bHi) = b.Bounds();
        if (aLo <= bHi && bLo <= aHi)
        {
            if (!a.IsRange && !b.IsRange && !a.Approximate && !b.Approximate)
            {
                if (a.From.Precision == DatePrecision.Day && b.From.Precision == DatePrecision.Day)
                {
                    return (DobExact, "same date of birth");
                }

                if (a.From.Precision >= DatePrecision.Month && b.From.Precision >= DatePrecision.Month)
                {
                    return (DobMonth, "same month of birth");
                }
            }

            return (DobYear, "dates of birth overlap");
        }

        var gap = aHi < bLo ? bLo.DayNumber - aHi.DayNumber : aLo.DayNumber - bHi.DayNumber;
        if (gap <= 366)
        {
            return (0, "dates of birth within a year of each other");
        }

        if (a.From.Precision == DatePrecision.Day && b.From.Precision == DatePrecision.Day && !a.IsRange && !b.IsRange
            && a.From.Month == b.From.Month && a.From.Day == b.From.Day)
        {
            return (DobDayMonthOnly, "same day and month, different year");
        }

        return (DobConflict, "dates of birth conflict");
    }

    private static double Countries(RecordFacts q, RecordFacts c, List<AttributeEvidence>? explain)
    {
        if (q.Countries.Count == 0 || c.Countries.Count == 0)
        {
            return 0;
        }

        var common = q.Countries.Where(c.Countries.Contains).ToList();
        if (common.Count > 0)
        {
            explain?.Add(new AttributeEvidence { Attribute = "country", Effect = CountryMatch, Detail = "shared country " + string.Join(", ", common) });
            return CountryMatch;
        }

        explain?.Add(new AttributeEvidence
        {
            Attribute = "country",
            Effect = CountryConflict,
            Detail = $"query {string.Join(", ", q.Countries.Order(StringComparer.Ordinal))}, listed {string.Join(", ", c.Countries.Order(StringComparer.Ordinal))}",
        });
        return CountryConflict;
    }

    private static double Genders(RecordFacts q, RecordFacts c, List<AttributeEvidence>? explain)
    {
        if (q.Gender is not { } a || c.Gender is not { } b)
        {
            return 0;
        }

        var effect = a == b ? GenderMatch : GenderConflict;
        explain?.Add(new AttributeEvidence { Attribute = "gender", Effect = effect, Detail = a == b ? "same gender" : $"query {Lower(a)}, listed {Lower(b)}" });
        return effect;
    }

    private static double Identifiers(RecordFacts q, RecordFacts c, List<AttributeEvidence>? explain)
    {
        if (q.Identifiers.Count == 0 || c.Identifiers.Count == 0)
        {
            return 0;
        }

        foreach (var a in q.Identifiers)
        {
            foreach (var b in c.Identifiers)
            {
                if (string.Equals(a.Value, b.Value, StringComparison.Ordinal) && Compatible(a.Kind, b.Kind))
                {
                    explain?.Add(new AttributeEvidence { Attribute = "identifier", Effect = IdentifierMatch, Detail = $"same {b.Label} {b.Value}" });
                    return IdentifierMatch;
                }
            }
        }

        foreach (var a in q.Identifiers)
        {
            foreach (var b in c.Identifiers)
            {
                if (a.Kind == b.Kind && Decisive(a.Kind) && (Global(a.Kind) || (a.Country is not null && string.Equals(a.Country, b.Country, StringComparison.Ordinal))))
                {
                    explain?.Add(new AttributeEvidence
                    {
                        Attribute = "identifier",
                        Effect = IdentifierConflict,
                        Detail = $"different {b.Label}{(a.Country is null ? "" : " (" + a.Country + ")")}: query {a.Value}, listed {b.Value}",
                    });
                    return IdentifierConflict;
                }
            }
        }

        return 0;
    }

    private static bool Compatible(IdentifierKind a, IdentifierKind b) => a == b || a == IdentifierKind.Other || b == IdentifierKind.Other;

    private static bool Decisive(IdentifierKind k) => k is IdentifierKind.Passport or IdentifierKind.NationalId or IdentifierKind.TaxId
        or IdentifierKind.Registration or IdentifierKind.Imo or IdentifierKind.Mmsi or IdentifierKind.SwiftBic or IdentifierKind.Lei;

    /// <summary>Numbers with one issuer worldwide: a different one conflicts whatever the country.</summary>
    private static bool Global(IdentifierKind k) => k is IdentifierKind.Imo or IdentifierKind.Mmsi or IdentifierKind.SwiftBic or IdentifierKind.Lei;

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);
}
