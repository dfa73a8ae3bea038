using System.Xml;
using System.Xml.Linq;
using Interdict.Model;
using Interdict.Sources.Ofac.Xml;

namespace Interdict.Sources.Ofac.Advanced;

/// <summary>
/// OFAC's advanced XML (Sanctions Data Standard, <c>&lt;Sanctions&gt;</c>: SDN_ADVANCED.XML, CONS_ADVANCED.XML).
/// Everything is linked by numeric ID, and the parts a party needs are spread over the file: code tables, Locations
/// and IDRegDocuments come before DistinctParties, relationships and SanctionsEntries (programs, listing dates) after.
/// So the file is read twice, both times streaming: the first pass keeps the small link tables (and each party's
/// primary name, for relationship targets), the second yields one DistinctParty at a time. Memory stays bounded by
/// the tables, never by the parties.
/// </summary>
public sealed class OfacAdvancedXmlParser : IListParser
{
    public string Format => "ofac-advanced";

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
            var tables = ReadTables(file, context, cursor);
            foreach (var e in ReadParties(file, context, cursor, tables))
            {
                yield return e;
            }
        }
    }

    private static Tables ReadTables(SourceInput file, ParseContext context, XmlCursor cursor)
    {
        using var stream = OfacXml.OpenXml(file, cursor);
        using var reader = OfacXml.CreateReader(stream, cursor);
        var ns = OfacXml.ExpectRoot(reader, cursor, "Sanctions", "OFAC advanced XML (Sanctions)");
        var t = new Tables(ns, file.Name, context);

        foreach (var (name, element) in TopLevel(reader, cursor, skip: null))
        {
            switch (name)
            {
                case "DateOfIssue":
                    if (ReadDate(element!, t.N) is { } issued)
                    {
                        context.Published = new DateTimeOffset(issued.Earliest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    }

                    break;
                case "ReferenceValueSets":
                    t.LoadReferenceValues(element!);
                    break;
                case "Locations":
                    foreach (var loc in Children(reader, cursor, "Location"))
                    {
                        t.AddLocation(loc);
                    }

                    break;
                case "IDRegDocuments":
                    foreach (var doc in Children(reader, cursor, "IDRegDocument"))
                    {
                        t.AddDocument(doc);
                    }

                    break;
                case "DistinctParties":
                    foreach (var party in Records(reader, cursor, "DistinctParty"))
                    {
                        t.ScanParty(party);
                    }

                    break;
                case "ProfileRelationships":
                    foreach (var rel in Children(reader, cursor, "ProfileRelationship"))
                    {
                        t.AddRelationship(rel);
                    }

                    break;
                case "SanctionsEntries":
                    foreach (var entry in Children(reader, cursor, "SanctionsEntry"))
                    {
                        t.AddSanctionsEntry(entry);
                    }

                    break;
                default:
                    break;
            }
        }

        t.CheckReferences();
        return t;
    }

    private static IEnumerable<Entity> ReadParties(SourceInput file, ParseContext context, XmlCursor cursor, Tables t)
    {
        using var stream = OfacXml.OpenXml(file, cursor);
        using var reader = OfacXml.CreateReader(stream, cursor);
        OfacXml.ExpectRoot(reader, cursor, "Sanctions", "OFAC advanced XML (Sanctions)");
        foreach (var (name, _) in TopLevel(reader, cursor, skip: n => n != "DistinctParties"))
        {
            if (name != "DistinctParties")
            {
                continue;
            }

            foreach (var party in Children(reader, cursor, "DistinctParty"))
            {
                yield return t.MapParty(party, cursor);
            }
        }
    }

    /// <summary>
    /// Walks the root's children. Containers of records (Locations, DistinctParties, ...) are left open for the
    /// caller to stream through with <see cref="Children"/>; small sections are loaded whole; others are skipped.
    /// </summary>
    private static IEnumerable<(string Name, XElement? Element)> TopLevel(XmlReader reader, XmlCursor cursor, Func<string, bool>? skip)
    {
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
            {
                reader.Read();
                continue;
            }

            var name = reader.LocalName;
            if (skip?.Invoke(name) == true)
            {
                reader.Skip();
                continue;
            }

            switch (name)
            {
                case "DateOfIssue":
                case "ReferenceValueSets":
                    cursor.Element = name;
                    cursor.RecordLine = cursor.CurrentLine;
                    yield return (name, (XElement)XNode.ReadFrom(reader));
                    cursor.Element = null;
                    cursor.RecordLine = null;
                    break;
                case "Locations":
                case "IDRegDocuments":
                case "DistinctParties":
                case "ProfileRelationships":
                case "SanctionsEntries":
                    var depth = reader.Depth;
                    yield return (name, null);

                    // The consumer may stop early; finish the container so the walk stays aligned.
                    while (!reader.EOF && !(reader.Depth == depth && reader.NodeType == XmlNodeType.EndElement) && !(reader.Depth == depth && reader.IsEmptyElement))
                    {
                        reader.Read();
                    }

                    reader.Read();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    /// <summary>
    /// Positions the reader on each record child of the container element it is on. The consumer must read the
    /// whole record (XNode.ReadFrom or a scan to its end), leaving the reader just after it.
    /// </summary>
    private static IEnumerable<XmlReader> Records(XmlReader reader, XmlCursor cursor, string record)
    {
        if (reader.IsEmptyElement)
        {
            yield break;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == record)
            {
                cursor.Element = record;
                cursor.RecordLine = cursor.CurrentLine;
                yield return reader;
                cursor.Element = null;
                cursor.RecordLine = null;
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
    }

    /// <summary>Streams the record children of the container element the reader is on, one XElement at a time.</summary>
    private static IEnumerable<XElement> Children(XmlReader reader, XmlCursor cursor, string record)
    {
        foreach (var r in Records(reader, cursor, record))
        {
            yield return (XElement)XNode.ReadFrom(r);
        }
    }

    private static PartialDate? ReadDate(XElement e, AdvancedNames n)
    {
        var y = (int?)e.Element(n.Year);
        if (y is null or < 1 or > 9999)
        {
            return null;
        }

        var m = (int?)e.Element(n.Month);
        var d = m is null ? null : (int?)e.Element(n.Day);
        return new PartialDate(y.Value, m, d);
    }

    /// <summary>Everything the first pass learns: code tables, locations, documents, relationships, sanctions entries.</summary>
    private sealed class Tables
    {
        private readonly string _file;
        private readonly ParseContext _context;
        private readonly Dictionary<string, string> _aliasTypes = [];
        private readonly Dictionary<string, (string? Iso2, string Name)> _countries = [];
        private readonly Dictionary<string, (string? Code, string? Name)> _areaCodes = [];
        private readonly Dictionary<string, string> _featureTypes = [];
        private readonly Dictionary<string, string> _detailTypes = [];
        private readonly Dictionary<string, string> _detailReferences = [];
        private readonly Dictionary<string, string> _docTypes = [];
        private readonly Dictionary<string, string> _docDateTypes = [];
        private readonly Dictionary<string, string> _locPartTypes = [];
        private readonly Dictionary<string, string> _namePartTypes = [];
        private readonly Dictionary<string, (string Name, string PartyTypeId)> _partySubTypes = [];
        private readonly Dictionary<string, string> _partyTypes = [];
        private readonly Dictionary<string, string> _relationTypes = [];
        private readonly Dictionary<string, string> _programs = [];
        private readonly Dictionary<string, string> _sanctionsTypes = [];
        private readonly Dictionary<string, string> _lists = [];
        private readonly Dictionary<string, string> _legalBases = [];
        private readonly Dictionary<string, string?> _scripts = [];

        private readonly Dictionary<string, (Address Address, string? Iso2, string? CountryName)> _locations = [];
        private readonly Dictionary<string, List<Identifier>> _documentsByIdentity = [];
        private readonly List<(string DocId, string IdentityId)> _documentOwners = [];
        private readonly Dictionary<string, string> _partyNames = [];
        private readonly HashSet<string> _identities = [];
        private readonly Dictionary<string, List<(string Relation, string To)>> _relationships = [];
        private readonly List<(string Id, string From, string To)> _relationshipEnds = [];
        private readonly Dictionary<string, EntrySummary> _entries = [];
        private readonly List<(string EntryId, string ProfileId)> _entryOwners = [];

        public Tables(XNamespace ns, string file, ParseContext context)
        {
            N = new AdvancedNames(ns);
            _file = file;
            _context = context;
        }

        public AdvancedNames N { get; }

        private void Warn(string message) => _context.Warnings.Add($"{_file}: {message}");

        public void LoadReferenceValues(XElement sets)
        {
            foreach (var set in sets.Elements())
            {
                foreach (var v in set.Elements())
                {
                    var id = (string?)v.Attribute("ID");
                    if (id is null)
                    {
                        continue;
                    }

                    var text = v.Value.Trim();
                    switch (v.Name.LocalName)
                    {
                        case "AliasType": _aliasTypes[id] = text; break;
                        case "Country": _countries[id] = (OfacVocabulary.Trimmed((string?)v.Attribute("ISO2")), text); break;
                        case "AreaCode": _areaCodes[id] = (OfacVocabulary.Trimmed(text), OfacVocabulary.Trimmed((string?)v.Attribute("Description"))); break;
                        case "FeatureType": _featureTypes[id] = text; break;
                        case "DetailType": _detailTypes[id] = text; break;
                        case "DetailReference": _detailReferences[id] = text; break;
                        case "IDRegDocType": _docTypes[id] = text; break;
                        case "IDRegDocDateType": _docDateTypes[id] = text; break;
                        case "LocPartType": _locPartTypes[id] = text; break;
                        case "NamePartType": _namePartTypes[id] = text; break;
                        case "PartySubType": _partySubTypes[id] = (text, (string?)v.Attribute("PartyTypeID") ?? string.Empty); break;
                        case "PartyType": _partyTypes[id] = text; break;
                        case "RelationType": _relationTypes[id] = text; break;
                        case "SanctionsProgram": _programs[id] = text; break;
                        case "SanctionsType": _sanctionsTypes[id] = text; break;
                        case "List": _lists[id] = text; break;
                        case "LegalBasis": _legalBases[id] = text; break;
                        case "Script": _scripts[id] = OfacVocabulary.ScriptOf((string?)v.Attribute("ScriptCode") ?? text); break;
                        default: break;
                    }
                }
            }

            // The standard's program table carries codes only ("SDGT", "UKRAINE-EO13662"): that is all OFAC defines here.
            foreach (var p in _programs.Values)
            {
                if (p.Length > 0 && p != "Unknown")
                {
                    _context.ProgramNames.TryAdd(p, p);
                }
            }
        }

        public void AddLocation(XElement loc)
        {
            var id = (string?)loc.Attribute("ID");
            if (id is null)
            {
                return;
            }

            var lines = new List<string>(3);
            string? city = null, region = null, state = null, postal = null, other = null;
            foreach (var part in loc.Elements(N.LocationPart))
            {
                var value = OfacVocabulary.Trimmed((string?)part.Elements(N.LocationPartValue).FirstOrDefault(v => (string?)v.Attribute("Primary") != "false")?.Element(N.Value));
                if (value is null)
                {
                    continue;
                }

                switch (_locPartTypes.GetValueOrDefault((string?)part.Attribute("LocPartTypeID") ?? string.Empty))
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
                    default: other = value; break;
                }
            }

            string? iso2 = null, countryName = null;
            if (loc.Element(N.LocationCountry) is { } lc && _countries.TryGetValue((string?)lc.Attribute("CountryID") ?? string.Empty, out var c))
            {
                (iso2, countryName) = c;
            }
            else if (loc.Element(N.LocationAreaCode) is { } la && _areaCodes.TryGetValue((string?)la.Attribute("AreaCodeID") ?? string.Empty, out var ac) && ac.Code is not null)
            {
                (iso2, countryName) = (ac.Code, ac.Name);
            }

            var address = new Address
            {
                Lines = lines,
                City = city,
                Region = state ?? region,
                PostalCode = postal,
                Country = iso2?.ToUpperInvariant() ?? Countries.Resolve(countryName),
                CountryName = countryName,
                Note = other,
            };
            // Country features (citizenship, nationality of registration) point at locations holding only an untyped
            // part with the country's name ("Turkey"); that name is the country.
            _locations[id] = (address, iso2, countryName ?? (lines.Count == 0 && city is null ? other : null));
        }

        public void AddDocument(XElement doc)
        {
            var id = (string?)doc.Attribute("ID") ?? "?";
            var identity = (string?)doc.Attribute("IdentityID");
            var number = OfacVocabulary.Trimmed((string?)doc.Element(N.IDRegistrationNo));
            if (identity is null || number is null)
            {
                Warn($"IDRegDocument {id} has no IdentityID or number; skipped");
                return;
            }

            var label = _docTypes.GetValueOrDefault((string?)doc.Attribute("IDRegDocTypeID") ?? string.Empty) ?? "ID";
            string? countryName = null;
            string? iso2 = null;
            if (_countries.TryGetValue((string?)doc.Attribute("IssuedBy-CountryID") ?? string.Empty, out var c))
            {
                (iso2, countryName) = c;
            }

            PartialDate? issued = null, expires = null;
            foreach (var dd in doc.Elements(N.DocumentDate))
            {
                var date = dd.Element(N.DatePeriod) is { } p && Bounds(p) is { } b ? OfacVocabulary.Collapse(b.Earliest, b.Latest) : null;
                switch (_docDateTypes.GetValueOrDefault((string?)dd.Attribute("IDRegDocDateTypeID") ?? string.Empty))
                {
                    case "Issue Date": issued = date; break;
                    case "Expiration Date": expires = date; break;
                    default: break;
                }
            }

            var notes = new List<string>(2);
            if (OfacVocabulary.Trimmed((string?)doc.Element(N.IssuingAuthority)) is { } authority)
            {
                notes.Add("issued by " + authority);
            }

            if (OfacVocabulary.Trimmed((string?)doc.Element(N.Comment)) is { } comment)
            {
                notes.Add(comment);
            }

            var issuedIn = (string?)doc.Attribute("IssuedIn-LocationID");
            if (issuedIn is not null && !_locations.ContainsKey(issuedIn))
            {
                Warn($"IDRegDocument {id} refers to Location {issuedIn}, which is not in the file");
            }

            var kind = OfacVocabulary.IdentifierKindOf(label) ?? IdentifierKind.Other;
            var identifier = OfacVocabulary.MakeIdentifier(kind, label, number, countryName, issued, expires, notes.Count == 0 ? null : string.Join("; ", notes)) with
            {
                Country = iso2 ?? Countries.Resolve(countryName),
            };
            if (!_documentsByIdentity.TryGetValue(identity, out var list))
            {
                _documentsByIdentity[identity] = list = [];
            }

            list.Add(identifier);
            _documentOwners.Add((id, identity));
        }

        /// <summary>
        /// First pass over a party: only its identities and primary name are needed (relationship targets are named
        /// by it), so features and other aliases are skipped without building elements for them.
        /// </summary>
        public void ScanParty(XmlReader reader)
        {
            var id = reader.GetAttribute("FixedRef");
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }

            var depth = reader.Depth;
            XElement? primary = null;
            var partTypes = new Dictionary<string, string>(StringComparer.Ordinal);
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "Identity":
                        if (reader.GetAttribute("ID") is { } identity)
                        {
                            _identities.Add(identity);
                        }

                        reader.Read();
                        break;
                    case "Alias" when primary is null && reader.GetAttribute("Primary") == "true":
                        primary = (XElement)XNode.ReadFrom(reader);
                        break;
                    case "Alias":
                    case "Feature":
                        reader.Skip();
                        break;
                    case "NamePartGroup":
                        if (reader.GetAttribute("ID") is { } group && _namePartTypes.TryGetValue(reader.GetAttribute("NamePartTypeID") ?? string.Empty, out var type))
                        {
                            partTypes[group] = type;
                        }

                        reader.Read();
                        break;
                    default:
                        reader.Read();
                        break;
                }
            }

            // Leave the reader after </DistinctParty>, as the record walk expects.
            reader.Read();
            if (id is null)
            {
                return;
            }

            var name = primary?.Elements(N.DocumentedName).Select(d => ComposeName(d, partTypes).Full).FirstOrDefault();
            _partyNames[id] = name ?? id;
        }

        public void AddRelationship(XElement rel)
        {
            var id = (string?)rel.Attribute("ID") ?? "?";
            var from = (string?)rel.Attribute("From-ProfileID");
            var to = (string?)rel.Attribute("To-ProfileID");
            if (from is null || to is null)
            {
                Warn($"ProfileRelationship {id} lacks From-ProfileID or To-ProfileID; skipped");
                return;
            }

            var relation = _relationTypes.GetValueOrDefault((string?)rel.Attribute("RelationTypeID") ?? string.Empty) ?? "Related To";
            if (!_relationships.TryGetValue(from, out var list))
            {
                _relationships[from] = list = [];
            }

            list.Add((relation, to));
            _relationshipEnds.Add((id, from, to));
        }

        public void AddSanctionsEntry(XElement entry)
        {
            var id = (string?)entry.Attribute("ID") ?? "?";
            var profile = (string?)entry.Attribute("ProfileID");
            if (profile is null)
            {
                Warn($"SanctionsEntry {id} has no ProfileID; skipped");
                return;
            }

            if (!_entries.TryGetValue(profile, out var summary))
            {
                _entries[profile] = summary = new EntrySummary();
            }

            _entryOwners.Add((id, profile));
            if (_lists.GetValueOrDefault((string?)entry.Attribute("ListID") ?? string.Empty) is { } list && !summary.Lists.Contains(list))
            {
                summary.Lists.Add(list);
            }

            foreach (var ev in entry.Elements(N.EntryEvent))
            {
                if (ev.Element(N.Date) is { } d && ReadDate(d, N) is { } date && (summary.ListedOn is null || date < summary.ListedOn.Value))
                {
                    summary.ListedOn = date;
                }

                if (_legalBases.GetValueOrDefault((string?)ev.Attribute("LegalBasisID") ?? string.Empty) is { } basis && basis != "Unknown" && !summary.LegalBases.Contains(basis))
                {
                    summary.LegalBases.Add(basis);
                }
            }

            foreach (var m in entry.Elements(N.SanctionsMeasure))
            {
                var type = _sanctionsTypes.GetValueOrDefault((string?)m.Attribute("SanctionsTypeID") ?? string.Empty);
                var comment = OfacVocabulary.Trimmed((string?)m.Element(N.Comment));
                if (type == "Program")
                {
                    if (comment is not null && !summary.Programs.Contains(comment))
                    {
                        summary.Programs.Add(comment);
                    }
                }
                else if (type is not null && !summary.Measures.Contains(type))
                {
                    summary.Measures.Add(type);
                }
            }
        }

        /// <summary>Reports links into parts of the file that are not there (cut-down files such as the SDN sample).</summary>
        public void CheckReferences()
        {
            foreach (var (entryId, profileId) in _entryOwners)
            {
                if (!_partyNames.ContainsKey(profileId))
                {
                    Warn($"SanctionsEntry {entryId} refers to profile {profileId}, which is not in the file");
                }
            }

            foreach (var (id, from, to) in _relationshipEnds)
            {
                if (!_partyNames.ContainsKey(from))
                {
                    Warn($"ProfileRelationship {id} starts at profile {from}, which is not in the file");
                }
                else if (!_partyNames.ContainsKey(to))
                {
                    Warn($"ProfileRelationship {id} points to profile {to}, which is not in the file");
                }
            }

            foreach (var (docId, identity) in _documentOwners)
            {
                if (!_identities.Contains(identity))
                {
                    Warn($"IDRegDocument {docId} belongs to identity {identity}, which is not in the file");
                }
            }
        }

        public Entity MapParty(XElement party, XmlCursor cursor)
        {
            var id = (string?)party.Attribute("FixedRef") ?? throw cursor.Error("DistinctParty without FixedRef");
            var profile = party.Element(N.Profile) ?? throw cursor.Error($"DistinctParty {id} has no Profile");
            var b = new EntityBuilder(id, Warn);
            b.Remarks = OfacVocabulary.Trimmed((string?)party.Element(N.Comment));

            var subType = (string?)profile.Attribute("PartySubTypeID") ?? string.Empty;
            var kind = KindOf(subType) ?? throw cursor.Error($"DistinctParty {id}: unknown PartySubTypeID '{subType}'");

            var primaries = new List<EntityName>();
            var aliases = new List<EntityName>();
            foreach (var identity in profile.Elements(N.Identity))
            {
                var partTypes = PartTypes(identity);
                foreach (var alias in identity.Elements(N.Alias))
                {
                    var aliasType = _aliasTypes.GetValueOrDefault((string?)alias.Attribute("AliasTypeID") ?? string.Empty);
                    var isPrimary = (string?)alias.Attribute("Primary") == "true";
                    var type = isPrimary ? NameType.Primary : OfacVocabulary.AliasTypeOf(aliasType) ?? NameType.Aka;
                    var strength = (string?)alias.Attribute("LowQuality") == "true" ? AliasStrength.Weak : AliasStrength.Strong;
                    foreach (var doc in alias.Elements(N.DocumentedName))
                    {
                        var name = ComposeName(doc, partTypes) with { Type = type, Strength = strength };
                        (isPrimary ? primaries : aliases).Add(name);
                    }
                }

                if ((string?)identity.Attribute("ID") is { } identityId && _documentsByIdentity.TryGetValue(identityId, out var docs))
                {
                    b.Identifiers.AddRange(docs);
                }
            }

            // The Latin primary name leads, as in the other formats; original-script versions follow it.
            b.Names.AddRange(primaries.OrderBy(p => p.Script is null ? 0 : 1));
            b.Names.AddRange(aliases);
            if (b.Names.Count == 0)
            {
                throw cursor.Error($"DistinctParty {id} has no name");
            }

            foreach (var feature in profile.Elements(N.Feature))
            {
                MapFeature(feature, b);
            }

            if (_relationships.TryGetValue(id, out var rels))
            {
                foreach (var (relation, to) in rels)
                {
                    b.Links.Add(new EntityLink
                    {
                        Relation = relation,
                        TargetName = _partyNames.GetValueOrDefault(to) ?? $"(profile {to}, not in this file)",
                        TargetId = _context.ListId + ":" + to,
                    });
                }
            }

            if (_entries.TryGetValue(id, out var summary))
            {
                foreach (var p in summary.Programs)
                {
                    b.AddProgram(p);
                }

                if (summary.ListedOn is { } listed)
                {
                    b.AddListedOn(listed);
                }

                foreach (var l in summary.Lists)
                {
                    b.AddOther("Sanctions List", l);
                }

                foreach (var l in summary.LegalBases)
                {
                    b.AddOther("Legal Authority", l);
                }

                foreach (var m in summary.Measures)
                {
                    b.AddOther("Sanctions Type", m);
                }
            }
            else
            {
                Warn($"DistinctParty {id} has no SanctionsEntry: no programs or listing date");
            }

            return b.Build(_context.ListId, kind);
        }

        private void MapFeature(XElement feature, EntityBuilder b)
        {
            var label = _featureTypes.GetValueOrDefault((string?)feature.Attribute("FeatureTypeID") ?? string.Empty);
            if (label is null)
            {
                b.Warn($"{b.NativeId}: Feature {(string?)feature.Attribute("ID")} has unknown FeatureTypeID {(string?)feature.Attribute("FeatureTypeID")}");
                return;
            }

            foreach (var version in feature.Elements(N.FeatureVersion))
            {
                if (version.Element(N.DatePeriod) is { } period && Bounds(period) is { } bounds)
                {
                    if (label == "Birthdate")
                    {
                        b.BirthDates.Add(OfacVocabulary.FromBounds(bounds.Earliest, bounds.Latest, bounds.Approximate, null));
                    }
                    else
                    {
                        b.AddOther(label, OfacVocabulary.FromBounds(bounds.Earliest, bounds.Latest, bounds.Approximate, null).ToString());
                    }
                }

                foreach (var vl in version.Elements(N.VersionLocation))
                {
                    var locationId = (string?)vl.Attribute("LocationID") ?? string.Empty;
                    if (!_locations.TryGetValue(locationId, out var loc))
                    {
                        b.Warn($"{b.NativeId}: Feature '{label}' refers to Location {locationId}, which is not in the file");
                        continue;
                    }

                    switch (label)
                    {
                        case "Location":
                            if (!IsEmpty(loc.Address))
                            {
                                b.Addresses.Add(loc.Address);
                            }

                            break;
                        case "Nationality Country":
                            b.AddCountryCode(b.Nationalities, loc.Iso2, loc.CountryName, "nationality");
                            break;
                        case "Citizenship Country":
                            b.AddCountryCode(b.Citizenships, loc.Iso2, loc.CountryName, "citizenship");
                            break;
                        default:
                            b.AddOther(label, loc.CountryName ?? loc.Address.ToString());
                            break;
                    }
                }

                foreach (var detail in version.Elements(N.VersionDetail))
                {
                    var detailType = _detailTypes.GetValueOrDefault((string?)detail.Attribute("DetailTypeID") ?? string.Empty);
                    var value = detailType switch
                    {
                        "LOOKUP" => _detailReferences.GetValueOrDefault((string?)detail.Attribute("DetailReferenceID") ?? string.Empty),
                        "TEXT" => detail.Value,
                        _ => null,
                    };
                    if (value is not null)
                    {
                        b.AddLabelled(label, value, note: OfacVocabulary.Trimmed((string?)version.Element(N.Comment)));
                    }
                }
            }
        }

        private static bool IsEmpty(Address a) =>
            a.Lines.Count == 0 && a.City is null && a.Region is null && a.PostalCode is null && a.Country is null && a.CountryName is null;

        private EntityKind? KindOf(string subTypeId)
        {
            if (!_partySubTypes.TryGetValue(subTypeId, out var sub))
            {
                return null;
            }

            return _partyTypes.GetValueOrDefault(sub.PartyTypeId) switch
            {
                "Individual" => EntityKind.Person,
                "Transport" => OfacVocabulary.KindOf(sub.Name) ?? EntityKind.Vessel,
                null => null,
                _ => EntityKind.Organization,
            };
        }

        private Dictionary<string, string> PartTypes(XElement identity)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var g in identity.Descendants(N.NamePartGroup))
            {
                if ((string?)g.Attribute("ID") is { } gid && _namePartTypes.TryGetValue((string?)g.Attribute("NamePartTypeID") ?? string.Empty, out var t))
                {
                    map[gid] = t;
                }
            }

            return map;
        }

        /// <summary>Individuals read "LAST, Given Middle" as in the other OFAC formats; other parties are the parts in order.</summary>
        private EntityName ComposeName(XElement documentedName, Dictionary<string, string> partTypes)
        {
            var family = new List<string>(1);
            var given = new List<string>(3);
            var all = new List<string>(3);
            string? script = null;
            foreach (var value in documentedName.Elements(N.DocumentedNamePart).Elements(N.NamePartValue))
            {
                var text = OfacVocabulary.Trimmed(value.Value);
                if (text is null)
                {
                    continue;
                }

                script ??= _scripts.GetValueOrDefault((string?)value.Attribute("ScriptID") ?? string.Empty);
                all.Add(text);
                switch (partTypes.GetValueOrDefault((string?)value.Attribute("NamePartGroupID") ?? string.Empty))
                {
                    case "Last Name":
                        family.Add(text);
                        break;
                    case "First Name":
                    case "Middle Name":
                    case "Patronymic":
                    case "Matronymic":
                    case "Maiden Name":
                    case "Nickname":
                        given.Add(text);
                        break;
                    default:
                        break;
                }
            }

            var last = family.Count == 0 ? null : string.Join(' ', family);
            var first = given.Count == 0 ? null : string.Join(' ', given);
            var full = last is not null && first is not null ? last + ", " + first : string.Join(' ', all);
            return new EntityName { Full = full, Given = first, Family = last, Script = script };
        }

        private (DateOnly Earliest, DateOnly Latest, bool Approximate)? Bounds(XElement period)
        {
            var start = period.Element(N.Start);
            var end = period.Element(N.End);
            var lo = Day(start?.Element(N.From)) ?? Day(start?.Element(N.To));
            var hi = Day(end?.Element(N.To)) ?? Day(end?.Element(N.From)) ?? Day(start?.Element(N.To)) ?? lo;
            if (lo is null || hi is null)
            {
                return null;
            }

            var approximate = (string?)start?.Attribute("Approximate") == "true" || (string?)end?.Attribute("Approximate") == "true";
            return (lo.Value, hi.Value, approximate);
        }

        private DateOnly? Day(XElement? e)
        {
            if (e is null || ReadDate(e, N) is not { } d)
            {
                return null;
            }

            return d.Precision == DatePrecision.Day ? d.Earliest : null;
        }
    }

    private sealed class EntrySummary
    {
        public List<string> Programs { get; } = [];
        public List<string> Lists { get; } = [];
        public List<string> LegalBases { get; } = [];
        public List<string> Measures { get; } = [];
        public PartialDate? ListedOn { get; set; }
    }

    private sealed class AdvancedNames(XNamespace ns)
    {
        public readonly XName Year = ns + "Year";
        public readonly XName Month = ns + "Month";
        public readonly XName Day = ns + "Day";
        public readonly XName Comment = ns + "Comment";
        public readonly XName Value = ns + "Value";
        public readonly XName LocationPart = ns + "LocationPart";
        public readonly XName LocationPartValue = ns + "LocationPartValue";
        public readonly XName LocationCountry = ns + "LocationCountry";
        public readonly XName LocationAreaCode = ns + "LocationAreaCode";
        public readonly XName IDRegistrationNo = ns + "IDRegistrationNo";
        public readonly XName IssuingAuthority = ns + "IssuingAuthority";
        public readonly XName DocumentDate = ns + "DocumentDate";
        public readonly XName DatePeriod = ns + "DatePeriod";
        public readonly XName Start = ns + "Start";
        public readonly XName End = ns + "End";
        public readonly XName From = ns + "From";
        public readonly XName To = ns + "To";
        public readonly XName Profile = ns + "Profile";
        public readonly XName Identity = ns + "Identity";
        public readonly XName Alias = ns + "Alias";
        public readonly XName DocumentedName = ns + "DocumentedName";
        public readonly XName DocumentedNamePart = ns + "DocumentedNamePart";
        public readonly XName NamePartValue = ns + "NamePartValue";
        public readonly XName NamePartGroup = ns + "NamePartGroup";
        public readonly XName Feature = ns + "Feature";
        public readonly XName FeatureVersion = ns + "FeatureVersion";
        public readonly XName VersionLocation = ns + "VersionLocation";
        public readonly XName VersionDetail = ns + "VersionDetail";
        public readonly XName EntryEvent = ns + "EntryEvent";
        public readonly XName Date = ns + "Date";
        public readonly XName SanctionsMeasure = ns + "SanctionsMeasure";
    }
}
