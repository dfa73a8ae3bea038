using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Interdict.Model;

namespace Interdict.Sources.Un;

/// <summary>
/// Reads the UN Security Council consolidated list (<c>consolidated.xml</c>, root <c>CONSOLIDATED_LIST</c>).
/// The file is read record by record: only one INDIVIDUAL or ENTITY is held in memory at a time.
/// </summary>
public sealed partial class UnXmlParser : IListParser
{
    public const string RootElement = "CONSOLIDATED_LIST";

    public string Format => "un-xml";

    private static readonly string[] NameParts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];

    // Committee names by UN_LIST_TYPE, so that reports can say which regime a listing belongs to.
    private static readonly Dictionary<string, string> Regimes = new(StringComparer.Ordinal)
    {
        ["Al-Qaida"] = "ISIL (Da'esh) and Al-Qaida sanctions (resolution 1267)",
        ["Taliban"] = "Taliban sanctions (resolution 1988)",
        ["DPRK"] = "Democratic People's Republic of Korea sanctions (resolution 1718)",
        ["Iran"] = "Iran sanctions (resolution 1737)",
        ["Iraq"] = "Iraq sanctions (resolution 1518)",
        ["DRC"] = "Democratic Republic of the Congo sanctions (resolution 1533)",
        ["Libya"] = "Libya sanctions (resolution 1970)",
        ["Somalia"] = "Al-Shabaab sanctions (resolution 2713, formerly 751)",
        ["CAR"] = "Central African Republic sanctions (resolution 2127)",
        ["Haiti"] = "Haiti sanctions (resolution 2653)",
        ["Yemen"] = "Yemen sanctions (resolution 2140)",
        ["GB"] = "Guinea-Bissau sanctions (resolution 2048)",
        ["Sudan"] = "Sudan sanctions (resolution 1591)",
        ["SouthSudan"] = "South Sudan sanctions (resolution 2206)",
    };

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context) => EachFile.Parse(files, context, ParseFile);

    private static IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context)
    {
        using var stream = file.Open();
        using var reader = SourceXml.CreateReader(stream);
        var lineInfo = (IXmlLineInfo)reader;
        string? current = null;
        var sawRoot = false;

        while (true)
        {
            XElement? record;
            long recordLine;
            try
            {
                if (!reader.Read())
                {
                    break;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (!sawRoot)
                {
                    if (reader.LocalName != RootElement)
                    {
                        throw new ListFormatException(file.Name, $"root element is <{reader.Name}>, expected <{RootElement}>: this is not a UN consolidated list", lineInfo.LineNumber, reader.Name);
                    }

                    sawRoot = true;
                    ReadHeader(reader, file, context, lineInfo);
                    continue;
                }

                if (reader.LocalName is not ("INDIVIDUAL" or "ENTITY"))
                {
                    current = reader.LocalName;
                    continue;
                }

                current = reader.LocalName;
                recordLine = lineInfo.LineNumber;
                using var sub = reader.ReadSubtree();
                record = XElement.Load(sub, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw new ListFormatException(file.Name, SourceXml.Describe(ex), ex.LineNumber == 0 ? null : ex.LineNumber, current ?? (sawRoot ? RootElement : null), ex);
            }
            catch (System.Text.DecoderFallbackException ex)
            {
                throw new ListFormatException(file.Name, "not valid UTF-8: " + ex.Message, lineInfo.LineNumber, current, ex);
            }

            yield return Map(record, recordLine, file, context);
        }

        if (!sawRoot)
        {
            throw new ListFormatException(file.Name, "empty file: no XML root element", 1);
        }
    }

    private static void ReadHeader(XmlReader reader, SourceInput file, ParseContext context, IXmlLineInfo lineInfo)
    {
        var generated = reader.GetAttribute("dateGenerated");
        if (generated is null)
        {
            return;
        }

        if (!DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var published))
        {
            throw new ListFormatException(file.Name, $"dateGenerated '{generated}' is not a date", lineInfo.LineNumber, RootElement);
        }

        context.Published = published;
    }

    private static Entity Map(XElement x, long line, SourceInput file, ParseContext context)
    {
        var individual = x.Name.LocalName == "INDIVIDUAL";
        var reference = Text(x, "REFERENCE_NUMBER")
            ?? throw new ListFormatException(file.Name, $"{x.Name.LocalName} without REFERENCE_NUMBER", line, x.Name.LocalName);
        var where = $"{x.Name.LocalName} {reference}";

        ListFormatException Bad(XElement at, string reason) =>
            new(file.Name, $"{where}: {reason}", LineOf(at, line), at.Name.LocalName);

        var parts = NameParts.Select(n => Text(x, n)).ToArray();
        var present = parts.Where(p => p is not null).Cast<string>().ToArray();
        if (present.Length == 0)
        {
            throw Bad(x, "no name (FIRST_NAME..FOURTH_NAME are empty)");
        }

        var regime = Text(x, "UN_LIST_TYPE");
        var names = new List<EntityName> { PrimaryName(present, individual, regime) };

        var other = new List<KeyValuePair<string, string>>();
        var birthDates = new List<BirthDate>();
        var birthPlaces = new List<string>();

        // Dates and places stated with an alias come after the entry's own ones.
        var aliasBirthDates = new List<BirthDate>();
        var aliasBirthPlaces = new List<string>();
        var nationalities = new List<string>();
        var titles = new List<string>();
        var addresses = new List<Address>();
        var identifiers = new List<Identifier>();
        Gender? gender = null;
        PartialDate? listedOn = null;
        string? remarks = null;

        foreach (var el in x.Elements())
        {
            switch (el.Name.LocalName)
            {
                case "FIRST_NAME" or "SECOND_NAME" or "THIRD_NAME" or "FOURTH_NAME" or "REFERENCE_NUMBER" or "UN_LIST_TYPE":
                    break;
                case "NAME_ORIGINAL_SCRIPT":
                    if (SourceText.Clean(el.Value) is { } original && !names.Any(n => n.Full == original))
                    {
                        names.Add(new EntityName { Full = original, Script = Scripts.Detect(original), Type = NameType.Primary, Note = "name in original script" });
                    }

                    break;
                case "INDIVIDUAL_ALIAS" or "ENTITY_ALIAS":
                    if (Alias(el, aliasBirthDates, aliasBirthPlaces, Bad) is { } alias && !names.Any(n => n.Full == alias.Full && n.Type == alias.Type))
                    {
                        names.Add(alias);
                    }

                    break;
                case "LISTED_ON":
                    if (Text(el) is { } lo)
                    {
                        listedOn = SourceText.IsoPrefix(lo) ?? throw Bad(el, $"LISTED_ON '{lo}' is not a date");
                    }

                    break;
                case "GENDER":
                    gender = Text(el)?.ToLowerInvariant() switch
                    {
                        null => gender,
                        "male" => Model.Gender.Male,
                        "female" => Model.Gender.Female,
                        var g => throw Bad(el, $"unknown GENDER '{g}'"),
                    };
                    break;
                case "COMMENTS1":
                    remarks = string.IsNullOrWhiteSpace(el.Value) ? null : el.Value.Trim();
                    break;
                case "TITLE" or "DESIGNATION":
                    titles.AddRange(Values(el));
                    break;
                case "NATIONALITY":
                    foreach (var v in Values(el))
                    {
                        if (SourceText.Country(v) is { } code)
                        {
                            if (!nationalities.Contains(code))
                            {
                                nationalities.Add(code);
                            }
                        }
                        else
                        {
                            other.Add(new("Nationality", v));
                            if (!v.Equals("na", StringComparison.OrdinalIgnoreCase))
                            {
                                context.Warnings.Add($"{file.Name}: {where}: nationality '{v}' is not a known country; kept as text");
                            }
                        }
                    }

                    break;
                case "INDIVIDUAL_DATE_OF_BIRTH":
                    DateOfBirth(el, birthDates, other, Bad);
                    break;
                case "INDIVIDUAL_PLACE_OF_BIRTH":
                    if (SourceText.Join(", ", Text(el, "STREET"), Text(el, "CITY"), Text(el, "STATE_PROVINCE"), Text(el, "COUNTRY")) is { } pob)
                    {
                        birthPlaces.Add(Text(el, "NOTE") is { } note ? $"{pob} ({note})" : pob);
                    }
                    else if (Text(el, "NOTE") is { } onlyNote)
                    {
                        birthPlaces.Add(onlyNote);
                    }

                    break;
                case "INDIVIDUAL_ADDRESS" or "ENTITY_ADDRESS":
                    if (Address(el) is { } address)
                    {
                        addresses.Add(address);
                    }

                    break;
                case "INDIVIDUAL_DOCUMENT":
                    Document(el, identifiers, other, Bad);
                    break;
                case "LIST_TYPE":
                    other.AddRange(Values(el).Select(v => new KeyValuePair<string, string>("List type", v)));
                    break;
                case "LAST_DAY_UPDATED":
                    other.AddRange(Values(el).Select(v => new KeyValuePair<string, string>("Last updated", v)));
                    break;
                case "DATAID":
                    AddOther(other, "DATAID", Text(el));
                    break;
                case "VERSIONNUM":
                    AddOther(other, "VERSIONNUM", Text(el));
                    break;
                default:
                    // Sort keys and elements added to the schema later: kept verbatim rather than dropped.
                    AddOther(other, el.Name.LocalName, el.HasElements ? SourceText.Join("; ", Values(el).ToArray()) : Text(el));
                    break;
            }
        }

        birthDates.AddRange(aliasBirthDates.Where(a => !birthDates.Any(b => b.From == a.From && b.To == a.To)));
        birthPlaces.AddRange(aliasBirthPlaces.Where(p => !birthPlaces.Contains(p)).Distinct());

        if (regime is not null && Regimes.TryGetValue(regime, out var regimeName))
        {
            context.ProgramNames.TryAdd(regime, regimeName);
        }

        return new Entity
        {
            Id = $"{context.ListId}:{reference}",
            ListId = context.ListId,
            NativeId = reference,
            Kind = individual ? EntityKind.Person : EntityKind.Organization,
            Names = names,
            BirthDates = birthDates,
            BirthPlaces = birthPlaces,
            Nationalities = nationalities,
            Gender = gender,
            Titles = titles,
            Addresses = addresses,
            Identifiers = identifiers,
            Programs = regime is null ? [] : [regime],
            ListedOn = listedOn,
            Remarks = remarks,
            Other = other,
        };
    }

    private static EntityName PrimaryName(string[] parts, bool individual, string? regime)
    {
        var full = string.Join(' ', parts);
        if (!individual || parts.Length < 2)
        {
            return new EntityName { Full = full };
        }

        // Korean names are published family name first (FIRST_NAME "KIM", SECOND_NAME "SONG CHOL"); elsewhere
        // FIRST_NAME is the given name and the last part the family or tribal name, with patronymics between.
        return regime == "DPRK"
            ? new EntityName { Full = full, Family = parts[0], Given = string.Join(' ', parts[1..]) }
            : new EntityName { Full = full, Given = parts[0], Family = parts[^1] };
    }

    private static EntityName? Alias(XElement el, List<BirthDate> birthDates, List<string> birthPlaces, Func<XElement, string, ListFormatException> bad)
    {
        var name = Text(el, "ALIAS_NAME");
        if (name is null)
        {
            return null;
        }

        var quality = Text(el, "QUALITY");
        var (type, strength) = quality?.ToLowerInvariant() switch
        {
            null or "" => (NameType.Aka, AliasStrength.Strong),
            "good" => (NameType.Aka, AliasStrength.Strong),
            "low" => (NameType.Aka, AliasStrength.Weak),
            "a.k.a." => (NameType.Aka, AliasStrength.Strong),
            "f.k.a." => (NameType.Fka, AliasStrength.Strong),
            _ => throw bad(el, $"unknown alias QUALITY '{quality}'"),
        };

        // An alias can come with the date and place of birth used under it (DPRK entries): they describe the same person.
        var dob = Text(el, "DATE_OF_BIRTH");
        if (dob is not null)
        {
            var d = SourceText.IsoPrefix(dob) ?? throw bad(el, $"alias DATE_OF_BIRTH '{dob}' is not a date");
            birthDates.Add(BirthDate.Exact(d, dob));
        }

        var pob = SourceText.Join(", ", Text(el, "CITY_OF_BIRTH"), Text(el, "COUNTRY_OF_BIRTH"));
        if (pob is not null)
        {
            birthPlaces.Add(pob);
        }

        var note = SourceText.Join("; ", Text(el, "NOTE"), dob is null ? null : "date of birth " + dob, pob is null ? null : "place of birth " + pob);
        return new EntityName { Full = name, Type = type, Strength = strength, Note = note, Script = Scripts.Detect(name) };
    }

    private static void DateOfBirth(XElement el, List<BirthDate> birthDates, List<KeyValuePair<string, string>> other, Func<XElement, string, ListFormatException> bad)
    {
        var type = Text(el, "TYPE_OF_DATE")?.ToUpperInvariant();
        var date = Text(el, "DATE");
        var year = Text(el, "YEAR");
        var fromYear = Text(el, "FROM_YEAR");
        var toYear = Text(el, "TO_YEAR");
        var note = Text(el, "NOTE");
        var approximate = type == "APPROXIMATELY" || (note?.StartsWith("approx", StringComparison.OrdinalIgnoreCase) ?? false);

        PartialDate Year(string s, string what) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1000 and < 3000
                ? new PartialDate(y)
                : throw bad(el, $"{what} '{s}' is not a year");

        BirthDate? result = null;
        if (type == "BETWEEN" || (fromYear is not null && toYear is not null))
        {
            if (fromYear is null || toYear is null)
            {
                throw bad(el, "BETWEEN date of birth without FROM_YEAR and TO_YEAR");
            }

            var from = Year(fromYear, "FROM_YEAR");
            var to = Year(toYear, "TO_YEAR");
            if (to < from)
            {
                throw bad(el, $"BETWEEN {fromYear} AND {toYear}: the range ends before it starts");
            }

            result = BirthDate.Between(from, to, $"between {fromYear} and {toYear}") with { Approximate = approximate };
        }
        else if (date is not null)
        {
            var d = SourceText.IsoPrefix(date) ?? throw bad(el, $"DATE '{date}' is not a date");
            result = BirthDate.Exact(d, date) with { Approximate = approximate };
        }
        else if (year is not null)
        {
            var y = Year(year, "YEAR");

            // "YEAR 1958, NOTE Sep." gives the month in the note.
            if (note is not null && SourceText.Month(note) is { } m)
            {
                result = BirthDate.Exact(new PartialDate(y.Year, m), $"{note} {year}") with { Approximate = approximate };
                note = null;
            }
            else
            {
                result = BirthDate.Exact(y, year) with { Approximate = approximate };
            }
        }
        else if (note is not null)
        {
            result = FromNote(note, approximate);
            if (result is not null)
            {
                note = null;
            }
        }

        if (result is not null)
        {
            birthDates.Add(note is not null && !note.StartsWith("approx", StringComparison.OrdinalIgnoreCase)
                ? result with { Raw = $"{result.Raw} ({note})" }
                : result);
        }
        else if (note is not null)
        {
            // "24/06/1402 (Hijri Calendar)", "30-35 years old": not a calendar date, but the analyst must see it.
            other.Add(new("Date of birth", type == "APPROXIMATELY" ? "approximately " + note : note));
        }
    }

    // "Nov. 1973", "August 1961", "Between Aug. and Sep. 1977".
    private static BirthDate? FromNote(string note, bool approximate)
    {
        var m = MonthYear().Match(note);
        if (m.Success && SourceText.Month(m.Groups["m"].Value) is { } month)
        {
            return BirthDate.Exact(new PartialDate(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), month), note) with { Approximate = approximate };
        }

        var b = BetweenMonths().Match(note);
        if (b.Success && SourceText.Month(b.Groups["a"].Value) is { } a && SourceText.Month(b.Groups["b"].Value) is { } z && a <= z)
        {
            var y = int.Parse(b.Groups["y"].Value, CultureInfo.InvariantCulture);
            return BirthDate.Between(new PartialDate(y, a), new PartialDate(y, z), note) with { Approximate = approximate };
        }

        return null;
    }

    [GeneratedRegex(@"^(?<m>[A-Za-z]{3,9})\.?\s+(?<y>\d{4})$")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"^between\s+(?<a>[A-Za-z]{3,9})\.?\s+and\s+(?<b>[A-Za-z]{3,9})\.?\s+(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex BetweenMonths();

    private static Address? Address(XElement el)
    {
        var street = Text(el, "STREET");
        var city = Text(el, "CITY");
        var region = Text(el, "STATE_PROVINCE");
        var zip = Text(el, "ZIP_CODE");
        var country = Text(el, "COUNTRY");
        var note = Text(el, "NOTE");
        if (street is null && city is null && region is null && zip is null && country is null && note is null)
        {
            return null;
        }

        return new Address
        {
            Lines = street is null ? [] : [street],
            City = city,
            Region = region,
            PostalCode = zip,
            Country = SourceText.Country(country),
            CountryName = country,
            Note = note,
        };
    }

    private static void Document(XElement el, List<Identifier> identifiers, List<KeyValuePair<string, string>> other, Func<XElement, string, ListFormatException> bad)
    {
        var type = Text(el, "TYPE_OF_DOCUMENT");
        var type2 = Text(el, "TYPE_OF_DOCUMENT2");
        var number = Text(el, "NUMBER");
        var issuing = Text(el, "ISSUING_COUNTRY") ?? Text(el, "COUNTRY_OF_ISSUE");
        var countryOfIssue = Text(el, "COUNTRY_OF_ISSUE");
        var city = Text(el, "CITY_OF_ISSUE");
        var issued = Text(el, "DATE_OF_ISSUE");
        var note = Text(el, "NOTE");
        if (type is null && type2 is null && number is null && note is null)
        {
            return;
        }

        var label = type is not null && type2 is not null && !type.Equals(type2, StringComparison.OrdinalIgnoreCase)
            ? $"{type} ({type2})"
            : type ?? type2 ?? "Document";
        var notes = SourceText.Join("; ", note, city is null ? null : "issued in " + city,
            countryOfIssue is not null && issuing is not null && countryOfIssue != issuing ? "country of issue " + countryOfIssue : null);

        if (number is null)
        {
            // Numbers that only appear inside a note ("Tunisian passport number L 191609 issued on ...") are kept as text.
            other.Add(new(label, SourceText.Join("; ", notes, issuing)!));
            return;
        }

        PartialDate? issueDate = null;
        if (issued is not null)
        {
            issueDate = SourceText.IsoPrefix(issued) ?? throw bad(el, $"DATE_OF_ISSUE '{issued}' is not a date");
        }

        identifiers.Add(new Identifier
        {
            Kind = KindOf(type2 is not null && KindOf(type) == IdentifierKind.NationalId && KindOf(type2) != IdentifierKind.Other ? type2 : type ?? type2),
            Label = label,
            Value = number,
            Country = SourceText.Country(issuing),
            CountryName = issuing,
            IssueDate = issueDate,
            Note = notes,
        });
    }

    internal static IdentifierKind KindOf(string? label)
    {
        var l = label?.ToLowerInvariant() ?? "";
        return l switch
        {
            _ when l.Contains("passport", StringComparison.Ordinal) || l.Contains("pasaporte", StringComparison.Ordinal) || l.Contains("passeport", StringComparison.Ordinal) => IdentifierKind.Passport,
            _ when l.Contains("birth certificate", StringComparison.Ordinal) => IdentifierKind.BirthCertificate,
            _ when l.Contains("driver", StringComparison.Ordinal) => IdentifierKind.DrivingLicense,
            _ when l.Contains("social security", StringComparison.Ordinal) => IdentifierKind.SocialSecurity,
            _ when l.Contains("fiscal", StringComparison.Ordinal) || l.Contains("tax", StringComparison.Ordinal) => IdentifierKind.TaxId,
            _ when l.Contains("residen", StringComparison.Ordinal) => IdentifierKind.ResidencyCard,
            _ when l.Contains("identi", StringComparison.Ordinal) || l.Contains("tazkira", StringComparison.Ordinal) || l.Contains("national number", StringComparison.Ordinal) => IdentifierKind.NationalId,
            _ => IdentifierKind.Other,
        };
    }

    private static void AddOther(List<KeyValuePair<string, string>> other, string key, string? value)
    {
        if (value is not null)
        {
            other.Add(new(key, value));
        }
    }

    private static IEnumerable<string> Values(XElement el) =>
        el.Elements("VALUE").Select(v => SourceText.Clean(v.Value)).Where(v => v is not null).Cast<string>();

    private static string? Text(XElement el) => SourceText.Clean(el.Value);

    private static string? Text(XElement parent, string child) => parent.Element(child) is { } c ? SourceText.Clean(c.Value) : null;

    private static long LineOf(XElement el, long fallback) =>
        el is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : fallback;
}
