using Interdict.Model;

namespace Interdict.Sources;

/// <summary>
/// Classifies the labels US lists give their identifying facts ("Passport", "Cedula No.", "NIT #",
/// "Digital Currency Address - XBT", "Vessel Registration Identification"). Labels that state a fact rather than an
/// identifier ("Gender", "Target Type", "Secondary sanctions risk:") give null, so that callers keep them as text.
/// </summary>
internal static class IdentifierLabels
{
    private static readonly (string Needle, IdentifierKind Kind)[] Rules =
    [
        ("digital currency address", IdentifierKind.DigitalCurrencyAddress),
        ("passport", IdentifierKind.Passport),
        ("vessel registration identification", IdentifierKind.Imo),
        ("imo", IdentifierKind.Imo),
        ("mmsi", IdentifierKind.Mmsi),
        ("swift", IdentifierKind.SwiftBic),
        ("legal entity number", IdentifierKind.Lei),
        ("email", IdentifierKind.Email),
        ("website", IdentifierKind.Website),
        ("phone", IdentifierKind.Phone),
        ("call sign", IdentifierKind.CallSign),
        ("aircraft manufacturer's serial", IdentifierKind.AircraftSerial),
        ("aircraft construction number", IdentifierKind.AircraftSerial),
        ("aircraft serial", IdentifierKind.AircraftSerial),
        ("driver", IdentifierKind.DrivingLicense),
        ("birth certificate", IdentifierKind.BirthCertificate),
        ("ssn", IdentifierKind.SocialSecurity),
        ("social security", IdentifierKind.SocialSecurity),
        ("residen", IdentifierKind.ResidencyCard),
        ("tax", IdentifierKind.TaxId),
        ("fiscal", IdentifierKind.TaxId),
        ("r.f.c", IdentifierKind.TaxId),
        ("rfc", IdentifierKind.TaxId),
        ("nit #", IdentifierKind.TaxId),
        ("ruc #", IdentifierKind.TaxId),
        ("rif #", IdentifierKind.TaxId),
        ("v.a.t", IdentifierKind.TaxId),
        ("vat", IdentifierKind.TaxId),
        ("c.u.i.t", IdentifierKind.TaxId),
        ("fein", IdentifierKind.TaxId),
        ("c.i.f", IdentifierKind.TaxId),
        ("nuit", IdentifierKind.TaxId),
        ("registration", IdentifierKind.Registration),
        ("company number", IdentifierKind.Registration),
        ("registry", IdentifierKind.Registration),
        ("chamber of comm", IdentifierKind.Registration),
        ("incorporation", IdentifierKind.Registration),
        ("enterprise number", IdentifierKind.Registration),
        ("business number", IdentifierKind.Registration),
        ("folio mercantil", IdentifierKind.Registration),
        ("matricula mercantil", IdentifierKind.Registration),
        ("c.r. no", IdentifierKind.Registration),
        ("romanian c.r", IdentifierKind.Registration),
        ("gazette", IdentifierKind.Registration),
        ("social credit code", IdentifierKind.Registration),
        ("uscc", IdentifierKind.Registration),
        ("d-u-n-s", IdentifierKind.Registration),
        ("trade license", IdentifierKind.Registration),
        ("license", IdentifierKind.Registration),
        ("national id", IdentifierKind.NationalId),
        ("identification number", IdentifierKind.NationalId),
        ("identity", IdentifierKind.NationalId),
        ("identidad", IdentifierKind.NationalId),
        ("id card", IdentifierKind.NationalId),
        ("id no", IdentifierKind.NationalId),
        ("cedula", IdentifierKind.NationalId),
        ("c.u.r.p", IdentifierKind.NationalId),
        ("curp", IdentifierKind.NationalId),
        ("d.n.i", IdentifierKind.NationalId),
        ("n.i.e", IdentifierKind.NationalId),
        ("c.u.i", IdentifierKind.NationalId),
        ("i.f.e", IdentifierKind.NationalId),
        ("electoral", IdentifierKind.NationalId),
        ("citizen's card", IdentifierKind.NationalId),
        ("cnp", IdentifierKind.NationalId),
        ("tazkira", IdentifierKind.NationalId),
        ("personal id", IdentifierKind.NationalId),
    ];

    // Facts OFAC/CSL file under "ids" that identify nothing; kept as text by the caller.
    private static readonly string[] NotIdentifiers =
    [
        "gender", "additional sanctions information", "secondary sanctions risk", "transactions prohibited", "organization established date",
        "organization type", "target type", "directive", "executive order", "information:", "effective date", "listing date",
        "purchase/sales", "aircraft model", "aircraft manufacture date", "aircraft operator", "former vessel flag", "other vessel flag",
        "other vessel type", "nationality of registration", "registration country", "issuer name", "ifca determination", "caatsa",
        "peesa", "aircraft tail number", "previous aircraft tail number", "vessel year of build",
    ];

    /// <summary>The identifier kind for a label, or null when the label states a fact rather than an identifier.</summary>
    public static IdentifierKind? Classify(string label)
    {
        var l = label.Trim().ToLowerInvariant();
        if (NotIdentifiers.Any(n => l.Contains(n, StringComparison.Ordinal)))
        {
            return null;
        }

        foreach (var (needle, kind) in Rules)
        {
            if (l.Contains(needle, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return IdentifierKind.Other;
    }

    /// <summary>For "Digital Currency Address - XBT": the currency code.</summary>
    public static string? Currency(string label)
    {
        var i = label.LastIndexOf(" - ", StringComparison.Ordinal);
        return i > 0 && label.StartsWith("Digital Currency Address", StringComparison.OrdinalIgnoreCase) ? label[(i + 3)..].Trim() : null;
    }
}
