using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Interdict.Model;
using Interdict.Sources.Ofac.Xml;

namespace Interdict.Sources.Ofac.Enhanced;

/// <summary>
/// OFAC's enhanced XML (<c>&lt;sanctionsData&gt;</c>: SDN_ENHANCED.XML, CONS_ENHANCED.XML, or the published ZIP
/// holding it). Unlike the advanced format each <c>entity</c> is self-contained, so one pass streaming one entity
/// at a time is enough; only the small referenceValues table is kept (script codes, program names).
/// </summary>
public sealed class OfacEnhancedXmlParser : IListParser
{
    public string Format => "ofac-enhanced";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);
        XmlCursor? cursor = null;
        return OfacXml.Guard(ParseAll(files, context, c => cursor = c), () => cursor);
    }

    private static IEnumerable<Entity> ParseAll(IReadOnlyList<SourceInput> files, ParseContext context, Action<XmlCursor> track)
    {
        foreach (var file in files)
        {
            var cursor = new XmlCursor(file.Name);
            track(cursor);
            foreach (var e in ParseFile(file, context, cursor))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context, XmlCursor cursor)
    {
        using var stream = OfacXml.OpenXml(file, cursor);
        using var reader = OfacXml.CreateReader(stream, cursor);
        var ns = OfacXml.ExpectRoot(reader, cursor, "sanctionsData", "OFAC enhanced XML (sanctionsData)");
        var map = new Mapper(new EnhancedNames(ns), context, cursor);

        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
            {
                reader.Read();
                continue;
            }

            cursor.Element = reader.LocalName;
            cursor.RecordLine = cursor.CurrentLine;
            switch (reader.LocalName)
            {
                case "publicationInfo":
                    map.ReadPublicationInfo((XElement)XNode.ReadFrom(reader));
                    break;
                case "referenceValues":
                    map.ReadReferenceValues((XElement)XNode.ReadFrom(reader));
                    break;
                case "entities" when !reader.IsEmptyElement:
                    reader.Read();
                    while (!reader.EOF && reader.Depth > 1)
                    {
                        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "entity")
                        {
                            cursor.Element = "entity";
                            cursor.RecordLine = cursor.CurrentLine;
                            var entity = (XElement)XNode.ReadFrom(reader);
                            yield return map.MapEntity(entity);
                        }
                        else if (reader.NodeType == XmlNodeType.Element)
                        {
                            reader.Skip();
                        }
                        else
                        {
                            reader.Read();
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }

            cursor.Element = null;
            cursor.RecordLine = null;
        }
    }

    private sealed class Mapper(EnhancedNames n, ParseContext context, XmlCursor cursor)
    {
        private readonly Dictionary<string, string?> _scripts = [];
        private readonly Dictionary<string, string> _countryCodes = [];

        private void Warn(string message) => context.Warnings.Add($"{cursor.File}: {message}");

        public void ReadPublicationInfo(XElement info)
        {
            var asOf = OfacVocabulary.Trimmed((string?)info.Element(n.DataAsOf));
            if (asOf is null)
            {
                return;
            }

            if (!DateTime.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var published))
            {
                throw cursor.Error($"dataAsOf '{asOf}' is not a date");
            }

            context.Published = new DateTimeOffset(DateTime.SpecifyKind(published, DateTimeKind.Utc));
        }

        public void ReadReferenceValues(XElement values)
        {
            foreach (var v in values.Elements(n.ReferenceValue))
            {
                var type = (string?)v.Element(n.Type);
                var value = OfacVocabulary.Trimmed((string?)v.Element(n.Value));
                var code = OfacVocabulary.Trimmed((string?)v.Element(n.Code));
                switch (type)
                {
                    case "SCRIPT" when (string?)v.Attribute("refId") is { } id:
                        _scripts[id] = OfacVocabulary.ScriptOf(code ?? value);
                        break;
                    case "COUNTRY" when (string?)v.Attribute("refId") is { } id && OfacVocabulary.Trimmed((string?)v.Element(n.IsoCode)) is { } iso:
                        _countryCodes[id] = iso.ToUpperInvariant();
                        break;
                    case "PROGRAM" when (code ?? value) is { } program:
                        context.ProgramNames.TryAdd(program, value ?? program);
                        break;
                    default:
                        break;
                }
            }
        }

        public Entity MapEntity(XElement e)
        {
            var id = OfacVocabulary.Trimmed((string?)e.Attribute("id")) ?? throw cursor.Error("entity without id attribute");
            var info = e.Element(n.GeneralInfo);
            var type = OfacVocabulary.Trimmed((string?)info?.Element(n.EntityType));
            var kind = OfacVocabulary.KindOf(type) ?? throw cursor.Error($"entity {id}: unknown entityType '{type}'");
            var b = new EntityBuilder(id, Warn);
            b.Remarks = OfacVocabulary.Trimmed((string?)info?.Element(n.Remarks));
            if (OfacVocabulary.Trimmed((string?)info?.Element(n.Title)) is { } title)
            {
                b.Titles.Add(title);
            }

            foreach (var list in Items(e, n.SanctionsLists, n.SanctionsList))
            {
                b.AddOther("Sanctions List", list.Value);
                if (PartialDate.TryParse(((string?)list.Attribute("datePublished")) ?? string.Empty, out var published))
                {
                    b.AddListedOn(published);
                }
            }

            foreach (var p in Items(e, n.SanctionsPrograms, n.SanctionsProgram))
            {
                b.AddProgram(p.Value);
            }

            foreach (var a in Items(e, n.LegalAuthorities, n.LegalAuthority))
            {
                b.AddOther("Legal Authority", a.Value);
            }

            foreach (var t in Items(e, n.SanctionsTypes, n.SanctionsType))
            {
                b.AddOther("Sanctions Type", t.Value);
            }

            MapNames(e, b, id, kind);
            foreach (var address in Items(e, n.Addresses, n.Address))
            {
                MapAddress(address, b);
            }

            foreach (var feature in Items(e, n.Features, n.Feature))
            {
                MapFeature(feature, b);
            }

            foreach (var doc in Items(e, n.IdentityDocuments, n.IdentityDocument))
            {
                MapDocument(doc, b);
            }

            foreach (var rel in Items(e, n.Relationships, n.Relationship))
            {
                var target = rel.Element(n.RelatedEntity);
                b.Links.Add(new EntityLink
                {
                    Relation = OfacVocabulary.Trimmed((string?)rel.Element(n.Type)) ?? "Related To",
                    TargetName = OfacVocabulary.Trimmed(target?.Value) ?? string.Empty,
                    TargetId = (string?)target?.Attribute("entityId") is { } tid ? context.ListId + ":" + tid : null,
                });
            }

            return b.Build(context.ListId, kind);
        }

        private void MapNames(XElement e, EntityBuilder b, string id, EntityKind kind)
        {
            var aliases = new List<EntityName>();
            var person = kind == EntityKind.Person;
            foreach (var name in Items(e, n.Names, n.Name))
            {
                var isPrimary = (string?)name.Element(n.IsPrimary) == "true";
                var type = isPrimary ? NameType.Primary : OfacVocabulary.AliasTypeOf((string?)name.Element(n.AliasType)) ?? NameType.Aka;
                var strength = (string?)name.Element(n.IsLowQuality) == "true" ? AliasStrength.Weak : AliasStrength.Strong;

                // The primary translation (Latin) first; translations into original scripts follow it.
                var translations = Items(name, n.Translations, n.Translation)
                    .OrderBy(t => (string?)t.Element(n.IsPrimary) == "true" ? 0 : 1);
                foreach (var t in translations)
                {
                    var full = OfacVocabulary.Trimmed((string?)t.Element(n.FormattedFullName));
                    if (full is null)
                    {
                        continue;
                    }

                    var scriptElement = t.Element(n.Script);
                    var script = scriptElement is null
                        ? null
                        : _scripts.TryGetValue((string?)scriptElement.Attribute("refId") ?? string.Empty, out var s) ? s : OfacVocabulary.ScriptOf(scriptElement.Value);
                    var entry = new EntityName
                    {
                        Full = full,
                        Type = type,
                        Strength = strength,
                        Script = script,
                        // Entities carry their whole name in formattedLastName; it is not a family name.
                        Given = person ? OfacVocabulary.Trimmed((string?)t.Element(n.FormattedFirstName)) : null,
                        Family = person ? OfacVocabulary.Trimmed((string?)t.Element(n.FormattedLastName)) : null,
                    };
                    if (isPrimary)
                    {
                        b.Names.Add(entry);
                    }
                    else
                    {
                        aliases.Add(entry);
                    }
                }
            }

            b.Names.AddRange(aliases);
            if (b.Names.Count == 0)
            {
                throw cursor.Error($"entity {id} has no name");
            }
        }

        private void MapAddress(XElement address, EntityBuilder b)
        {
            var countryElement = address.Element(n.Country);
            var countryName = OfacVocabulary.Trimmed(countryElement?.Value);
            var translation = Items(address, n.Translations, n.Translation)
                .OrderBy(t => (string?)t.Element(n.IsPrimary) == "true" ? 0 : 1)
                .FirstOrDefault();
            var lines = new List<string>(3);
            string? city = null, state = null, region = null, postal = null;
            foreach (var part in translation is null ? [] : Items(translation, n.AddressParts, n.AddressPart))
            {
                var value = OfacVocabulary.Trimmed((string?)part.Element(n.Value));
                if (value is null)
                {
                    continue;
                }

                switch (((string?)part.Element(n.Type))?.Trim())
                {
                    case "ADDRESS1":
                    case "ADDRESS2":
                    case "ADDRESS3":
                        lines.Add(value);
                        break;
                    case "CITY": city = value; break;
                    case "STATE/PROVINCE": state = value; break;
                    case "POSTAL CODE": postal = value; break;
                    case "REGION": region = value; break;
                    default: lines.Add(value); break;
                }
            }

            if (lines.Count == 0 && city is null && state is null && region is null && postal is null && countryName is null)
            {
                return;
            }

            b.Addresses.Add(new Address
            {
                Lines = lines,
                City = city,
                Region = state ?? region,
                PostalCode = postal,
                CountryName = countryName,
                Country = IsoOf(countryElement) ?? Countries.Resolve(countryName),
            });
        }

        /// <summary>The ISO code the publisher's own country table gives for a refId, where it gives one.</summary>
        private string? IsoOf(XElement? element) =>
            element is not null && (string?)element.Attribute("refId") is { } id && _countryCodes.TryGetValue(id, out var iso) ? iso : null;

        private void MapFeature(XElement feature, EntityBuilder b)
        {
            var label = OfacVocabulary.Trimmed((string?)feature.Element(n.Type));
            var value = OfacVocabulary.Trimmed((string?)feature.Element(n.Value));
            if (label is null)
            {
                return;
            }

            if (feature.Element(n.ValueDate) is { } vd && label == "Birthdate")
            {
                if (Day(vd.Element(n.FromDateBegin)) is { } lo)
                {
                    var hi = Day(vd.Element(n.ToDateEnd)) ?? Day(vd.Element(n.ToDateBegin)) ?? Day(vd.Element(n.FromDateEnd)) ?? lo;
                    var approximate = (string?)vd.Element(n.IsApproximate) == "true";
                    b.BirthDates.Add(OfacVocabulary.FromBounds(lo, hi, approximate, value));
                    return;
                }

                b.Warn($"{b.NativeId}: birth date '{value}' has no readable valueDate");
                return;
            }

            if (label is "Nationality Country" or "Citizenship Country"
                && _countryCodes.TryGetValue(((string?)feature.Element(n.ValueRefId))?.Trim() ?? string.Empty, out var iso))
            {
                b.AddCountryCode(label == "Nationality Country" ? b.Nationalities : b.Citizenships, iso, value, label);
                return;
            }

            b.AddLabelled(label, value, note: OfacVocabulary.Trimmed((string?)feature.Element(n.Comments)));
        }

        private void MapDocument(XElement doc, EntityBuilder b)
        {
            var label = OfacVocabulary.Trimmed((string?)doc.Element(n.Type)) ?? "ID";
            var number = OfacVocabulary.Trimmed((string?)doc.Element(n.DocumentNumber));
            if (number is null)
            {
                return;
            }

            var notes = new List<string>(3);
            if ((string?)doc.Element(n.IsValid) == "false")
            {
                notes.Add("not valid");
            }

            if (OfacVocabulary.Trimmed((string?)doc.Element(n.IssuingAuthority)) is { } authority)
            {
                notes.Add("issued by " + authority);
            }

            if (OfacVocabulary.Trimmed((string?)doc.Element(n.Comments)) is { } comments)
            {
                notes.Add(comments);
            }

            var countryElement = doc.Element(n.IssuingCountry);
            var country = OfacVocabulary.Trimmed(countryElement?.Value);
            var kind = OfacVocabulary.IdentifierKindOf(label) ?? IdentifierKind.Other;
            var identifier = OfacVocabulary.MakeIdentifier(kind, label, number, country,
                DateOf(doc.Element(n.IssueDate)), DateOf(doc.Element(n.ExpirationDate)), notes.Count == 0 ? null : string.Join("; ", notes));
            b.Identifiers.Add(IsoOf(countryElement) is { } iso ? identifier with { Country = iso } : identifier);
        }

        private static DateOnly? Day(XElement? e) =>
            e is not null && PartialDate.TryParse(e.Value, out var d) && d.Precision == DatePrecision.Day ? d.Earliest : null;

        private static PartialDate? DateOf(XElement? e) =>
            e is not null && PartialDate.TryParse(e.Value, out var d) ? d : null;

        private static IEnumerable<XElement> Items(XElement e, XName list, XName item) =>
            e.Element(list)?.Elements(item) ?? [];
    }

    private sealed class EnhancedNames(XNamespace ns)
    {
        public readonly XName DataAsOf = ns + "dataAsOf";
        public readonly XName ReferenceValue = ns + "referenceValue";
        public readonly XName Type = ns + "type";
        public readonly XName Value = ns + "value";
        public readonly XName Code = ns + "code";
        public readonly XName IsoCode = ns + "isoCode";
        public readonly XName ValueRefId = ns + "valueRefId";
        public readonly XName GeneralInfo = ns + "generalInfo";
        public readonly XName EntityType = ns + "entityType";
        public readonly XName Remarks = ns + "remarks";
        public readonly XName Title = ns + "title";
        public readonly XName SanctionsLists = ns + "sanctionsLists";
        public readonly XName SanctionsList = ns + "sanctionsList";
        public readonly XName SanctionsPrograms = ns + "sanctionsPrograms";
        public readonly XName SanctionsProgram = ns + "sanctionsProgram";
        public readonly XName SanctionsTypes = ns + "sanctionsTypes";
        public readonly XName SanctionsType = ns + "sanctionsType";
        public readonly XName LegalAuthorities = ns + "legalAuthorities";
        public readonly XName LegalAuthority = ns + "legalAuthority";
        public readonly XName Names = ns + "names";
        public readonly XName Name = ns + "name";
        public readonly XName IsPrimary = ns + "isPrimary";
        public readonly XName AliasType = ns + "aliasType";
        public readonly XName IsLowQuality = ns + "isLowQuality";
        public readonly XName Translations = ns + "translations";
        public readonly XName Translation = ns + "translation";
        public readonly XName Script = ns + "script";
        public readonly XName FormattedFirstName = ns + "formattedFirstName";
        public readonly XName FormattedLastName = ns + "formattedLastName";
        public readonly XName FormattedFullName = ns + "formattedFullName";
        public readonly XName Addresses = ns + "addresses";
        public readonly XName Address = ns + "address";
        public readonly XName Country = ns + "country";
        public readonly XName AddressParts = ns + "addressParts";
        public readonly XName AddressPart = ns + "addressPart";
        public readonly XName Features = ns + "features";
        public readonly XName Feature = ns + "feature";
        public readonly XName ValueDate = ns + "valueDate";
        public readonly XName FromDateBegin = ns + "fromDateBegin";
        public readonly XName FromDateEnd = ns + "fromDateEnd";
        public readonly XName ToDateBegin = ns + "toDateBegin";
        public readonly XName ToDateEnd = ns + "toDateEnd";
        public readonly XName IsApproximate = ns + "isApproximate";
        public readonly XName Comments = ns + "comments";
        public readonly XName IdentityDocuments = ns + "identityDocuments";
        public readonly XName IdentityDocument = ns + "identityDocument";
        public readonly XName DocumentNumber = ns + "documentNumber";
        public readonly XName IsValid = ns + "isValid";
        public readonly XName IssuingAuthority = ns + "issuingAuthority";
        public readonly XName IssuingCountry = ns + "issuingCountry";
        public readonly XName IssueDate = ns + "issueDate";
        public readonly XName ExpirationDate = ns + "expirationDate";
        public readonly XName Relationships = ns + "relationships";
        public readonly XName Relationship = ns + "relationship";
        public readonly XName RelatedEntity = ns + "relatedEntity";
    }
}
