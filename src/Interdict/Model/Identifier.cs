namespace Interdict.Model;

/// <summary>The kinds of identifier that matter to matching; <see cref="Identifier.Label"/> keeps the publisher's own wording.</summary>
public enum IdentifierKind
{
    Other,
    Passport,
    NationalId,
    TaxId,
    Registration,
    Imo,
    Mmsi,
    SwiftBic,
    Lei,
    DigitalCurrencyAddress,
    Email,
    Website,
    Phone,
    CallSign,
    AircraftSerial,
    DrivingLicense,
    BirthCertificate,
    SocialSecurity,
    ResidencyCard,
}

/// <summary>An identifying number or address: a passport, a cedula, an IMO number, a wallet address.</summary>
public sealed record Identifier
{
    public required IdentifierKind Kind { get; init; }

    /// <summary>The publisher's label ("Cedula No.", "Passport", "RIF #", "Digital Currency Address - XBT").</summary>
    public required string Label { get; init; }

    public required string Value { get; init; }

    /// <summary>Issuing country, ISO 3166-1 alpha-2, when resolvable.</summary>
    public string? Country { get; init; }

    /// <summary>Issuing country as written.</summary>
    public string? CountryName { get; init; }

    public PartialDate? IssueDate { get; init; }

    public PartialDate? ExpiryDate { get; init; }

    /// <summary>For digital-currency addresses: the currency code as OFAC writes it (XBT, ETH, USDT, ...).</summary>
    public string? Currency { get; init; }

    public string? Note { get; init; }

    public override string ToString() => CountryName is null && Country is null ? $"{Label} {Value}" : $"{Label} {Value} ({CountryName ?? Country})";
}
