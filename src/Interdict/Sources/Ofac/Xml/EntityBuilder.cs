using Interdict.Model;

namespace Interdict.Sources.Ofac.Xml;

/// <summary>
/// Collects what one OFAC record says, in publication order, and routes OFAC's labelled facts ("Vessel Flag",
/// "SWIFT/BIC", "Gender", "Secondary sanctions risk:") to the model field they belong to. Shared by the three XML
/// formats so that the same label lands in the same field whichever format it came from.
/// </summary>
internal sealed class EntityBuilder
{
    private readonly Action<string> _warn;
    private VesselInfo? _vessel;
    private AircraftInfo? _aircraft;

    public EntityBuilder(string nativeId, Action<string> warn)
    {
        NativeId = nativeId;
        _warn = warn;
    }

    public string NativeId { get; }

    public List<EntityName> Names { get; } = [];
    public List<BirthDate> BirthDates { get; } = [];
    public List<string> BirthPlaces { get; } = [];
    public List<string> Nationalities { get; } = [];
    public List<string> Citizenships { get; } = [];
    public List<string> Titles { get; } = [];
    public List<Address> Addresses { get; } = [];
    public List<Identifier> Identifiers { get; } = [];
    public List<string> Programs { get; } = [];
    public List<EntityLink> Links { get; } = [];
    public List<KeyValuePair<string, string>> Other { get; } = [];
    public Gender? Gender { get; set; }
    public PartialDate? ListedOn { get; set; }
    public string? Remarks { get; set; }

    public void Warn(string message) => _warn(message);

    public void AddProgram(string? program)
    {
        var p = OfacVocabulary.Trimmed(program);
        if (p is not null && !Programs.Contains(p))
        {
            Programs.Add(p);
        }
    }

    public void AddListedOn(PartialDate date)
    {
        if (ListedOn is null || date < ListedOn.Value)
        {
            ListedOn = date;
        }
    }

    public void AddOther(string label, string? value)
    {
        var v = OfacVocabulary.Trimmed(value);
        if (v is not null)
        {
            Other.Add(new(label.Trim(), v));
        }
    }

    public void AddNationality(string? country) => AddCountry(Nationalities, country, "nationality");

    public void AddCitizenship(string? country) => AddCountry(Citizenships, country, "citizenship");

    /// <summary>Adds a country already resolved by the publisher (Advanced/Enhanced reference tables carry ISO codes).</summary>
    public void AddCountryCode(List<string> target, string? iso2, string? name, string what)
    {
        if (!string.IsNullOrWhiteSpace(iso2))
        {
            var code = iso2.Trim().ToUpperInvariant();
            if (!target.Contains(code))
            {
                target.Add(code);
            }

            return;
        }

        AddCountry(target, name, what);
    }

    private void AddCountry(List<string> target, string? country, string what)
    {
        var name = OfacVocabulary.Trimmed(country);
        if (name is null)
        {
            return;
        }

        var code = Countries.Resolve(name);
        if (code is null)
        {
            _warn($"{NativeId}: {what} '{name}' is not a known country");
            return;
        }

        if (!target.Contains(code))
        {
            target.Add(code);
        }
    }

    /// <summary>
    /// One labelled value as OFAC publishes it in idList (classic), Feature (Advanced) or feature (Enhanced).
    /// </summary>
    public void AddLabelled(string label, string? value, string? countryName = null, PartialDate? issued = null, PartialDate? expires = null, string? note = null)
    {
        var v = OfacVocabulary.Trimmed(value);
        if (v is null)
        {
            return;
        }

        label = label.Trim();
        switch (label.ToUpperInvariant())
        {
            case "VESSEL CALL SIGN":
                _vessel = (_vessel ?? new VesselInfo()) with { CallSign = v };
                return;
            case "VESSEL TYPE":
                _vessel = (_vessel ?? new VesselInfo()) with { Type = v };
                return;
            case "VESSEL FLAG":
                _vessel = (_vessel ?? new VesselInfo()) with { FlagName = v, Flag = Countries.Resolve(v) };
                return;
            case "VESSEL OWNER":
                _vessel = (_vessel ?? new VesselInfo()) with { Owner = v };
                return;
            case "VESSEL TONNAGE":
                _vessel = (_vessel ?? new VesselInfo()) with { Tonnage = v };
                return;
            case "VESSEL GROSS REGISTERED TONNAGE":
                _vessel = (_vessel ?? new VesselInfo()) with { GrossRegisteredTonnage = v };
                return;
            case "VESSEL YEAR OF BUILD":
                _vessel = (_vessel ?? new VesselInfo()) with { BuildYear = v };
                return;
            case "AIRCRAFT MODEL":
                _aircraft = (_aircraft ?? new AircraftInfo()) with { Model = v };
                return;
            case "AIRCRAFT OPERATOR":
                _aircraft = (_aircraft ?? new AircraftInfo()) with { Operator = v };
                return;
            case "AIRCRAFT MANUFACTURE DATE":
                _aircraft = (_aircraft ?? new AircraftInfo()) with { ConstructionDate = v };
                return;
            case "AIRCRAFT TAIL NUMBER":
                _aircraft = (_aircraft ?? new AircraftInfo()) with { TailNumber = v };
                break;
            case "AIRCRAFT MANUFACTURER’S SERIAL NUMBER (MSN)":
            case "AIRCRAFT MANUFACTURER'S SERIAL NUMBER (MSN)":
                _aircraft = (_aircraft ?? new AircraftInfo()) with { SerialNumber = v };
                break;
            case "GENDER":
                Gender = v.ToUpperInvariant() switch
                {
                    "MALE" => Model.Gender.Male,
                    "FEMALE" => Model.Gender.Female,
                    _ => Gender,
                };
                return;
            case "TITLE":
                Titles.Add(v);
                return;
            case "PLACE OF BIRTH":
                BirthPlaces.Add(v);
                return;
            case "NATIONALITY COUNTRY":
                AddNationality(v);
                return;
            case "CITIZENSHIP COUNTRY":
                AddCitizenship(v);
                return;
        }

        if (OfacVocabulary.IdentifierKindOf(label) is { } kind)
        {
            Identifiers.Add(OfacVocabulary.MakeIdentifier(kind, label, v, countryName, issued, expires, note));
        }
        else
        {
            Other.Add(new(label, v));
        }
    }

    public void SetVessel(VesselInfo vessel) => _vessel = vessel;

    public Entity Build(string listId, EntityKind kind) => new()
    {
        Id = listId + ":" + NativeId,
        ListId = listId,
        NativeId = NativeId,
        Kind = kind,
        Names = Names,
        BirthDates = BirthDates,
        BirthPlaces = BirthPlaces,
        Nationalities = Nationalities,
        Citizenships = Citizenships,
        Gender = Gender,
        Titles = Titles,
        Addresses = Addresses,
        Identifiers = Identifiers,
        Programs = Programs,
        ListedOn = ListedOn,
        Remarks = Remarks,
        Vessel = _vessel,
        Aircraft = _aircraft,
        Links = Links,
        Other = Other,
    };
}
