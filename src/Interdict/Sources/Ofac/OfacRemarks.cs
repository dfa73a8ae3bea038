using System.Collections.Concurrent;
using System.Globalization;
using Interdict.Model;

namespace Interdict.Sources.Ofac;

/// <summary>What the OFAC remarks text states, split into the model's fields.</summary>
public sealed class OfacRemarkFacts
{
    public List<BirthDate> BirthDates { get; } = [];
    public List<string> BirthPlaces { get; } = [];

    /// <summary>ISO alpha-2 codes; names that do not resolve go to <see cref="Other"/> under "Nationality".</summary>
    public List<string> Nationalities { get; } = [];

    /// <summary>ISO alpha-2 codes; names that do not resolve go to <see cref="Other"/> under "Citizenship".</summary>
    public List<string> Citizenships { get; } = [];

    public Gender? Gender { get; set; }
    public List<Identifier> Identifiers { get; } = [];
    public List<EntityLink> Links { get; } = [];

    /// <summary>The a.k.a./f.k.a./n.k.a. names OFAC puts in quotes in the remarks: its weak aliases.</summary>
    public List<EntityName> WeakAliases { get; } = [];

    public List<KeyValuePair<string, string>> Other { get; } = [];

    /// <summary>Aircraft facts (model, operator, serial, tail number, manufacture date); null when none are stated.</summary>
    public AircraftInfo? Aircraft { get; set; }

    /// <summary>"Vessel Year of Build".</summary>
    public string? VesselBuildYear { get; set; }
}

/// <summary>
/// Reads OFAC's remarks text ("DOB 23 Nov 1962; POB Caracas, Venezuela; Cedula No. 5892464 (Venezuela); ...")
/// into structured facts. The same text appears in the legacy CSV and the classic XML, so every OFAC parser
/// shares this. Nothing is dropped: whatever is not understood is kept under the key "Remark".
/// </summary>
public static class OfacRemarks
{
    public const string RemarkKey = "Remark";

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    // Ordered longest first at start-up so that "Identification Number IMO" wins over "Identification Number".
    private static readonly (string Label, IdentifierKind Kind)[] IdLabels = SortLongestFirst(
    [
        ("Passport", IdentifierKind.Passport),
        ("Diplomatic Passport", IdentifierKind.Passport),
        ("Diplomatic Passport Laissez-Passer", IdentifierKind.Passport),
        ("British National Overseas Passport", IdentifierKind.Passport),
        ("Stateless Person Passport", IdentifierKind.Passport),
        ("Passport Booklet", IdentifierKind.Passport),
        ("Travel Document Number", IdentifierKind.Passport),
        ("National ID No.", IdentifierKind.NationalId),
        ("Cedula No.", IdentifierKind.NationalId),
        ("Identification Number", IdentifierKind.NationalId),
        ("D.N.I.", IdentifierKind.NationalId),
        ("Personal ID Card", IdentifierKind.NationalId),
        ("National Foreign ID Number", IdentifierKind.NationalId),
        ("Turkish Identification Number", IdentifierKind.NationalId),
        ("Numero de Identidad", IdentifierKind.NationalId),
        ("C.U.R.P.", IdentifierKind.NationalId),
        ("C.U.R.P. #", IdentifierKind.NationalId),
        ("Citizen's Card Number", IdentifierKind.NationalId),
        ("Kenyan ID No.", IdentifierKind.NationalId),
        ("Tazkira National ID Card", IdentifierKind.NationalId),
        ("Bosnian Personal ID No.", IdentifierKind.NationalId),
        ("Moroccan Personal ID No.", IdentifierKind.NationalId),
        ("CNP (Personal Numerical Code)", IdentifierKind.NationalId),
        ("UAE Identification", IdentifierKind.NationalId),
        ("C.U.I.", IdentifierKind.NationalId),
        ("C.U.I.P.", IdentifierKind.NationalId),
        ("Credencial electoral", IdentifierKind.NationalId),
        ("Electoral Registry No.", IdentifierKind.NationalId),
        ("I.F.E.", IdentifierKind.NationalId),
        ("N.I.E.", IdentifierKind.NationalId),
        ("LE Number", IdentifierKind.NationalId),
        ("Refugee ID Card", IdentifierKind.NationalId),
        ("Stateless Person ID Card", IdentifierKind.NationalId),
        ("Tax ID No.", IdentifierKind.TaxId),
        ("NIT #", IdentifierKind.TaxId),
        ("RUC #", IdentifierKind.TaxId),
        ("RIF #", IdentifierKind.TaxId),
        ("R.F.C.", IdentifierKind.TaxId),
        ("R.F.C. #", IdentifierKind.TaxId),
        ("RFC", IdentifierKind.TaxId),
        ("V.A.T. Number", IdentifierKind.TaxId),
        ("US FEIN", IdentifierKind.TaxId),
        ("C.U.I.T.", IdentifierKind.TaxId),
        ("Italian Fiscal Code", IdentifierKind.TaxId),
        ("Fiscal Code", IdentifierKind.TaxId),
        ("Romanian Tax Registration", IdentifierKind.TaxId),
        ("RTN", IdentifierKind.TaxId),
        ("C.I.F.", IdentifierKind.TaxId),
        ("N.I.F.", IdentifierKind.TaxId),
        ("RSIN", IdentifierKind.TaxId),
        ("Paraguayan tax identification number", IdentifierKind.TaxId),
        ("Numero Unico de Identificacao Tributaria (NUIT)", IdentifierKind.TaxId),
        ("Registration Number", IdentifierKind.Registration),
        ("Registration ID", IdentifierKind.Registration),
        ("Business Registration Number", IdentifierKind.Registration),
        ("Business Registration Document #", IdentifierKind.Registration),
        ("Commercial Registry Number", IdentifierKind.Registration),
        ("Company Number", IdentifierKind.Registration),
        ("UK Company Number", IdentifierKind.Registration),
        ("Government Gazette Number", IdentifierKind.Registration),
        ("Unified Social Credit Code (USCC)", IdentifierKind.Registration),
        ("United Social Credit Code Certificate (USCCC)", IdentifierKind.Registration),
        ("Folio Mercantil No.", IdentifierKind.Registration),
        ("Matricula Mercantil No", IdentifierKind.Registration),
        ("C.R. No.", IdentifierKind.Registration),
        ("Romanian C.R.", IdentifierKind.Registration),
        ("Trade License No.", IdentifierKind.Registration),
        ("Chamber of Commerce Number", IdentifierKind.Registration),
        ("Economic Register Number (CBLS)", IdentifierKind.Registration),
        ("Central Registration System Number", IdentifierKind.Registration),
        ("Istanbul Chamber of Comm. No.", IdentifierKind.Registration),
        ("Dubai Chamber of Commerce Membership No.", IdentifierKind.Registration),
        ("Business Number", IdentifierKind.Registration),
        ("Enterprise Number", IdentifierKind.Registration),
        ("Branch Unit Number", IdentifierKind.Registration),
        ("Public Registration Number", IdentifierKind.Registration),
        ("Certificate of Incorporation Number", IdentifierKind.Registration),
        ("Registered Charity No.", IdentifierKind.Registration),
        ("Organization Code", IdentifierKind.Registration),
        ("MSB Registration Number", IdentifierKind.Registration),
        ("Registration Certificate Number (Dubai)", IdentifierKind.Registration),
        ("C.I.N.", IdentifierKind.Registration),
        ("D-U-N-S Number", IdentifierKind.Registration),
        ("Vessel Registration Identification", IdentifierKind.Registration),
        ("Legal Entity Number", IdentifierKind.Lei),
        ("SWIFT/BIC", IdentifierKind.SwiftBic),
        ("Vessel Registration Identification IMO", IdentifierKind.Imo),
        ("Identification Number IMO", IdentifierKind.Imo),
        ("Company Number IMO", IdentifierKind.Imo),
        ("International Maritime Organization No.", IdentifierKind.Imo),
        ("MMSI", IdentifierKind.Mmsi),
        ("Other Vessel Call Sign", IdentifierKind.CallSign),
        ("Aircraft Manufacturer's Serial Number (MSN)", IdentifierKind.AircraftSerial),
        ("Aircraft Serial Identification", IdentifierKind.AircraftSerial),
        ("Aircraft Tail Number", IdentifierKind.Other),
        ("Previous Aircraft Tail Number", IdentifierKind.Other),
        ("Aircraft Mode S Transponder Code", IdentifierKind.Other),
        ("Aircraft Construction Number (also called L/N or S/N or F/N)", IdentifierKind.Other),
        ("Email Address", IdentifierKind.Email),
        ("Email", IdentifierKind.Email),
        ("Website", IdentifierKind.Website),
        ("Phone Number", IdentifierKind.Phone),
        ("Phone No.", IdentifierKind.Phone),
        ("PHONE", IdentifierKind.Phone),
        ("Telephone", IdentifierKind.Phone),
        ("Telephone No.", IdentifierKind.Phone),
        ("Fax", IdentifierKind.Phone),
        ("Fax No.", IdentifierKind.Phone),
        ("FAX", IdentifierKind.Phone),
        ("TELEX", IdentifierKind.Phone),
        ("Driver's License No.", IdentifierKind.DrivingLicense),
        ("Birth Certificate Number", IdentifierKind.BirthCertificate),
        ("SSN", IdentifierKind.SocialSecurity),
        ("Residency Number", IdentifierKind.ResidencyCard),
        ("Romanian Permanent Resident CAN", IdentifierKind.ResidencyCard),
        ("ISIN", IdentifierKind.Other),
        ("Equity Ticker", IdentifierKind.Other),
        ("BIK (RU)", IdentifierKind.Registration),
        ("License", IdentifierKind.Registration),
        ("Permit Number", IdentifierKind.Other),
        ("Immigration No.", IdentifierKind.Other),
        ("VisaNumberID", IdentifierKind.Other),
        ("Cartilla de Servicio Militar Nacional", IdentifierKind.Other),
        ("Military Registration Number", IdentifierKind.Other),
        ("Pilot License Number", IdentifierKind.Other),
        ("Seafarer's Identification Document", IdentifierKind.Other),
        ("Afghan Money Service Provider License Number", IdentifierKind.Other),
        ("Trademark number", IdentifierKind.Other),
        ("Tourism License No.", IdentifierKind.Other),
        ("SRE Permit No.", IdentifierKind.Other),
        ("File Number", IdentifierKind.Other),
        ("Serial No.", IdentifierKind.Other),
        ("Public Security and Immigration No.", IdentifierKind.Other),
        ("Tarjeta Profesional", IdentifierKind.Other),
    ]);

    // Facts OFAC writes as "<key> <value>" without a colon; "alt." variants share the key.
    private static readonly string[] PlainKeys = SortLongestFirst(
    [
        "Organization Established Date",
        "Target Type",
        "Nationality of Registration",
        "Listing Date (CMIC)",
        "Effective Date (CMIC)",
        "Purchase/Sales For Divestment Date (CMIC)",
        "Former Vessel Flag",
        "Vessel Year of Build",
        "Aircraft Model",
        "Aircraft Operator",
        "Aircraft Manufacture Date",
        "IFCA Determination -",
        "Other Vessel Type",
        "Other Vessel Flag",
    ]);

    // Endings of a company name that keep their own full stop when the remarks' closing period falls on them.
    private static readonly string[] AbbreviationEndings =
        ["LTD", "CO", "INC", "CORP", "BHD", "PTE", "PVT", "JR", "SR", "ST", "LLC", "Ltd", "Co", "Inc", "Corp", "Jr", "Sr"];

    private const string DigitalCurrencyPrefix = "Digital Currency Address - ";

    // A few hundred country spellings recur tens of thousands of times; Countries.Resolve normalises on every call.
    private static readonly ConcurrentDictionary<string, string?> CountryCache = new(StringComparer.Ordinal);
    private const int CountryCacheLimit = 4096;

    /// <summary><see cref="Countries.Resolve"/> with a bounded cache, for the hot parsing loops of the OFAC parsers.</summary>
    public static string? ResolveCountry(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (CountryCache.TryGetValue(name, out var code))
        {
            return code;
        }

        code = Countries.Resolve(name);
        if (CountryCache.Count < CountryCacheLimit)
        {
            CountryCache.TryAdd(name, code);
        }

        return code;
    }

    /// <summary>Splits remarks at the top-level "; " separators. Quotes in names (AL QA'IDA) never hold a "; ".</summary>
    public static List<string> Split(string? remarks)
    {
        var parts = new List<string>();
        if (string.IsNullOrWhiteSpace(remarks))
        {
            return parts;
        }

        var s = remarks.AsSpan();
        while (true)
        {
            var i = s.IndexOf("; ", StringComparison.Ordinal);
            var part = (i < 0 ? s : s[..i]).Trim();
            if (!part.IsEmpty)
            {
                parts.Add(part.ToString());
            }

            if (i < 0)
            {
                break;
            }

            s = s[(i + 2)..];
        }

        return parts;
    }

    public static OfacRemarkFacts Parse(string? remarks)
    {
        var facts = new OfacRemarkFacts();
        if (remarks is null)
        {
            return facts;
        }

        // Walks the text without materialising the segments: most become typed values, not strings.
        var rest = remarks.AsSpan();
        while (true)
        {
            var i = rest.IndexOf("; ", StringComparison.Ordinal);
            var part = (i < 0 ? rest : rest[..i]).Trim();
            if (!part.IsEmpty)
            {
                ParseSegment(part, facts);
            }

            if (i < 0)
            {
                return facts;
            }

            rest = rest[(i + 2)..];
        }
    }

    /// <summary>Reads one "; "-separated statement into <paramref name="facts"/>.</summary>
    public static void ParseSegment(ReadOnlySpan<char> segment, OfacRemarkFacts facts)
    {
        segment = segment.Trim();
        var s = segment;
        if (s.StartsWith("alt. ", StringComparison.OrdinalIgnoreCase))
        {
            s = s[5..].TrimStart();
        }

        if (TryAlias(s, facts) || TryPersonal(s, segment, facts) || TryLink(s, facts) || TryKeyed(s, facts) ||
            TryIdentifier(s, facts) || TryColonKey(s, facts))
        {
            return;
        }

        facts.Other.Add(new(RemarkKey, segment.ToString()));
    }

    private static bool TryAlias(ReadOnlySpan<char> s, OfacRemarkFacts facts)
    {
        NameType type;
        if (s.StartsWith("a.k.a. ", StringComparison.Ordinal))
        {
            type = NameType.Aka;
        }
        else if (s.StartsWith("f.k.a. ", StringComparison.Ordinal))
        {
            type = NameType.Fka;
        }
        else if (s.StartsWith("n.k.a. ", StringComparison.Ordinal))
        {
            type = NameType.Nka;
        }
        else
        {
            return false;
        }

        var rest = s[7..].Trim();
        var open = rest.IndexOf('\'');
        var close = rest.LastIndexOf('\'');
        ReadOnlySpan<char> name;
        if (open == 0 && close > open)
        {
            // Apostrophes inside the name (ABU 'UMAR) are common, so the name runs to the last quote.
            name = rest[1..close].Trim();
        }
        else
        {
            name = TrimFinalPeriod(rest);
        }

        if (name.IsEmpty)
        {
            return false;
        }

        facts.WeakAliases.Add(new EntityName { Full = name.ToString(), Type = type, Strength = AliasStrength.Weak });
        return true;
    }

    private static bool TryPersonal(ReadOnlySpan<char> s, ReadOnlySpan<char> segment, OfacRemarkFacts facts)
    {
        if (s.StartsWith("DOB ", StringComparison.Ordinal))
        {
            var value = TrimFinalPeriod(s[4..].Trim());
            if (TryParseBirthDate(value, out var dob))
            {
                facts.BirthDates.Add(dob);
            }
            else
            {
                facts.Other.Add(new("DOB", value.ToString()));
            }

            return true;
        }

        if (s.StartsWith("POB ", StringComparison.Ordinal))
        {
            var place = TrimFinalPeriod(s[4..].Trim());
            if (!place.IsEmpty)
            {
                facts.BirthPlaces.Add(place.ToString());
            }

            return true;
        }

        if (s.StartsWith("nationality ", StringComparison.Ordinal))
        {
            AddCountry(TrimFinalPeriod(s[12..].Trim()), facts.Nationalities, "Nationality", facts);
            return true;
        }

        if (s.StartsWith("citizen ", StringComparison.Ordinal))
        {
            AddCountry(TrimFinalPeriod(s[8..].Trim()), facts.Citizenships, "Citizenship", facts);
            return true;
        }

        if (s.StartsWith("Gender ", StringComparison.Ordinal))
        {
            var g = TrimFinalPeriod(s[7..].Trim());
            if (g.Equals("Male", StringComparison.OrdinalIgnoreCase))
            {
                facts.Gender = Gender.Male;
            }
            else if (g.Equals("Female", StringComparison.OrdinalIgnoreCase))
            {
                facts.Gender = Gender.Female;
            }
            else
            {
                facts.Other.Add(new(RemarkKey, segment.ToString()));
            }

            return true;
        }

        return false;
    }

    private static void AddCountry(ReadOnlySpan<char> name, List<string> codes, string otherKey, OfacRemarkFacts facts)
    {
        var text = name.ToString();
        var code = ResolveCountry(text);
        if (code is null)
        {
            facts.Other.Add(new(otherKey, text));
        }
        else if (!codes.Contains(code))
        {
            codes.Add(code);
        }
    }

    private static bool TryLink(ReadOnlySpan<char> s, OfacRemarkFacts facts)
    {
        const string linked = "Linked To:";
        if (!s.StartsWith(linked, StringComparison.Ordinal))
        {
            return false;
        }

        var target = TrimLinkPeriod(s[linked.Length..].Trim());
        if (target.IsEmpty)
        {
            return false;
        }

        facts.Links.Add(new EntityLink { Relation = "Linked To", TargetName = target.ToString() });
        return true;
    }

    private static bool TryKeyed(ReadOnlySpan<char> s, OfacRemarkFacts facts)
    {
        foreach (var key in PlainKeys)
        {
            if (s.Length > key.Length + 1 && s.StartsWith(key, StringComparison.Ordinal) && s[key.Length] == ' ')
            {
                var value = TrimFinalPeriod(s[(key.Length + 1)..].Trim()).ToString();
                var k = key.TrimEnd(' ', '-');
                AddKeyed(k, value, facts);
                return true;
            }
        }

        // "Additional Sanctions Information - Subject to ...", "Executive Order 13662 Directive Determination - Subject to Directive 1".
        var dash = s.IndexOf(" - ", StringComparison.Ordinal);
        if (dash > 0 && (s.StartsWith("Additional Sanctions Information", StringComparison.Ordinal) || s.StartsWith("Executive Order ", StringComparison.Ordinal)))
        {
            facts.Other.Add(new(s[..dash].ToString(), TrimFinalPeriod(s[(dash + 3)..].Trim()).ToString()));
            return true;
        }

        return false;
    }

    // "Secondary sanctions risk: ...", "Organization Type: ...", "Listing Date (EO 14024 Directive 2): 24 Feb 2022".
    private static bool TryColonKey(ReadOnlySpan<char> s, OfacRemarkFacts facts)
    {
        var colon = s.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || colon > 100 || char.IsDigit(s[0]))
        {
            return false;
        }

        var key = s[..colon];

        // A colon inside parentheses ("(Region: Gaza)") or a link is part of a value, not a key.
        if (key.Count('(') != key.Count(')') || key.Contains("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        facts.Other.Add(new(key.ToString(), TrimFinalPeriod(s[(colon + 2)..].Trim()).ToString()));
        return true;
    }

    private static void AddKeyed(string key, string value, OfacRemarkFacts facts)
    {
        switch (key)
        {
            case "Vessel Year of Build":
                facts.VesselBuildYear ??= value;
                break;
            case "Aircraft Model":
                facts.Aircraft = (facts.Aircraft ?? new AircraftInfo()) with { Model = facts.Aircraft?.Model ?? value };
                break;
            case "Aircraft Operator":
                facts.Aircraft = (facts.Aircraft ?? new AircraftInfo()) with { Operator = facts.Aircraft?.Operator ?? value };
                break;
            case "Aircraft Manufacture Date":
                facts.Aircraft = (facts.Aircraft ?? new AircraftInfo()) with { ConstructionDate = facts.Aircraft?.ConstructionDate ?? value };
                break;
        }

        facts.Other.Add(new(key, value));
    }

    private static bool TryIdentifier(ReadOnlySpan<char> s, OfacRemarkFacts facts)
    {
        if (s.StartsWith(DigitalCurrencyPrefix, StringComparison.Ordinal))
        {
            var rest = s[DigitalCurrencyPrefix.Length..];
            var sp = rest.IndexOf(' ');
            if (sp <= 0)
            {
                return false;
            }

            var currency = rest[..sp].ToString();
            var address = TrimFinalPeriod(rest[(sp + 1)..].Trim());
            facts.Identifiers.Add(new Identifier
            {
                Kind = IdentifierKind.DigitalCurrencyAddress,
                Label = DigitalCurrencyPrefix + currency,
                Value = address.ToString(),
                Currency = currency,
            });
            return true;
        }

        foreach (var (label, kind) in IdLabels)
        {
            if (s.Length > label.Length + 1 && s.StartsWith(label, StringComparison.Ordinal) && s[label.Length] is ' ' or ':')
            {
                return AddIdentifier(label, kind, s[(label.Length + 1)..].TrimStart(':'), facts);
            }
        }

        // Labels OFAC adds over time ("Tourism License No.", ...): accept "<label> <value> (<country>)" when the
        // label reads like a number's name, so new kinds of document are not lost as plain remarks.
        var firstDigit = IndexOfDigitToken(s);
        if (firstDigit > 0)
        {
            var label = s[..firstDigit].TrimEnd();
            if (label.EndsWith("No.", StringComparison.Ordinal) || label.EndsWith("Number", StringComparison.Ordinal) ||
                label.EndsWith(" #", StringComparison.Ordinal) || label.EndsWith(" ID", StringComparison.Ordinal) ||
                label.EndsWith("Card", StringComparison.Ordinal) || label.EndsWith("Code", StringComparison.Ordinal))
            {
                return AddIdentifier(label.ToString(), IdentifierKind.Other, s[firstDigit..], facts);
            }
        }

        return false;
    }

    private static int IndexOfDigitToken(ReadOnlySpan<char> s)
    {
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i == s.Length || s[i] == ' ')
            {
                if (s[start..i].IndexOfAnyInRange('0', '9') >= 0)
                {
                    return start;
                }

                start = i + 1;
            }
        }

        return -1;
    }

    private static bool AddIdentifier(string label, IdentifierKind kind, ReadOnlySpan<char> rest, OfacRemarkFacts facts)
    {
        rest = TrimFinalPeriod(rest.Trim());
        PartialDate? issued = null, expires = null;

        var exp = rest.LastIndexOf(" expires ", StringComparison.Ordinal);
        if (exp > 0 && TryParseDate(TrimFinalPeriod(rest[(exp + 9)..].Trim()), out var e))
        {
            expires = e;
            rest = rest[..exp].TrimEnd();
        }

        var iss = rest.LastIndexOf(" issued ", StringComparison.Ordinal);
        if (iss > 0 && TryParseDate(TrimFinalPeriod(rest[(iss + 8)..].Trim()), out var d))
        {
            issued = d;
            rest = rest[..iss].TrimEnd();
        }

        string? country = null, countryName = null;
        if (rest.Length > 2 && rest[^1] == ')')
        {
            var open = rest.LastIndexOf('(');
            if (open > 0)
            {
                var candidate = rest[(open + 1)..^1].Trim().ToString();
                var code = ResolveCountry(candidate);
                if (code is not null)
                {
                    country = code;
                    countryName = candidate;
                    rest = rest[..open].TrimEnd();
                }
            }
        }

        if (rest.Length > 2 && rest[0] == '(' && rest[^1] == ')')
        {
            rest = rest[1..^1].Trim();
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        var value = rest.ToString();
        facts.Identifiers.Add(new Identifier
        {
            Kind = kind,
            Label = label,
            Value = value,
            Country = country,
            CountryName = countryName,
            IssueDate = issued,
            ExpiryDate = expires,
        });

        switch (kind)
        {
            case IdentifierKind.AircraftSerial:
                facts.Aircraft = (facts.Aircraft ?? new AircraftInfo()) with { SerialNumber = facts.Aircraft?.SerialNumber ?? value };
                break;
            case IdentifierKind.Other when label == "Aircraft Tail Number":
                facts.Aircraft = (facts.Aircraft ?? new AircraftInfo()) with { TailNumber = facts.Aircraft?.TailNumber ?? value };
                break;
        }

        return true;
    }

    /// <summary>
    /// Parses an OFAC birth date: "23 Nov 1962", "Nov 1962", "1962", "circa 1970", "1958 to 1960",
    /// "01 Jan 1960 to 31 Dec 1962", "circa 1958-1960".
    /// </summary>
    public static bool TryParseBirthDate(ReadOnlySpan<char> text, out BirthDate birthDate)
    {
        birthDate = null!;
        var raw = text.Trim();
        var s = raw;
        var approximate = false;
        if (s.StartsWith("circa ", StringComparison.OrdinalIgnoreCase))
        {
            approximate = true;
            s = s[6..].TrimStart();
        }

        var to = s.IndexOf(" to ", StringComparison.Ordinal);
        ReadOnlySpan<char> left = s, right = default;
        if (to > 0)
        {
            left = s[..to].Trim();
            right = s[(to + 4)..].Trim();
        }
        else if (s.Length == 9 && s[4] == '-')
        {
            left = s[..4];
            right = s[5..];
        }

        if (!TryParseDate(left, out var from))
        {
            return false;
        }

        PartialDate? until = null;
        if (!right.IsEmpty)
        {
            if (!TryParseDate(right, out var r))
            {
                return false;
            }

            until = r;
        }

        birthDate = new BirthDate { From = from, To = until, Approximate = approximate, Raw = raw.ToString() };
        return true;
    }

    /// <summary>Parses "23 Nov 1962", "Nov 1962" or "1962", keeping exactly the precision given.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out PartialDate date)
    {
        date = default;
        var s = text.Trim();
        int? day = null, month = null;
        var sp = s.IndexOf(' ');
        if (sp > 0 && char.IsDigit(s[0]))
        {
            if (!int.TryParse(s[..sp], NumberStyles.None, CultureInfo.InvariantCulture, out var dd))
            {
                return false;
            }

            day = dd;
            s = s[(sp + 1)..].TrimStart();
            sp = s.IndexOf(' ');
            if (sp <= 0)
            {
                return false;
            }
        }

        if (sp > 0)
        {
            var m = MonthNumber(s[..sp]);
            if (m == 0)
            {
                return false;
            }

            month = m;
            s = s[(sp + 1)..].TrimStart();
        }

        if (s.Length != 4 || !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1)
        {
            return false;
        }

        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            return false;
        }

        date = new PartialDate(year, month, day);
        return true;
    }

    private static int MonthNumber(ReadOnlySpan<char> s)
    {
        s = s.TrimEnd('.');
        if (s.Length < 3)
        {
            return 0;
        }

        var abbr = s[..3];
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (abbr.Equals(MonthNames[i], StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static ReadOnlySpan<char> TrimFinalPeriod(ReadOnlySpan<char> s) =>
        s.Length > 0 && s[^1] == '.' ? s[..^1].TrimEnd() : s;

    // The remarks' closing full stop is not part of a linked name, but "CO., LTD." keeps its own.
    private static ReadOnlySpan<char> TrimLinkPeriod(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s[^1] != '.')
        {
            return s;
        }

        var body = s[..^1];
        var start = body.LastIndexOfAny(' ', ',') + 1;
        var lastWord = body[start..];
        if (lastWord.Contains('.'))
        {
            return s;
        }

        foreach (var abbreviation in AbbreviationEndings)
        {
            if (lastWord.SequenceEqual(abbreviation))
            {
                return s;
            }
        }

        return body.TrimEnd();
    }

    private static T[] SortLongestFirst<T>(T[] items)
    {
        static int Len(T x) => x switch
        {
            string s => s.Length,
            ValueTuple<string, IdentifierKind> t => t.Item1.Length,
            _ => 0,
        };

        var copy = (T[])items.Clone();
        Array.Sort(copy, (a, b) => Len(b).CompareTo(Len(a)));
        return copy;
    }
}
