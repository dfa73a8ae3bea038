using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Interdict.Model;

namespace Interdict.Sources.EuFsf;

/// <summary>
/// Reads the EU Financial Sanctions Files XML v1.1 (root <c>export</c> in namespace
/// <c>http://eu.europa.ec/fpi/fsd/export</c>, one <c>sanctionEntity</c> per listed party). Ids are
/// <c>eu-fsf:&lt;logicalId&gt;</c>: the legacy file's <c>ENTITY Id</c> is the same number (Saddam Hussein Al-Tikriti
/// is 13 in both), so a history that crosses the format change keeps its entries. The EU reference number
/// ("EU.27.28") and the UN reference are kept in <see cref="Entity.Other"/>.
/// </summary>
public sealed class EuFsfXmlParser : IListParser
{
    public const string Namespace = "http://eu.europa.ec/fpi/fsd/export";
    public const string RootElement = "export";
    private const string EntityElement = "sanctionEntity";

    public string Format => "eu-fsf-xml";

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
                    if (reader.LocalName != RootElement || reader.NamespaceURI != Namespace)
                    {
                        throw new ListFormatException(
                            file.Name,
                            $"root element is <{reader.Name}>{(reader.NamespaceURI.Length > 0 ? $" in namespace {reader.NamespaceURI}" : "")}, expected <{RootElement} xmlns=\"{Namespace}\">: this is not an EU FSF v1.1 file",
                            lineInfo.LineNumber,
                            reader.Name);
                    }

                    sawRoot = true;
                    if (reader.GetAttribute("generationDate") is { Length: > 0 } generated)
                    {
                        context.Published = DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.None, out var g)
                            ? g
                            : throw new ListFormatException(file.Name, $"generationDate '{generated}' is not a date and time", lineInfo.LineNumber, RootElement);
                    }

                    continue;
                }

                if (reader.LocalName != EntityElement)
                {
                    throw new ListFormatException(file.Name, $"unexpected element <{reader.Name}> in <{RootElement}>", lineInfo.LineNumber, reader.Name);
                }

                current = EntityElement;
                line = lineInfo.LineNumber;
                using var sub = reader.ReadSubtree();
                record = XElement.Load(sub, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw new ListFormatException(file.Name, SourceXml.Describe(ex), ex.LineNumber == 0 ? null : ex.LineNumber, current ?? (sawRoot ? RootElement : null), ex);
            }

            yield return new EntityReader(record, line, file, context).Read();
        }

        if (!sawRoot)
        {
            throw new ListFormatException(file.Name, "empty file: no XML root element", 1);
        }
    }

    /// <summary>One <c>sanctionEntity</c> into the model; every problem names the entry and the element.</summary>
    private sealed class EntityReader(XElement x, long line, SourceInput file, ParseContext context)
    {
        private readonly List<EntityName> _names = [];
        private readonly List<BirthDate> _birthDates = [];
        private readonly List<string> _birthPlaces = [];
        private readonly List<string> _citizenships = [];
        private readonly List<string> _titles = [];
        private readonly List<Address> _addresses = [];
        private readonly List<Identifier> _identifiers = [];
        private readonly List<string> _programs = [];
        private readonly List<KeyValuePair<string, string>> _other = [];
        private readonly List<string> _remarks = [];
        private Gender? _gender;
        private string _id = "?";

        public Entity Read()
        {
            _id = Attr(x, "logicalId") ?? throw new ListFormatException(file.Name, "sanctionEntity without logicalId", line, EntityElement);
            if (Attr(x, "logicalId") is { } logical && !long.TryParse(logical, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw Bad(x, $"logicalId '{logical}' is not a number");
            }

            AddOther("EU reference number", Attr(x, "euReferenceNumber"));
            if (Attr(x, "unitedNationId") is { } un)
            {
                AddOther(ListReferences.UnReference, un);
            }

            AddOther("designation details", Attr(x, "designationDetails"));
            PartialDate? listedOn = null;
            if (Attr(x, "designationDate") is { } designated)
            {
                listedOn = Date(x, "designationDate", designated);
            }

            EntityKind? kind = null;
            foreach (var el in x.Elements())
            {
                switch (el.Name.LocalName)
                {
                    case "subjectType":
                        kind = Attr(el, "code") switch
                        {
                            "person" => EntityKind.Person,
                            "enterprise" => EntityKind.Organization,
                            var c => throw Bad(el, $"unknown subjectType code '{c}' (expected person or enterprise)"),
                        };
                        break;
                    case "remark":
                        if (SourceText.Clean(el.Value) is { } remark)
                        {
                            _remarks.Add(remark);
                        }

                        break;
                    case "regulation":
                        Regulation(el);
                        break;
                    case "nameAlias":
                        break;
                    case "citizenship":
                        Citizenship(el);
                        break;
                    case "birthdate":
                        Birth(el);
                        break;
                    case "identification":
                        Identification(el);
                        break;
                    case "address":
                        Address(el);
                        break;
                    case "contactInfo":
                        Contact(el, null);
                        break;
                    case "regulationSummary":
                        break;
                    default:
                        AddOther(el.Name.LocalName, SourceText.Clean(el.Value));
                        break;
                }
            }

            var entityKind = kind ?? throw Bad(x, "no subjectType (person or enterprise)");

            // Names last: whether a name has given and family parts depends on the kind, stated anywhere in the entry.
            foreach (var el in x.Elements().Where(e => e.Name.LocalName == "nameAlias"))
            {
                Name(el, entityKind);
            }

            if (_names.Count == 0)
            {
                throw Bad(x, "no nameAlias with a name");
            }

            return new Entity
            {
                Id = $"{context.ListId}:{_id}",
                ListId = context.ListId,
                NativeId = _id,
                Kind = entityKind,
                Names = _names,
                BirthDates = _birthDates,
                BirthPlaces = _birthPlaces,
                Citizenships = _citizenships,
                Gender = _gender,
                Titles = _titles,
                Addresses = _addresses,
                Identifiers = _identifiers,
                Programs = _programs,
                ListedOn = listedOn,
                Remarks = _remarks.Count == 0 ? null : string.Join("\n", _remarks),
                Other = _other,
            };
        }

        private ListFormatException Bad(XElement at, string reason) =>
            new(file.Name, $"sanctionEntity {_id}: {reason}", at is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : line, at.Name.LocalName);

        private void AddOther(string key, string? value)
        {
            if (value is not null && !_other.Contains(new(key, value)))
            {
                _other.Add(new(key, value));
            }
        }

        private PartialDate Date(XElement el, string attribute, string value) =>
            SourceText.IsoPrefix(value) is { Precision: DatePrecision.Day } d && value.Length == 10
                ? d
                : throw Bad(el, $"{attribute} '{value}' is not a date (YYYY-MM-DD)");

        /// <summary>The act that lists the entry: its programme, and its number, dates and Official Journal address as the legal record.</summary>
        private void Regulation(XElement el)
        {
            if (Attr(el, "programme") is { } p && !_programs.Contains(p))
            {
                _programs.Add(p);
            }

            var published = Attr(el, "publicationDate");
            var inForce = Attr(el, "entryIntoForceDate");
            AddOther("regulation", SourceText.Join(
                ", ",
                SourceText.Join(" ", Attr(el, "regulationType"), Attr(el, "numberTitle")),
                Attr(el, "programme") is { } prog ? "programme " + prog : null,
                published is null ? null : "published " + published,
                inForce is null ? null : "in force " + inForce,
                Text(el, "publicationUrl")));
        }

        private void Name(XElement el, EntityKind kind)
        {
            var first = Attr(el, "firstName");
            var middle = Attr(el, "middleName");
            var last = Attr(el, "lastName");
            var full = Attr(el, "wholeName") ?? SourceText.Join(" ", first, middle, last);
            foreach (var t in new[] { Attr(el, "title"), Attr(el, "function") })
            {
                if (t is not null && !_titles.Contains(t, StringComparer.OrdinalIgnoreCase))
                {
                    _titles.Add(t);
                }
            }

            _gender = Attr(el, "gender") switch
            {
                null => _gender,
                "M" => Gender.Male,
                "F" => Gender.Female,
                var g => throw Bad(el, $"unknown gender '{g}' (expected M or F)"),
            };

            var strength = Attr(el, "strong") switch
            {
                null or "true" => AliasStrength.Strong,
                "false" => AliasStrength.Weak,
                var s => throw Bad(el, $"strong '{s}' is not true or false"),
            };

            if (full is null || _names.Any(n => n.Full == full))
            {
                return;
            }

            var language = Attr(el, "nameLanguage");
            _names.Add(new EntityName
            {
                Full = full,
                Type = _names.Count == 0 ? NameType.Primary : NameType.Aka,
                Strength = strength,
                Given = kind == EntityKind.Person ? SourceText.Join(" ", first, middle) : null,
                Family = kind == EntityKind.Person ? last : null,
                Script = Scripts.Detect(full),
                Note = SourceText.Join("; ", language is null ? null : "language " + language, Remark(el)),
            });
        }

        private void Citizenship(XElement el)
        {
            if (CountryCode(el) is { } code)
            {
                if (!_citizenships.Contains(code))
                {
                    _citizenships.Add(code);
                }
            }
            else if (SourceText.Join(", ", Attr(el, "region"), KnownDescription(el)) is { } text)
            {
                AddOther("citizenship", text);
            }

            AddOther("citizenship remark", Remark(el));
        }

        private void Birth(XElement el)
        {
            var circa = Attr(el, "circa") switch
            {
                null or "false" => false,
                "true" => true,
                var v => throw Bad(el, $"circa '{v}' is not true or false"),
            };
            var calendar = Attr(el, "calendarType");
            var gregorian = calendar is null or "GREGORIAN";
            var remark = Remark(el);
            var date = Attr(el, "birthdate");
            var year = Attr(el, "year");
            var from = Attr(el, "yearRangeFrom");
            var to = Attr(el, "yearRangeTo");
            BirthDate? birth = null;

            if (date is not null)
            {
                // The full date is always Gregorian: for another calendar the EU converts it and keeps the original
                // day, month and year beside it, which are kept as published in Raw.
                var d = Date(el, "birthdate", date);
                var raw = gregorian ? date : $"{date} (from {calendar} {Attr(el, "dayOfMonth")}/{Attr(el, "monthOfYear")}/{year})";
                birth = BirthDate.Exact(d, raw);
            }
            else if (!gregorian)
            {
                // A year or a month of another calendar has no Gregorian equivalent to state without guessing.
                AddOther("birth date", SourceText.Join(" ", calendar, SourceText.Join("/", Attr(el, "dayOfMonth"), Attr(el, "monthOfYear"), year, SourceText.Join("-", from, to)), circa ? "circa" : null));
            }
            else if (from is not null || to is not null)
            {
                var lo = Year(el, "yearRangeFrom", from ?? to!);
                var hi = Year(el, "yearRangeTo", to ?? from!);
                if (hi < lo)
                {
                    throw Bad(el, $"yearRangeTo {hi} is before yearRangeFrom {lo}");
                }

                birth = lo == hi ? BirthDate.Exact(new PartialDate(lo), $"{lo}") : BirthDate.Between(new PartialDate(lo), new PartialDate(hi), $"{lo}-{hi}");
            }
            else if (year is not null)
            {
                var y = Year(el, "year", year);
                var month = Attr(el, "monthOfYear") is { } m ? Number(el, "monthOfYear", m, 1, 12) : (int?)null;
                birth = BirthDate.Exact(month is null ? new PartialDate(y) : new PartialDate(y, month), month is null ? year : $"{y:D4}-{month:D2}");
            }

            if (birth is not null)
            {
                birth = birth with { Approximate = circa, Raw = SourceText.Join(" ", circa ? "circa" : null, birth.Raw, remark is null ? null : $"({remark})") };
                if (!_birthDates.Any(b => b.From == birth.From && b.To == birth.To && b.Approximate == birth.Approximate))
                {
                    _birthDates.Add(birth);
                }
            }

            var city = Attr(el, "city") is { } c && c != "-" ? c : null;
            if (SourceText.Join(", ", Attr(el, "place"), city, Attr(el, "region"), Attr(el, "zipCode"), CountryName(el)) is { } place && !_birthPlaces.Contains(place))
            {
                _birthPlaces.Add(place);
            }
        }

        private int Year(XElement el, string attribute, string value) => Number(el, attribute, value, 1000, 9999);

        private int Number(XElement el, string attribute, string value, int min, int max) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw Bad(el, $"{attribute} '{value}' is not a number from {min} to {max}");

        private void Identification(XElement el)
        {
            var number = Attr(el, "number") ?? Attr(el, "latinNumber");
            if (number is null)
            {
                AddOther("identification", SourceText.Join(", ", Attr(el, "identificationTypeDescription"), Remark(el)));
                return;
            }

            var code = Attr(el, "identificationTypeCode");
            var kind = code?.ToLowerInvariant() switch
            {
                "passport" => IdentifierKind.Passport,
                "id" => IdentifierKind.NationalId,
                "regnumber" => IdentifierKind.Registration,
                "fiscalcode" => IdentifierKind.TaxId,
                "ssn" => IdentifierKind.SocialSecurity,
                "birthcert" => IdentifierKind.BirthCertificate,
                "drivinglicence" or "drivinglicense" => IdentifierKind.DrivingLicense,
                "imo" => IdentifierKind.Imo,
                "swiftbic" => IdentifierKind.SwiftBic,
                _ => IdentifierKind.Other,
            };

            // What the EU knows about the document itself: a known-false or expired passport still identifies its bearer.
            var flags = DocumentFlags
                .Where(f => Flag(el, f))
                .Select(f => f switch
                {
                    "knownFalse" => "known to be false",
                    "knownExpired" => "known to be expired",
                    "reportedLost" => "reported lost",
                    "revokedByIssuer" => "revoked by the issuer",
                    _ => "diplomatic",
                });
            var note = SourceText.Join(
                "; ",
                SourceText.Join(", ", flags.ToArray()),
                Attr(el, "issuedBy") is { } by ? "issued by " + by : null,
                Attr(el, "region") is { } region ? "region " + region : null,
                Attr(el, "nameOnDocument") is { } holder ? "name on document " + holder : null,
                Attr(el, "latinNumber") is { } latin && latin != number ? "in Latin script " + latin : null,
                Remark(el));

            var identifier = new Identifier
            {
                Kind = kind,
                Label = Attr(el, "identificationTypeDescription") ?? code ?? "Identification",
                Value = number,
                Country = CountryCode(el),
                CountryName = KnownDescription(el),
                IssueDate = Attr(el, "issueDate") is { } issued ? Date(el, "issueDate", issued) : null,
                ExpiryDate = Attr(el, "validTo") is { } valid ? Date(el, "validTo", valid) : null,
                Note = note,
            };
            if (!_identifiers.Contains(identifier))
            {
                _identifiers.Add(identifier);
            }
        }

        private bool Flag(XElement el, string attribute) => Attr(el, attribute) switch
        {
            null or "false" => false,
            "true" => true,
            var v => throw Bad(el, $"{attribute} '{v}' is not true or false"),
        };

        private void Address(XElement el)
        {
            var lines = new[] { Attr(el, "street"), Attr(el, "poBox") is { } box ? "PO Box " + box : null }.OfType<string>().ToList();
            var note = SourceText.Join("; ", Attr(el, "place"), Remark(el), Flag(el, "asAtListingTime") ? "as at listing time" : null);
            var code = CountryCode(el);
            var country = KnownDescription(el);
            var city = Attr(el, "city");
            var region = Attr(el, "region");
            var zip = Attr(el, "zipCode");
            if (lines.Count > 0 || city is not null || region is not null || zip is not null || code is not null || country is not null || note is not null)
            {
                var address = new Address { Lines = lines, City = city, Region = region, PostalCode = zip, Country = code, CountryName = country, Note = note };
                if (!_addresses.Contains(address))
                {
                    _addresses.Add(address);
                }
            }

            foreach (var contact in el.Elements().Where(e => e.Name.LocalName == "contactInfo"))
            {
                Contact(contact, code);
            }
        }

        /// <summary>Phones, faxes, e-mails and websites, kept as identifiers of their kind (they never link lists).</summary>
        private void Contact(XElement el, string? country)
        {
            var key = Attr(el, "key") ?? throw Bad(el, "contactInfo without key");
            var value = Attr(el, "value");
            if (value is null)
            {
                return;
            }

            var (kind, label) = key.ToUpperInvariant() switch
            {
                "PHONE" => (IdentifierKind.Phone, "Phone"),
                "FAX" => (IdentifierKind.Phone, "Fax"),
                "EMAIL" => (IdentifierKind.Email, "E-mail"),
                "WEB" => (IdentifierKind.Website, "Website"),
                _ => (IdentifierKind.Other, key),
            };
            var identifier = new Identifier { Kind = kind, Label = label, Value = value, Country = kind == IdentifierKind.Phone ? country : null };
            if (!_identifiers.Contains(identifier))
            {
                _identifiers.Add(identifier);
            }
        }

        /// <summary>ISO alpha-2 of the element's countryIso2Code; "00" is the EU's "UNKNOWN".</summary>
        private string? CountryCode(XElement el)
        {
            var code = Attr(el, "countryIso2Code");
            if (code is null or "00")
            {
                return null;
            }

            return Countries.Name(code) is not null
                ? code.ToUpperInvariant()
                : throw Bad(el, $"unknown countryIso2Code '{code}' ({Attr(el, "countryDescription") ?? "no description"})");
        }

        /// <summary>The country as the EU wrote it ("IRAN (ISLAMIC REPUBLIC OF)"), without its "UNKNOWN" placeholder.</summary>
        private static string? KnownDescription(XElement el) =>
            Attr(el, "countryDescription") is { } d && d != "UNKNOWN" ? d : null;

        private string? CountryName(XElement el) => KnownDescription(el) ?? Countries.Name(CountryCode(el));

        private static string? Remark(XElement el) =>
            SourceText.Join("; ", el.Elements().Where(e => e.Name.LocalName == "remark").Select(e => SourceText.Clean(e.Value)).ToArray());
    }

    private static readonly string[] DocumentFlags = ["knownFalse", "knownExpired", "reportedLost", "revokedByIssuer", "diplomatic"];

    private static string? Attr(XElement el, string name) => SourceText.Clean(el.Attribute(name)?.Value);

    private static string? Text(XElement parent, string child) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == child) is { } c ? SourceText.Clean(c.Value) : null;
}
