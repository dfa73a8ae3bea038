using System.Globalization;
using System.Text.RegularExpressions;
using Interdict.Model;

namespace Interdict.Sources.UkSanctionsList;

/// <summary>
/// One designation of the FCDO's UK Sanctions List as it is being read, from either format: the XML gives each
/// value once in its own element, the CSV repeats the designation's values on each of its rows. Both feed the same
/// accumulator, which keeps each value once in publication order, so the two formats give the same entity.
/// </summary>
internal sealed partial class UkDesignation
{
    /// <summary>Keys of <see cref="Entity.Other"/> this list writes.</summary>
    internal static class Keys
    {
        public const string OfsiGroupId = "OFSI Group ID";
        public const string UnReference = "UN Reference Number";
        public const string DesignationSource = "Designation source";
        public const string SanctionsImposed = "Sanctions imposed";
        public const string StatementOfReasons = "UK Statement of Reasons";
        public const string LastUpdated = "Last updated";
        public const string DateOfBirth = "Date of birth";
        public const string Nationality = "Nationality";
        public const string TypeOfEntity = "Type of entity";
        public const string PreviousOwner = "Previous owner/operator";
        public const string PreviousFlag = "Previous flag";
        public const string ShipLength = "Length of ship";
        public const string Hin = "Hull identification number (HIN)";
    }

    private readonly Func<string, string, ListFormatException> _bad;
    private readonly List<EntityName> _names = [];
    private readonly List<EntityName> _nonLatin = [];
    private readonly List<BirthDate> _birthDates = [];
    private readonly List<string> _birthPlaces = [];
    private readonly List<string> _nationalities = [];
    private readonly List<string> _titles = [];
    private readonly List<Address> _addresses = [];
    private readonly List<Identifier> _identifiers = [];
    private readonly List<string> _programs = [];
    private readonly List<string> _remarks = [];
    private readonly List<EntityLink> _links = [];
    private readonly List<KeyValuePair<string, string>> _other = [];
    private readonly List<string> _owners = [];
    private readonly List<string> _flags = [];
    private EntityKind? _kind;
    private Gender? _gender;
    private PartialDate? _designated;
    private string? _shipType;
    private string? _tonnage;
    private string? _yearBuilt;

    /// <param name="uniqueId">The designation's Unique ID (e.g. AFG0011), the entity's native id.</param>
    /// <param name="bad">Makes the error for a bad value: (element or column, reason).</param>
    public UkDesignation(string uniqueId, Func<string, string, ListFormatException> bad)
    {
        UniqueId = uniqueId;
        _bad = bad;
    }

    public string UniqueId { get; }

    private void Other(string key, string? value)
    {
        if (SourceText.Clean(value) is { } v && !_other.Contains(new(key, v)))
        {
            _other.Add(new(key, v));
        }
    }

    private static void AddOnce<T>(List<T> list, T? value)
    {
        if (value is not null && !list.Contains(value))
        {
            list.Add(value);
        }
    }

    public void Kind(string? raw, string element)
    {
        var t = SourceText.Clean(raw);
        if (t is null)
        {
            return;
        }

        var kind = t.ToLowerInvariant() switch
        {
            "individual" => EntityKind.Person,
            "entity" => EntityKind.Organization,
            "ship" => EntityKind.Vessel,
            _ => throw _bad(element, $"unknown designation type '{t}' (expected Individual, Entity or Ship)"),
        };
        if (_kind is { } k && k != kind)
        {
            throw _bad(element, $"designation type '{t}' contradicts the type given before ({k})");
        }

        _kind = kind;
    }

    public void Dates(string? designated, string? lastUpdated, string designatedElement, string lastUpdatedElement)
    {
        if (Date(designated, designatedElement) is { } d && (_designated is null || d < _designated))
        {
            _designated = d;
        }

        // Checked as a date, kept as written.
        _ = Date(lastUpdated, lastUpdatedElement);
        Other(Keys.LastUpdated, lastUpdated);
    }

    public void Facts(string? ofsiGroupId, string? unReference, string? regime, string? source, string? sanctions, string? otherInformation, string? reasons)
    {
        Other(Keys.OfsiGroupId, ofsiGroupId);
        if (SourceText.Clean(unReference) is { } un)
        {
            Other(Keys.UnReference, un);
        }

        AddOnce(_programs, SourceText.Clean(regime));
        Other(Keys.DesignationSource, source);
        Other(Keys.SanctionsImposed, sanctions);

        // Remarks are kept exactly as published (trimmed only), as the other lists' remarks are.
        if (otherInformation?.Trim() is { Length: > 0 } info)
        {
            AddOnce(_remarks, info);
        }

        Other(Keys.StatementOfReasons, reasons);
    }

    /// <summary>One name: Name1..Name5 are given names and patronymics, Name6 the family name or the whole name of an entity or ship.</summary>
    public void Name(string?[] parts, string? title, string? nameType, string? aliasStrength, string element)
    {
        var given = SourceText.Join(" ", parts[..5].Select(SourceText.Clean).ToArray());
        var family = SourceText.Clean(parts[5]);
        var full = SourceText.Join(" ", given, family);
        AddOnce(_titles, SourceText.Clean(title));
        if (full is null)
        {
            if (SourceText.Clean(nameType) is not null)
            {
                throw _bad(element, "a name with no name parts (Name1..Name6 are empty)");
            }

            return;
        }

        // The file writes "Primary Name" and "Primary name"; case carries no meaning.
        var type = SourceText.Clean(nameType)?.ToLowerInvariant() switch
        {
            "primary name" => NameType.Primary,
            "primary name variation" => NameType.Aka,
            "alias" => NameType.Aka,
            null => throw _bad(element, $"name '{full}' has no name type"),
            _ => throw _bad(element, $"name '{full}': unknown name type '{nameType!.Trim()}' (expected Primary Name, Primary Name Variation or Alias)"),
        };
        var strength = SourceText.Clean(aliasStrength)?.ToLowerInvariant() switch
        {
            null => AliasStrength.Strong,
            "good quality a.k.a" or "good quality a.k.a." => AliasStrength.Strong,
            "low quality a.k.a" or "low quality a.k.a." => AliasStrength.Weak,
            _ => throw _bad(element, $"name '{full}': unknown alias strength '{aliasStrength!.Trim()}' (expected Good quality a.k.a or Low quality a.k.a)"),
        };
        var note = type == NameType.Aka && nameType!.Trim().StartsWith("primary", StringComparison.OrdinalIgnoreCase) ? "primary name variation" : null;
        var person = _kind == EntityKind.Person && given is not null;
        var name = new EntityName
        {
            Full = full,
            Type = type,
            Strength = strength,
            Given = person ? given : null,
            Family = person ? family : null,
            Script = Scripts.Detect(full),
            Note = note,
        };
        if (!_names.Any(n => n.Full == name.Full && n.Type == name.Type))
        {
            _names.Add(name);
        }
    }

    public void NonLatinName(string? name, string? scriptType, string? language)
    {
        if (SourceText.Clean(name) is not { } n || _nonLatin.Any(x => x.Full == n))
        {
            return;
        }

        var note = SourceText.Join("; ", "name in non-Latin script", SourceText.Clean(scriptType), SourceText.Clean(language));
        _nonLatin.Add(new EntityName { Full = n, Type = NameType.Primary, Script = Scripts.Detect(n), Note = note });
    }

    public void Address(string?[] lines, string? postalCode, string? country)
    {
        var l = lines.Select(SourceText.Clean).Where(x => x is not null).Cast<string>().ToList();
        var zip = SourceText.Clean(postalCode);
        var c = SourceText.Clean(country);
        if (l.Count == 0 && zip is null && c is null)
        {
            return;
        }

        var address = new Address { Lines = l, PostalCode = zip, Country = SourceText.Country(c), CountryName = c };
        if (!_addresses.Any(a => a.Lines.SequenceEqual(address.Lines) && a.PostalCode == zip && a.CountryName == c))
        {
            _addresses.Add(address);
        }
    }

    public void Contact(IdentifierKind kind, string label, string? value)
    {
        if (SourceText.Clean(value) is { } v)
        {
            Identifier(new Identifier { Kind = kind, Label = label, Value = v });
        }
    }

    private void Identifier(Identifier id)
    {
        if (!_identifiers.Any(i => i.Kind == id.Kind && i.Value == id.Value && i.Note == id.Note))
        {
            _identifiers.Add(id);
        }
    }

    /// <summary>
    /// A passport or national identifier. The file writes some numbers with a leading space (" D0009720"); the number is
    /// trimmed, since a space is no part of a document number, and a warning says so.
    /// </summary>
    public void Document(IdentifierKind kind, string label, string? number, string? information, ParseContext context, string where)
    {
        var info = SourceText.Clean(information);
        if (number is not null && number.Length > 0 && number.Trim().Length > 0 && number.Trim().Length != number.Length)
        {
            context.Warnings.Add($"{where}: {label} '{number}' has surrounding spaces; trimmed to '{number.Trim()}'");
        }

        if (SourceText.Clean(number) is { } n)
        {
            Identifier(new Identifier { Kind = kind, Label = label, Value = n, Note = info });
        }
        else if (info is not null)
        {
            Other(label, info);
        }
    }

    /// <summary>
    /// A date of birth as the file writes it: "12/11/1967", or with placeholders for the unknown parts: "dd/mm/1968" is
    /// the year 1968 and "dd/11/1967" November 1967. A placeholder is never turned into a day.
    /// </summary>
    public void BirthDate(string? raw, string element)
    {
        var s = SourceText.Clean(raw);
        if (s is null)
        {
            return;
        }

        var d = Date(s, element)!.Value;
        if (!_birthDates.Any(b => b.From == d))
        {
            _birthDates.Add(Model.BirthDate.Exact(d, s));
        }
    }

    public void Nationality(string? raw)
    {
        if (SourceText.Clean(raw) is not { } n)
        {
            return;
        }

        if (SourceText.Country(n) is { } code)
        {
            AddOnce(_nationalities, code);
        }
        else
        {
            var codes = Nationalities.Resolve(n).ToList();
            foreach (var c in codes)
            {
                AddOnce(_nationalities, c);
            }

            // Unresolved or qualified text stays visible to the analyst.
            Other(Keys.Nationality, n);
        }
    }

    public void Position(string? raw) => AddOnce(_titles, SourceText.Clean(raw));

    public void Gender(string? raw, string element)
    {
        var g = SourceText.Clean(raw);
        if (g is null)
        {
            return;
        }

        _gender = g.ToLowerInvariant() switch
        {
            "male" => Model.Gender.Male,
            "female" => Model.Gender.Female,
            _ => throw _bad(element, $"unknown gender '{g}' (expected Male or Female)"),
        };
    }

    public void BirthPlace(string? town, string? country) => AddOnce(_birthPlaces, SourceText.Join(", ", SourceText.Clean(town), SourceText.Clean(country)));

    public void EntityType(string? raw) => Other(Keys.TypeOfEntity, raw);

    public void Related(string relation, string? name)
    {
        if (SourceText.Clean(name) is { } n && !_links.Any(l => l.Relation == relation && l.TargetName == n))
        {
            _links.Add(new EntityLink { Relation = relation, TargetName = n });
        }
    }

    public void Registration(string? number) => Contact(IdentifierKind.Registration, "Business registration number", number);

    /// <summary>IMO numbers are written "IMO9562233"; the value is the seven digits, as the other lists give it.</summary>
    public void Imo(string? raw, string element)
    {
        if (SourceText.Clean(raw) is not { } s)
        {
            return;
        }

        var digits = s.StartsWith("IMO", StringComparison.OrdinalIgnoreCase) ? s[3..].Trim() : s;
        if (!ImoDigits().IsMatch(digits))
        {
            throw _bad(element, $"IMO number '{s}' is not seven digits");
        }

        Identifier(new Identifier { Kind = IdentifierKind.Imo, Label = "IMO number", Value = digits, Note = digits == s ? null : $"published as {s}" });
    }

    public void Ship(string? currentOwner, string? previousOwner, string? currentFlag, string? previousFlag, string? type, string? tonnage, string? length, string? yearBuilt, string? hin)
    {
        AddOnce(_owners, SourceText.Clean(currentOwner));
        Other(Keys.PreviousOwner, previousOwner);
        AddOnce(_flags, SourceText.Clean(currentFlag));
        Other(Keys.PreviousFlag, previousFlag);
        _shipType ??= SourceText.Clean(type);
        _tonnage ??= SourceText.Clean(tonnage);
        Other(Keys.ShipLength, length);
        _yearBuilt ??= SourceText.Clean(yearBuilt);
        Other(Keys.Hin, hin);
    }

    public Entity Build(ParseContext context, string element)
    {
        var kind = _kind ?? throw _bad(element, "no designation type (Individual, Entity or Ship)");
        var primary = _names.Where(n => n.Type == NameType.Primary).ToList();
        if (primary.Count == 0)
        {
            throw _bad(element, _names.Count == 0 ? "designation without a name" : "designation without a primary name");
        }

        var vessel = kind == EntityKind.Vessel || _owners.Count > 0 || _flags.Count > 0 || _shipType is not null
            ? new VesselInfo
            {
                Type = _shipType,
                Tonnage = _tonnage,
                Flag = _flags.Count == 0 ? null : SourceText.Country(_flags[0]),
                FlagName = _flags.Count == 0 ? null : string.Join("; ", _flags),
                Owner = _owners.Count == 0 ? null : string.Join("; ", _owners),
                BuildYear = _yearBuilt,
            }
            : null;

        return new Entity
        {
            Id = $"{context.ListId}:{UniqueId}",
            ListId = context.ListId,
            NativeId = UniqueId,
            Kind = kind,
            Names = [.. primary, .. _nonLatin, .. _names.Where(n => n.Type != NameType.Primary)],
            BirthDates = _birthDates,
            BirthPlaces = _birthPlaces,
            Nationalities = _nationalities,
            Gender = _gender,
            Titles = _titles,
            Addresses = _addresses,
            Identifiers = _identifiers,
            Programs = _programs,
            ListedOn = _designated,
            Remarks = _remarks.Count == 0 ? null : string.Join("\n", _remarks),
            Vessel = vessel,
            Links = _links,
            Other = _other,
        };
    }

    /// <summary>"DD/MM/YYYY", where "dd" and "mm" stand for an unknown day or month.</summary>
    internal PartialDate? Date(string? raw, string element)
    {
        var s = SourceText.Clean(raw);
        if (s is null)
        {
            return null;
        }

        var m = DayMonthYear().Match(s);
        if (!m.Success)
        {
            throw _bad(element, $"'{s}' is not a date (DD/MM/YYYY, dd and mm for unknown parts)");
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        int? month = m.Groups["m"].Value.Equals("mm", StringComparison.OrdinalIgnoreCase) ? null : int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        int? day = m.Groups["d"].Value.Equals("dd", StringComparison.OrdinalIgnoreCase) ? null : int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || (day is not null && (month is null || day < 1 || day > DateTime.DaysInMonth(year, month.Value))))
        {
            throw _bad(element, $"'{s}' is not a date (DD/MM/YYYY, dd and mm for unknown parts)");
        }

        return new PartialDate(year, month, day);
    }

    [GeneratedRegex(@"^(?<d>\d{1,2}|dd)/(?<m>\d{1,2}|mm)/(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^\d{7}$")]
    private static partial Regex ImoDigits();
}
