using System.Collections.Frozen;
using System.Globalization;
using Interdict.Model;

namespace Interdict.Sources.Ofac.Xml;

/// <summary>
/// OFAC's wording shared by its three XML formats: identifier labels ("Cedula No.", "Digital Currency Address - XBT"),
/// party types, scripts and the date shapes it publishes.
/// </summary>
internal static class OfacVocabulary
{
    private static readonly FrozenDictionary<string, IdentifierKind> ExactKinds = new Dictionary<string, IdentifierKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["SWIFT/BIC"] = IdentifierKind.SwiftBic,
        ["MMSI"] = IdentifierKind.Mmsi,
        ["IMO"] = IdentifierKind.Imo,
        ["Vessel Registration Identification"] = IdentifierKind.Imo,
        ["Legal Entity Number"] = IdentifierKind.Lei,
        ["LE Number"] = IdentifierKind.Lei,
        ["Email Address"] = IdentifierKind.Email,
        ["Website"] = IdentifierKind.Website,
        ["Phone Number"] = IdentifierKind.Phone,
        ["Vessel Call Sign"] = IdentifierKind.CallSign,
        ["Other Vessel Call Sign"] = IdentifierKind.CallSign,
        ["Aircraft Serial Identification"] = IdentifierKind.AircraftSerial,
        ["Aircraft Manufacturer’s Serial Number (MSN)"] = IdentifierKind.AircraftSerial,
        ["Aircraft Manufacturer's Serial Number (MSN)"] = IdentifierKind.AircraftSerial,
        ["Aircraft Construction Number (also called L/N or S/N or F/N)"] = IdentifierKind.AircraftSerial,
        ["SSN"] = IdentifierKind.SocialSecurity,
        ["Driver's License No."] = IdentifierKind.DrivingLicense,
        ["Birth Certificate Number"] = IdentifierKind.BirthCertificate,
        ["Residency Number"] = IdentifierKind.ResidencyCard,
        ["Romanian Permanent Resident"] = IdentifierKind.ResidencyCard,
        ["Immigration No."] = IdentifierKind.ResidencyCard,
        ["Public Security and Immigration No."] = IdentifierKind.ResidencyCard,
        ["Cedula No."] = IdentifierKind.NationalId,
        ["National ID No."] = IdentifierKind.NationalId,
        ["D.N.I."] = IdentifierKind.NationalId,
        ["Personal ID Card"] = IdentifierKind.NationalId,
        ["Identification Number"] = IdentifierKind.NationalId,
        ["Kenyan ID No."] = IdentifierKind.NationalId,
        ["Bosnian Personal ID No."] = IdentifierKind.NationalId,
        ["Turkish Identification Number"] = IdentifierKind.NationalId,
        ["C.U.R.P."] = IdentifierKind.NationalId,
        ["Citizen's Card Number"] = IdentifierKind.NationalId,
        ["UAE Identification"] = IdentifierKind.NationalId,
        ["Tazkira National ID Card"] = IdentifierKind.NationalId,
        ["Numero de Identidad"] = IdentifierKind.NationalId,
        ["Moroccan Personal ID No."] = IdentifierKind.NationalId,
        ["CNP (Personal Numerical Code)"] = IdentifierKind.NationalId,
        ["Credencial electoral"] = IdentifierKind.NationalId,
        ["I.F.E."] = IdentifierKind.NationalId,
        ["Electoral Registry No."] = IdentifierKind.NationalId,
        ["National Foreign ID Number"] = IdentifierKind.NationalId,
        ["Stateless Person ID Card"] = IdentifierKind.NationalId,
        ["Refugee ID Card"] = IdentifierKind.NationalId,
        ["N.I.E."] = IdentifierKind.NationalId,
        ["R.F.C."] = IdentifierKind.TaxId,
        ["RFC"] = IdentifierKind.TaxId,
        ["NIT #"] = IdentifierKind.TaxId,
        ["US FEIN"] = IdentifierKind.TaxId,
        ["RUC #"] = IdentifierKind.TaxId,
        ["C.I.F."] = IdentifierKind.TaxId,
        ["RIF #"] = IdentifierKind.TaxId,
        ["V.A.T. Number"] = IdentifierKind.TaxId,
        ["C.U.I.T."] = IdentifierKind.TaxId,
        ["C.U.I."] = IdentifierKind.TaxId,
        ["N.I.F."] = IdentifierKind.TaxId,
        ["RTN"] = IdentifierKind.TaxId,
        ["Numero Unico de Identificacao Tributaria (NUIT)"] = IdentifierKind.TaxId,
        ["ISIN"] = IdentifierKind.Other,
        ["Equity Ticker"] = IdentifierKind.Other,
        ["MICEX Code"] = IdentifierKind.Other,
        ["UN/LOCODE"] = IdentifierKind.Other,
        ["Chinese Commercial Code"] = IdentifierKind.Other,
        ["Serial No."] = IdentifierKind.Other,
        ["File Number"] = IdentifierKind.Other,
        ["Trademark number"] = IdentifierKind.Other,
        ["Permit Number"] = IdentifierKind.Other,
        ["SRE Permit No."] = IdentifierKind.Other,
        ["VisaNumberID"] = IdentifierKind.Other,
        ["Seafarer's Identification Document"] = IdentifierKind.Other,
        ["Military Registration Number"] = IdentifierKind.Other,
        ["Cartilla de Servicio Militar Nacional"] = IdentifierKind.Other,
        ["Pilot License Number"] = IdentifierKind.Other,
        ["Travel Document Number"] = IdentifierKind.Other,
        ["C.U.I.P."] = IdentifierKind.Other,
        ["Aircraft Tail Number"] = IdentifierKind.Other,
        ["Previous Aircraft Tail Number"] = IdentifierKind.Other,
        ["Aircraft Mode S Transponder Code"] = IdentifierKind.Other,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Labels that name a fact about the party rather than a number identifying it.
    private static readonly FrozenSet<string> Facts = new[]
    {
        "Nationality of Registration", "Registration Country", "Former Vessel Flag", "Other Vessel Flag", "Other Vessel Type",
        "Target Type", "Gender", "Issuer Name", "Title", "Location",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] RegistrationHints =
    [
        "Regist", "Company Number", "Commerce", "Comm.", "Incorporation", "License", "C.R.", "Gazette", "Credit Code",
        "Enterprise Number", "Business", "Organization Code", "Charity", "Matricula", "Folio", "Chamber", "BIK", "D-U-N-S",
        "Branch Unit", "Economic Register",
    ];

    private const string DigitalCurrencyPrefix = "Digital Currency Address - ";

    /// <summary>
    /// The identifier kind for an OFAC id/feature label, or null when the label states a fact (a directive, a
    /// listing date, "Secondary sanctions risk:") that belongs in <see cref="Entity.Other"/>.
    /// </summary>
    public static IdentifierKind? IdentifierKindOf(string label)
    {
        label = label.Trim();
        if (ExactKinds.TryGetValue(label, out var kind))
        {
            return kind;
        }

        if (label.StartsWith(DigitalCurrencyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return IdentifierKind.DigitalCurrencyAddress;
        }

        if (Facts.Contains(label) || label.EndsWith('-') || label.EndsWith(':') || label.Contains("Date", StringComparison.OrdinalIgnoreCase)
            || label.Contains("Directive", StringComparison.OrdinalIgnoreCase) || label.Contains("Executive Order", StringComparison.OrdinalIgnoreCase)
            || label.StartsWith("Vessel ", StringComparison.OrdinalIgnoreCase) || label.StartsWith("Aircraft ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (label.Contains("Passport", StringComparison.OrdinalIgnoreCase))
        {
            return IdentifierKind.Passport;
        }

        if (label.Contains("Tax", StringComparison.OrdinalIgnoreCase) || label.Contains("Fiscal", StringComparison.OrdinalIgnoreCase))
        {
            return IdentifierKind.TaxId;
        }

        if (label.Contains("Driver", StringComparison.OrdinalIgnoreCase))
        {
            return IdentifierKind.DrivingLicense;
        }

        foreach (var hint in RegistrationHints)
        {
            if (label.Contains(hint, StringComparison.OrdinalIgnoreCase))
            {
                return IdentifierKind.Registration;
            }
        }

        if (label.Contains(" ID", StringComparison.Ordinal) || label.EndsWith("No.", StringComparison.Ordinal) || label.EndsWith('#')
            || label.Contains("Number", StringComparison.OrdinalIgnoreCase))
        {
            return IdentifierKind.Other;
        }

        return null;
    }

    /// <summary>"XBT" from "Digital Currency Address - XBT".</summary>
    public static string? CurrencyOf(string label) =>
        label.StartsWith(DigitalCurrencyPrefix, StringComparison.OrdinalIgnoreCase) ? label[DigitalCurrencyPrefix.Length..].Trim() : null;

    public static Identifier MakeIdentifier(IdentifierKind kind, string label, string value, string? countryName = null,
        PartialDate? issued = null, PartialDate? expires = null, string? note = null)
    {
        var country = Countries.Resolve(countryName);
        return new Identifier
        {
            Kind = kind,
            Label = label.Trim(),
            Value = value.Trim(),
            CountryName = string.IsNullOrWhiteSpace(countryName) ? null : countryName.Trim(),
            Country = country,
            IssueDate = issued,
            ExpiryDate = expires,
            Currency = kind == IdentifierKind.DigitalCurrencyAddress ? CurrencyOf(label) : null,
            Note = note,
        };
    }

    /// <summary>Party type as OFAC writes it ("Individual", "Entity", "Vessel", "Aircraft").</summary>
    public static EntityKind? KindOf(string? type) => type?.Trim().ToUpperInvariant() switch
    {
        "INDIVIDUAL" => EntityKind.Person,
        "ENTITY" => EntityKind.Organization,
        "VESSEL" => EntityKind.Vessel,
        "AIRCRAFT" => EntityKind.Aircraft,
        _ => null,
    };

    /// <summary>"a.k.a." / "A.K.A." / "fka" → the name type; null for anything else.</summary>
    public static NameType? AliasTypeOf(string? type)
    {
        var t = type?.Replace(".", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        return t switch
        {
            "AKA" => NameType.Aka,
            "FKA" => NameType.Fka,
            "NKA" => NameType.Nka,
            _ => null,
        };
    }

    private static readonly FrozenDictionary<string, string> ScriptNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Arabic"] = "Arab",
        ["Armenian"] = "Armn",
        ["Chinese Simplified"] = "Hans",
        ["Chinese Traditional"] = "Hant",
        ["Cyrillic"] = "Cyrl",
        ["Georgian"] = "Geor",
        ["Greek"] = "Grek",
        ["Hebrew"] = "Hebr",
        ["Japanese"] = "Jpan",
        ["Korean"] = "Kore",
        ["Hangul"] = "Hang",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// ISO 15924 code for OFAC's script code or name; null for Latin (the model's convention). OFAC mixes real
    /// codes ("Cyrl") with names ("Hebrew", "Korean") in its ScriptCode attribute.
    /// </summary>
    public static string? ScriptOf(string? codeOrName)
    {
        if (string.IsNullOrWhiteSpace(codeOrName))
        {
            return null;
        }

        var s = codeOrName.Trim();
        if (s.Equals("Latin", StringComparison.OrdinalIgnoreCase) || s.Equals("Latn", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (ScriptNames.TryGetValue(s, out var code))
        {
            return code;
        }

        // Already a code ("Cyrl", "Arab"), or a name this table does not know: kept as published.
        return s;
    }

    private static readonly string[] DayFormats = ["d MMM yyyy", "dd MMM yyyy"];

    /// <summary>
    /// Classic XML / CSV date-of-birth text: "23 Nov 1962", "Nov 1962", "1962", "circa 1970", "1958 to 1960",
    /// "01 Jan 1960 to 31 Dec 1962". Precision is what the text gives; no day or month is invented.
    /// </summary>
    public static BirthDate? ParseBirthDate(string raw)
    {
        var s = raw.Trim();
        var approximate = false;
        if (s.StartsWith("circa", StringComparison.OrdinalIgnoreCase))
        {
            approximate = true;
            s = s[5..].Trim();
        }

        var to = s.IndexOf(" to ", StringComparison.OrdinalIgnoreCase);
        if (to < 0)
        {
            return TryParseDate(s, out var d) ? new BirthDate { From = d, Approximate = approximate, Raw = raw.Trim() } : null;
        }

        // "01 Jan 1953 to 31 Dec 1954" is the years 1953 to 1954; normalising through the bounds gives the same value
        // the Advanced and Enhanced formats carry for that entry.
        if (TryParseDate(s[..to], out var from) && TryParseDate(s[(to + 4)..], out var until))
        {
            return FromBounds(from.Earliest, until.Latest, approximate, raw.Trim());
        }

        return null;
    }

    /// <summary>"23 Nov 1962", "Nov 1962", "1962" or an ISO prefix.</summary>
    public static bool TryParseDate(string text, out PartialDate date)
    {
        var s = text.Trim();
        if (DateTime.TryParseExact(s, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            date = new PartialDate(dt.Year, dt.Month, dt.Day);
            return true;
        }

        if (DateTime.TryParseExact(s, "MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out dt))
        {
            date = new PartialDate(dt.Year, dt.Month);
            return true;
        }

        return PartialDate.TryParse(s, out date);
    }

    /// <summary>
    /// Turns a published interval (earliest, latest day) into a birth date at the precision it really has: a whole
    /// year (1 Jan..31 Dec) becomes "1962", a whole month "1962-11", a single day that day, anything wider a range.
    /// The Advanced and Enhanced formats encode "1962" and "1958 to 1960" this way.
    /// </summary>
    public static BirthDate FromBounds(DateOnly earliest, DateOnly latest, bool approximate, string? raw)
    {
        if (latest < earliest)
        {
            (earliest, latest) = (latest, earliest);
        }

        var whole = Collapse(earliest, latest);
        if (whole is { } single)
        {
            return new BirthDate { From = single, Approximate = approximate, Raw = raw };
        }

        PartialDate from, to;
        if (earliest is { Month: 1, Day: 1 } && latest is { Month: 12, Day: 31 })
        {
            from = new PartialDate(earliest.Year);
            to = new PartialDate(latest.Year);
        }
        else if (earliest.Day == 1 && latest.Day == DateTime.DaysInMonth(latest.Year, latest.Month))
        {
            from = new PartialDate(earliest.Year, earliest.Month);
            to = new PartialDate(latest.Year, latest.Month);
        }
        else
        {
            from = PartialDate.FromDate(earliest);
            to = PartialDate.FromDate(latest);
        }

        return new BirthDate { From = from, To = to, Approximate = approximate, Raw = raw };
    }

    /// <summary>The single partial date an interval denotes exactly, if any.</summary>
    public static PartialDate? Collapse(DateOnly earliest, DateOnly latest)
    {
        if (earliest == latest)
        {
            return PartialDate.FromDate(earliest);
        }

        if (earliest.Year == latest.Year && earliest is { Month: 1, Day: 1 } && latest is { Month: 12, Day: 31 })
        {
            return new PartialDate(earliest.Year);
        }

        if (earliest.Year == latest.Year && earliest.Month == latest.Month && earliest.Day == 1
            && latest.Day == DateTime.DaysInMonth(latest.Year, latest.Month))
        {
            return new PartialDate(earliest.Year, earliest.Month);
        }

        return null;
    }

    public static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
