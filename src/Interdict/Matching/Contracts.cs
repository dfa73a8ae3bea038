using Interdict.Model;

namespace Interdict.Matching;

/// <summary>What is screened: a name (with optional aliases) and whatever else the customer record gives.</summary>
public sealed record ScreeningQuery
{
    public required string Name { get; init; }

    /// <summary>Further names of the same party (aliases, original-script spellings).</summary>
    public IReadOnlyList<string> OtherNames { get; init; } = [];

    public EntityKind? Kind { get; init; }

    public IReadOnlyList<BirthDate> BirthDates { get; init; } = [];

    /// <summary>Countries connected to the party (nationality, residence, registration), ISO alpha-2.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public Gender? Gender { get; init; }

    public IReadOnlyList<Identifier> Identifiers { get; init; } = [];
}

/// <summary>Limits of one screening call.</summary>
public sealed record ScreeningOptions
{
    /// <summary>
    /// The product's default threshold; docs/quality.md gives the precision and recall measured at it. Chosen in
    /// docs/matching.md: an exact name alone scores 0.90, and at 0.76 a first sweep on the SDN list found 84% of
    /// heavily damaged list names while alerting on 0.8% of synthetic (unlisted) customers.
    /// </summary>
    public const double DefaultThreshold = 0.76;

    public double Threshold { get; init; } = DefaultThreshold;

    public int Limit { get; init; } = 10;

    /// <summary>Only these lists (null = all).</summary>
    public IReadOnlySet<string>? Lists { get; init; }

    /// <summary>Only this kind of entity (null = any).</summary>
    public EntityKind? Kind { get; init; }
}
