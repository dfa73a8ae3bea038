using Interdict.Model;

namespace Interdict.Sources.Ftm;

/// <summary>How the model's kinds and identifier kinds map to FollowTheMoney schemata and properties.</summary>
internal static class FtmSchema
{
    public static string Of(EntityKind kind) => kind switch
    {
        EntityKind.Person => "Person",
        EntityKind.Vessel => "Vessel",
        EntityKind.Aircraft => "Airplane",
        _ => "Organization",
    };

    /// <summary>The kind for a matchable FtM schema, or null for schemata that describe no screenable party.</summary>
    public static EntityKind? KindOf(string schema) => schema switch
    {
        "Person" => EntityKind.Person,
        "Organization" or "Company" or "LegalEntity" or "PublicBody" => EntityKind.Organization,
        "Vessel" => EntityKind.Vessel,
        "Airplane" => EntityKind.Aircraft,
        _ => null,
    };

    public static string PropertyOf(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Passport => "passportNumber",
        IdentifierKind.TaxId => "taxNumber",
        IdentifierKind.Registration => "registrationNumber",
        IdentifierKind.Imo => "imoNumber",
        IdentifierKind.Mmsi => "mmsi",
        IdentifierKind.SwiftBic => "swiftBic",
        IdentifierKind.Lei => "leiCode",
        IdentifierKind.Email => "email",
        IdentifierKind.Website => "website",
        IdentifierKind.Phone => "phone",
        IdentifierKind.CallSign => "callSign",
        IdentifierKind.AircraftSerial => "serialNumber",
        _ => "idNumber",
    };

    /// <summary>Identifier properties read back, with the kind and the label they get.</summary>
    public static readonly IReadOnlyDictionary<string, (IdentifierKind Kind, string Label)> IdentifierProperties =
        new Dictionary<string, (IdentifierKind, string)>(StringComparer.Ordinal)
        {
            ["idNumber"] = (IdentifierKind.Other, "ID number"),
            ["passportNumber"] = (IdentifierKind.Passport, "Passport"),
            ["taxNumber"] = (IdentifierKind.TaxId, "Tax number"),
            ["registrationNumber"] = (IdentifierKind.Registration, "Registration number"),
            ["innCode"] = (IdentifierKind.TaxId, "INN"),
            ["ogrnCode"] = (IdentifierKind.Registration, "OGRN"),
            ["vatCode"] = (IdentifierKind.TaxId, "VAT"),
            ["imoNumber"] = (IdentifierKind.Imo, "IMO"),
            ["mmsi"] = (IdentifierKind.Mmsi, "MMSI"),
            ["swiftBic"] = (IdentifierKind.SwiftBic, "SWIFT/BIC"),
            ["leiCode"] = (IdentifierKind.Lei, "LEI"),
            ["email"] = (IdentifierKind.Email, "Email"),
            ["website"] = (IdentifierKind.Website, "Website"),
            ["phone"] = (IdentifierKind.Phone, "Phone"),
            ["icaoCode"] = (IdentifierKind.Other, "ICAO"),
            ["socialSecurityNumber"] = (IdentifierKind.SocialSecurity, "Social security number"),
        };
}
