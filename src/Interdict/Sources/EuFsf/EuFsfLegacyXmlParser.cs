using System.Xml;
using System.Xml.Linq;
using Interdict.Model;

namespace Interdict.Sources.EuFsf;

/// <summary>
/// Reads the discontinued EU Financial Sanctions Files XML of 2016 and before (root <c>WHOLE</c>, one <c>ENTITY</c> per
/// listed party with <c>NAME</c>, <c>BIRTH</c>, <c>PASSPORT</c>, <c>CITIZEN</c> and <c>ADDRESS</c> children, each carrying
/// its own legal basis and programme). Ids are <c>eu-fsf:&lt;ENTITY Id&gt;</c>. The current FSF layout
/// (<c>export/sanctionEntity</c>) is a separate parser beside this one, sharing <see cref="EuFsfText"/>.
/// </summary>
public sealed class EuFsfLegacyXmlParser : IListParser
{
    public const string RootElement = "WHOLE";

    public string Format => "eu-fsf-legacy-xml";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context) => EachFile.Parse(files, context, ParseFile);

    private static IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context)
    {
        using var reader = SourceXml.CreateReader(file.Open());
        var lineInfo = (IXmlLineInfo)reader;
        string? current = null;
        var sawRoot = false;
        while (true)
        {
            XElement record;
            long line;
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
                        throw new ListFormatException(file.Name, $"root element is <{reader.Name}>, expected <{RootElement}>: this is not a legacy EU FSF file", lineInfo.LineNumber, reader.Name);
                    }

                    sawRoot = true;
                    if (reader.GetAttribute("Date") is { } date)
                    {
                        context.Published = EuFsfText.DayMonthYear(date)
                            ?? throw new ListFormatException(file.Name, $"Date '{date}' is not DD/MM/YYYY", lineInfo.LineNumber, RootElement);
                    }

                    continue;
                }

                if (reader.LocalName != "ENTITY")
                {
                    throw new ListFormatException(file.Name, $"unexpected element <{reader.Name}> in <{RootElement}>", lineInfo.LineNumber, reader.Name);
                }

                current = "ENTITY";
                line = lineInfo.LineNumber;
                using var sub = reader.ReadSubtree();
                record = XElement.Load(sub, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw new ListFormatException(file.Name, SourceXml.Describe(ex), ex.LineNumber == 0 ? null : ex.LineNumber, current ?? (sawRoot ? RootElement : null), ex);
            }

            yield return Map(record, line, file, context);
        }

        if (!sawRoot)
        {
            throw new ListFormatException(file.Name, "empty file: no XML root element", 1);
        }
    }

    private static Entity Map(XElement x, long line, SourceInput file, ParseContext context)
    {
        var id = Attr(x, "Id") ?? throw new ListFormatException(file.Name, "ENTITY without Id", line, "ENTITY");
        ListFormatException Bad(XElement at, string reason) =>
            new(file.Name, $"ENTITY {id}: {reason}", at is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : line, at.Name.LocalName);

        var kind = Attr(x, "Type") switch
        {
            "P" => EntityKind.Person,
            "E" => EntityKind.Organization,
            var t => throw Bad(x, $"unknown Type '{t}' (expected P or E)"),
        };

        var names = new List<EntityName>();
        var birthDates = new List<BirthDate>();
        var birthPlaces = new List<string>();
        var citizenships = new List<string>();
        var titles = new List<string>();
        var addresses = new List<Address>();
        var identifiers = new List<Identifier>();
        var programs = new List<string>();
        var other = new List<KeyValuePair<string, string>>();
        Gender? gender = null;
        PartialDate? listedOn = null;

        void AddOther(string key, string? value)
        {
            if (value is not null && !other.Contains(new(key, value)))
            {
                other.Add(new(key, value));
            }
        }

        // Every element says under which act and programme it was published; the acts are the legal record.
        void Provenance(XElement el)
        {
            if (Attr(el, "programme") is { } p && !programs.Contains(p))
            {
                programs.Add(p);
            }

            AddOther("legal_basis", Attr(el, "legal_basis"));
            AddOther("pdf_link", Attr(el, "pdf_link"));
            if (Attr(el, "reg_date") is { } reg)
            {
                var d = SourceText.IsoPrefix(reg) ?? throw Bad(el, $"reg_date '{reg}' is not a date");
                if (listedOn is null || d < listedOn)
                {
                    listedOn = d;
                }
            }
        }

        Provenance(x);
        foreach (var el in x.Elements())
        {
            switch (el.Name.LocalName)
            {
                case "NAME":
                    Provenance(el);
                    Name(el, kind, names, titles, ref gender, Bad);
                    break;
                case "BIRTH":
                    Provenance(el);
                    if (Text(el, "DATE") is { } date)
                    {
                        var bd = EuFsfText.BirthDate(date) ?? throw Bad(el, $"birth DATE '{date}' is not a date");
                        if (!birthDates.Any(b => b.From == bd.From && b.To == bd.To && b.Approximate == bd.Approximate))
                        {
                            birthDates.Add(bd);
                        }
                    }

                    var country = Text(el, "COUNTRY");
                    if (SourceText.Join(", ", Text(el, "PLACE"), Countries.Name(EuFsfText.Country(country)) ?? country) is { } place && !birthPlaces.Contains(place))
                    {
                        birthPlaces.Add(place);
                    }

                    break;
                case "CITIZEN":
                    Provenance(el);
                    if (Text(el, "COUNTRY") is { } c)
                    {
                        if (EuFsfText.Country(c) is { } code)
                        {
                            if (!citizenships.Contains(code))
                            {
                                citizenships.Add(code);
                            }
                        }
                        else
                        {
                            AddOther("CITIZEN", c);
                            context.Warnings.Add($"{file.Name}: ENTITY {id}: citizenship '{c}' is not a known country; kept as text");
                        }
                    }

                    break;
                case "PASSPORT":
                    Provenance(el);
                    if (Text(el, "NUMBER") is not null)
                    {
                        var (value, idKind, label, note) = EuFsfText.Document(el.Element("NUMBER")!.Value);
                        var issuing = Text(el, "COUNTRY");
                        var identifier = new Identifier
                        {
                            Kind = idKind,
                            Label = label,
                            Value = value,
                            Country = EuFsfText.Country(issuing),
                            CountryName = issuing is null ? null : Countries.Name(EuFsfText.Country(issuing)) ?? issuing,
                            Note = note,
                        };
                        if (!identifiers.Contains(identifier))
                        {
                            identifiers.Add(identifier);
                        }
                    }

                    break;
                case "ADDRESS":
                    Provenance(el);
                    if (Address(el) is { } address && !addresses.Any(a => a.ToString() == address.ToString() && a.Note == address.Note))
                    {
                        addresses.Add(address);
                    }

                    break;
                default:
                    AddOther(el.Name.LocalName, SourceText.Clean(el.Value));
                    break;
            }
        }

        if (names.Count == 0)
        {
            throw Bad(x, "no NAME with a name");
        }

        return new Entity
        {
            Id = $"{context.ListId}:{id}",
            ListId = context.ListId,
            NativeId = id,
            Kind = kind,
            Names = names,
            BirthDates = birthDates,
            BirthPlaces = birthPlaces,
            Citizenships = citizenships,
            Gender = gender,
            Titles = titles,
            Addresses = addresses,
            Identifiers = identifiers,
            Programs = programs,
            ListedOn = listedOn,
            Remarks = Attr(x, "remark"),
            Other = other,
        };
    }

    private static void Name(XElement el, EntityKind kind, List<EntityName> names, List<string> titles, ref Gender? gender, Func<XElement, string, ListFormatException> bad)
    {
        var first = Text(el, "FIRSTNAME");
        var middle = Text(el, "MIDDLENAME");
        var last = Text(el, "LASTNAME");
        var full = Text(el, "WHOLENAME") ?? SourceText.Join(" ", first, middle, last);
        foreach (var t in new[] { Text(el, "TITLE"), Text(el, "FUNCTION") })
        {
            if (t is not null && !titles.Contains(t, StringComparer.OrdinalIgnoreCase))
            {
                titles.Add(t);
            }
        }

        gender = Text(el, "GENDER") switch
        {
            null => gender,
            "M" => Gender.Male,
            "F" => Gender.Female,
            var g => throw bad(el, $"unknown GENDER '{g}'"),
        };

        if (full is null || names.Any(n => n.Full == full))
        {
            return;
        }

        var language = Text(el, "LANGUAGE");
        names.Add(new EntityName
        {
            Full = full,
            Type = names.Count == 0 ? NameType.Primary : NameType.Aka,
            Given = kind == EntityKind.Person ? SourceText.Join(" ", first, middle) : null,
            Family = kind == EntityKind.Person ? last : null,
            Script = Scripts.Detect(full),
            Note = language is null ? null : "language " + language,
        });
    }

    private static Address? Address(XElement el)
    {
        var street = SourceText.Join(" ", Text(el, "NUMBER"), Text(el, "STREET"));
        var city = Text(el, "CITY");
        var zip = Text(el, "ZIPCODE");
        var country = Text(el, "COUNTRY");
        var note = Text(el, "OTHER");
        if (street is null && city is null && zip is null && country is null && note is null)
        {
            return null;
        }

        var code = EuFsfText.Country(country);
        return new Address
        {
            Lines = street is null ? [] : [street],
            City = city,
            PostalCode = zip,
            Country = code,
            CountryName = Countries.Name(code) ?? country,
            Note = note,
        };
    }

    private static string? Attr(XElement el, string name) => SourceText.Clean(el.Attribute(name)?.Value);

    private static string? Text(XElement parent, string child) => parent.Element(child) is { } c ? SourceText.Clean(c.Value) : null;
}
