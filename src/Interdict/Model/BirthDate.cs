namespace Interdict.Model;

/// <summary>
/// One date of birth as the publisher states it: an exact or partial date, a range ("BETWEEN 1950 AND 1955",
/// OFAC's "1958 to 1960"), and whether it is approximate ("circa"). Entries often carry several.
/// </summary>
public sealed record BirthDate
{
    /// <summary>The date for a single value, or the start of a range.</summary>
    public required PartialDate From { get; init; }

    /// <summary>End of a range; null for a single value.</summary>
    public PartialDate? To { get; init; }

    public bool Approximate { get; init; }

    /// <summary>The text as published ("circa 1962", "23 Nov 1962"), kept for the analyst.</summary>
    public string? Raw { get; init; }

    public bool IsRange => To is not null;

    public static BirthDate Exact(PartialDate d, string? raw = null) => new() { From = d, Raw = raw };

    public static BirthDate Between(PartialDate from, PartialDate to, string? raw = null) => new() { From = from, To = to, Raw = raw };

    /// <summary>Earliest and latest day this birth date can denote (approximate widens by a year each side).</summary>
    public (DateOnly Earliest, DateOnly Latest) Bounds()
    {
        var lo = From.Earliest;
        var hi = (To ?? From).Latest;
        return Approximate ? (lo.AddYears(-1), hi.AddYears(1)) : (lo, hi);
    }

    public override string ToString()
    {
        var s = To is { } to ? $"{From} to {to}" : From.ToString();
        return Approximate ? "circa " + s : s;
    }
}
