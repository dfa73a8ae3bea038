namespace Interdict.Model;

/// <summary>What a name is to its entry: the primary name, or an alias of one of the publishers' kinds.</summary>
public enum NameType
{
    Primary,

    /// <summary>Also known as.</summary>
    Aka,

    /// <summary>Formerly known as.</summary>
    Fka,

    /// <summary>Now known as.</summary>
    Nka,
}

/// <summary>
/// OFAC distinguishes strong from weak a.k.a.s (weak ones are broad and "not to be screened on their own");
/// the UN grades aliases Good or Low. Both map here: Good → Strong, Low → Weak.
/// </summary>
public enum AliasStrength
{
    Strong,
    Weak,
}

/// <summary>A name of a listed party, with its structure when the publisher gives it.</summary>
public sealed record EntityName
{
    /// <summary>The whole name as published ("MADURO MOROS, Nicolas").</summary>
    public required string Full { get; init; }

    public NameType Type { get; init; } = NameType.Primary;

    public AliasStrength Strength { get; init; } = AliasStrength.Strong;

    /// <summary>ISO 15924 script code when the name is in an original, non-Latin script ("Cyrl", "Arab", "Hani"); null for Latin.</summary>
    public string? Script { get; init; }

    /// <summary>Given names when the publisher separates them (UN FIRST_NAME, OFAC XML firstName).</summary>
    public string? Given { get; init; }

    /// <summary>Family name(s) when the publisher separates them.</summary>
    public string? Family { get; init; }

    /// <summary>Publisher's note on this name (OFAC alt_remarks, UN alias NOTE).</summary>
    public string? Note { get; init; }

    public override string ToString() => Type == NameType.Primary ? Full : $"{Type.ToString().ToLowerInvariant()} {Full}";
}
