namespace Interdict.Model;

public enum EntityKind
{
    Person,
    Organization,
    Vessel,
    Aircraft,
}

public enum Gender
{
    Male,
    Female,
}

public sealed record VesselInfo
{
    public string? CallSign { get; init; }
    public string? Type { get; init; }
    public string? Tonnage { get; init; }
    public string? GrossRegisteredTonnage { get; init; }

    /// <summary>Flag state, ISO alpha-2 when resolvable.</summary>
    public string? Flag { get; init; }
    public string? FlagName { get; init; }
    public string? Owner { get; init; }
    public string? BuildYear { get; init; }
}

public sealed record AircraftInfo
{
    public string? Model { get; init; }
    public string? Manufacturer { get; init; }
    public string? Operator { get; init; }
    public string? SerialNumber { get; init; }
    public string? TailNumber { get; init; }
    public string? ConstructionDate { get; init; }
}

/// <summary>A relation the publisher states between two entries ("Linked To: MADURO MOROS, Nicolas").</summary>
public sealed record EntityLink
{
    /// <summary>The relation as published ("Linked To", "Associate Of", "Owned or Controlled By").</summary>
    public required string Relation { get; init; }

    /// <summary>The other party's name as published.</summary>
    public required string TargetName { get; init; }

    /// <summary>The other entry's id when the source links by id (XML formats); otherwise resolved later by name.</summary>
    public string? TargetId { get; init; }
}

/// <summary>
/// One listed party as one publication states it. Everything the publisher says is kept: several dates of
/// birth, year-only dates, names in original script, weak aliases, the raw remarks.
/// </summary>
public sealed record Entity
{
    /// <summary>"&lt;list&gt;:&lt;native id&gt;", e.g. "ofac-sdn:22790", "un-sc:QDi.001".</summary>
    public required string Id { get; init; }

    /// <summary>The list id ("ofac-sdn", "ofac-cons", "un-sc").</summary>
    public required string ListId { get; init; }

    /// <summary>The publisher's own identifier (ent_num, REFERENCE_NUMBER).</summary>
    public required string NativeId { get; init; }

    public required EntityKind Kind { get; init; }

    /// <summary>The primary name first, then aliases in publication order.</summary>
    public required IReadOnlyList<EntityName> Names { get; init; }

    public IReadOnlyList<BirthDate> BirthDates { get; init; } = [];

    public IReadOnlyList<string> BirthPlaces { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public IReadOnlyList<string> Nationalities { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public IReadOnlyList<string> Citizenships { get; init; } = [];

    public Gender? Gender { get; init; }

    /// <summary>Titles and positions ("President of the Bolivarian Republic of Venezuela").</summary>
    public IReadOnlyList<string> Titles { get; init; } = [];

    public IReadOnlyList<Address> Addresses { get; init; } = [];

    public IReadOnlyList<Identifier> Identifiers { get; init; } = [];

    /// <summary>Program codes as published ("RUSSIA-EO14024", "SDGT"; UN regimes such as "Al-Qaida").</summary>
    public IReadOnlyList<string> Programs { get; init; } = [];

    public PartialDate? ListedOn { get; init; }

    /// <summary>The remarks exactly as published (OFAC remarks with their comments continuation, UN COMMENTS1).</summary>
    public string? Remarks { get; init; }

    public VesselInfo? Vessel { get; init; }

    public AircraftInfo? Aircraft { get; init; }

    public IReadOnlyList<EntityLink> Links { get; init; } = [];

    /// <summary>Further publisher facts with no field of their own ("Additional Sanctions Information", "Organization Established Date").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Other { get; init; } = [];

    public EntityName PrimaryName => Names[0];

    public override string ToString() => $"{Id} {PrimaryName.Full}";
}
