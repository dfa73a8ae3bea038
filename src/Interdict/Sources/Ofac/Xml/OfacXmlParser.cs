using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Interdict.Model;

namespace Interdict.Sources.Ofac.Xml;

/// <summary>
/// OFAC's classic XML (<c>&lt;sdnList&gt;</c>: SDN.XML, CONSOLIDATED.XML), read one <c>sdnEntry</c> at a time.
/// The namespace changed from http://tempuri.org/sdnList.xsd to the Sanctions List Service one in 2024; only local
/// names are checked, and children are looked up in whatever namespace the root declares.
/// </summary>
public sealed class OfacXmlParser : IListParser
{
    public string Format => "ofac-xml";

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
        var ns = OfacXml.ExpectRoot(reader, cursor, "sdnList", "OFAC classic XML (sdnList)");
        var names = new Names(ns);
        var count = 0;
        int? declared = null;

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
                case "sdnEntry":
                    var entry = (XElement)XNode.ReadFrom(reader);
                    count++;
                    yield return MapEntry(entry, names, context, cursor);
                    break;
                case "publshInformation":
                    var info = (XElement)XNode.ReadFrom(reader);
                    declared = ReadPublishInformation(info, names, context, cursor);
                    break;
                default:
                    reader.Skip();
                    break;
            }

            cursor.Element = null;
            cursor.RecordLine = null;
        }

        if (declared is { } d && d != count)
        {
            context.Warnings.Add($"{file.Name}: Record_Count says {d} but the file has {count} sdnEntry elements");
        }
    }

    private static int? ReadPublishInformation(XElement info, Names n, ParseContext context, XmlCursor cursor)
    {
        var date = OfacVocabulary.Trimmed((string?)info.Element(n.PublishDate));
        if (date is not null)
        {
            if (!DateTime.TryParseExact(date, "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
            {
                throw cursor.Error($"Publish_Date '{date}' is not a MM/DD/YYYY date");
            }

            context.Published = new DateTimeOffset(published, TimeSpan.Zero);
        }

        var countText = OfacVocabulary.Trimmed((string?)info.Element(n.RecordCount));
        if (countText is null)
        {
            return null;
        }

        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw cursor.Error($"Record_Count '{countText}' is not a number");
        }

        context.DeclaredCount = count;
        return count;
    }

    private static Entity MapEntry(XElement e, Names n, ParseContext context, XmlCursor cursor)
    {
        var uid = OfacVocabulary.Trimmed((string?)e.Element(n.Uid)) ?? throw cursor.Error("sdnEntry without <uid>");
        if (!uid.All(char.IsAsciiDigit))
        {
            throw cursor.Error($"sdnEntry uid '{uid}' is not a number");
        }

        var sdnType = OfacVocabulary.Trimmed((string?)e.Element(n.SdnType));
        var kind = OfacVocabulary.KindOf(sdnType) ?? throw cursor.Error($"sdnEntry {uid}: unknown sdnType '{sdnType}'");
        var b = new EntityBuilder(uid, w => context.Warnings.Add($"{cursor.File}: {w}"));

        b.Names.Add(MakeName(e, n, NameType.Primary, AliasStrength.Strong, kind) ?? throw cursor.Error($"sdnEntry {uid} has no name"));
        if (OfacVocabulary.Trimmed((string?)e.Element(n.Title)) is { } title)
        {
            b.Titles.Add(title);
        }

        b.Remarks = OfacVocabulary.Trimmed((string?)e.Element(n.Remarks));

        foreach (var p in Items(e, n.ProgramList, n.Program))
        {
            b.AddProgram(p.Value);
        }

        foreach (var id in Items(e, n.IdList, n.Id))
        {
            var label = OfacVocabulary.Trimmed((string?)id.Element(n.IdType));
            var number = (string?)id.Element(n.IdNumber);
            if (label is null)
            {
                b.Warn($"{uid}: id without idType ('{number}')");
                continue;
            }

            var country = (string?)id.Element(n.IdCountry);

            // Where OFAC gives no idCountry it sometimes writes the country into the number, as the CSV remarks
            // do ("1026303117642 (Russia)"); split it off so both formats yield the same identifier.
            if (string.IsNullOrWhiteSpace(country) && number is not null && number.EndsWith(')') && number.LastIndexOf('(') is var open and > 0
                && Countries.Resolve(number[(open + 1)..^1]) is not null)
            {
                country = number[(open + 1)..^1].Trim();
                number = number[..open].Trim();
            }

            b.AddLabelled(label, number, country, Date(id.Element(n.IssueDate), b), Date(id.Element(n.ExpirationDate), b));
        }

        foreach (var aka in Items(e, n.AkaList, n.Aka))
        {
            var type = OfacVocabulary.AliasTypeOf((string?)aka.Element(n.Type));
            if (type is null)
            {
                b.Warn($"{uid}: aka type '{(string?)aka.Element(n.Type)}' not understood, read as a.k.a.");
            }

            var strength = string.Equals(((string?)aka.Element(n.Category))?.Trim(), "weak", StringComparison.OrdinalIgnoreCase) ? AliasStrength.Weak : AliasStrength.Strong;
            if (MakeName(aka, n, type ?? NameType.Aka, strength, kind) is { } name)
            {
                b.Names.Add(name);
            }
        }

        foreach (var a in Items(e, n.AddressList, n.Address))
        {
            var lines = new List<string>(3);
            foreach (var line in new[] { n.Address1, n.Address2, n.Address3 })
            {
                if (OfacVocabulary.Trimmed((string?)a.Element(line)) is { } l)
                {
                    lines.Add(l);
                }
            }

            var country = OfacVocabulary.Trimmed((string?)a.Element(n.Country));
            var address = new Address
            {
                Lines = lines,
                City = OfacVocabulary.Trimmed((string?)a.Element(n.City)),
                Region = OfacVocabulary.Trimmed((string?)a.Element(n.StateOrProvince)) ?? OfacVocabulary.Trimmed((string?)a.Element(n.Region)),
                PostalCode = OfacVocabulary.Trimmed((string?)a.Element(n.PostalCode)),
                CountryName = country,
                Country = Countries.Resolve(country),
            };

            // OFAC writes address elements holding only a uid; they say nothing.
            if (lines.Count > 0 || address.City is not null || address.Region is not null || address.PostalCode is not null || country is not null)
            {
                b.Addresses.Add(address);
            }
        }

        foreach (var nat in Items(e, n.NationalityList, n.Nationality))
        {
            b.AddNationality((string?)nat.Element(n.Country));
        }

        foreach (var cit in Items(e, n.CitizenshipList, n.Citizenship))
        {
            b.AddCitizenship((string?)cit.Element(n.Country));
        }

        foreach (var dob in Items(e, n.DateOfBirthList, n.DateOfBirthItem))
        {
            var raw = OfacVocabulary.Trimmed((string?)dob.Element(n.DateOfBirth));
            if (raw is null)
            {
                continue;
            }

            if (OfacVocabulary.ParseBirthDate(raw) is { } bd)
            {
                b.BirthDates.Add(bd);
            }
            else
            {
                b.Warn($"{uid}: date of birth '{raw}' not understood; kept in Other");
                b.AddOther("Date of Birth", raw);
            }
        }

        foreach (var pob in Items(e, n.PlaceOfBirthList, n.PlaceOfBirthItem))
        {
            if (OfacVocabulary.Trimmed((string?)pob.Element(n.PlaceOfBirth)) is { } place)
            {
                b.BirthPlaces.Add(place);
            }
        }

        if (e.Element(n.VesselInfo) is { } v)
        {
            var flag = OfacVocabulary.Trimmed((string?)v.Element(n.VesselFlag));
            b.SetVessel(new VesselInfo
            {
                CallSign = OfacVocabulary.Trimmed((string?)v.Element(n.CallSign)),
                Type = OfacVocabulary.Trimmed((string?)v.Element(n.VesselType)),
                Tonnage = OfacVocabulary.Trimmed((string?)v.Element(n.Tonnage)),
                GrossRegisteredTonnage = OfacVocabulary.Trimmed((string?)v.Element(n.GrossRegisteredTonnage)),
                FlagName = flag,
                Flag = Countries.Resolve(flag),
                Owner = OfacVocabulary.Trimmed((string?)v.Element(n.VesselOwner)),
            });
        }

        return b.Build(context.ListId, kind);
    }

    private static PartialDate? Date(XElement? e, EntityBuilder b)
    {
        var s = OfacVocabulary.Trimmed((string?)e);
        if (s is null)
        {
            return null;
        }

        if (OfacVocabulary.TryParseDate(s, out var d))
        {
            return d;
        }

        b.Warn($"{b.NativeId}: date '{s}' not understood");
        return null;
    }

    /// <summary>Individuals are "LAST, First" as in the CSV; entities, vessels and aircraft carry the name in lastName.</summary>
    private static EntityName? MakeName(XElement e, Names n, NameType type, AliasStrength strength, EntityKind kind)
    {
        var last = OfacVocabulary.Trimmed((string?)e.Element(n.LastName));
        var first = OfacVocabulary.Trimmed((string?)e.Element(n.FirstName));
        if (last is null && first is null)
        {
            return null;
        }

        var full = last is null ? first! : first is null ? last : last + ", " + first;
        var person = kind == EntityKind.Person;
        return new EntityName
        {
            Full = full,
            Type = type,
            Strength = strength,
            Given = first,
            Family = person || first is not null ? last : null,
        };
    }

    private static IEnumerable<XElement> Items(XElement e, XName list, XName item) =>
        e.Element(list)?.Elements(item) ?? [];

    /// <summary>Element names in the namespace this file's root declares, built once per file.</summary>
    private sealed class Names(XNamespace ns)
    {
        public readonly XName PublishDate = ns + "Publish_Date";
        public readonly XName RecordCount = ns + "Record_Count";
        public readonly XName Uid = ns + "uid";
        public readonly XName FirstName = ns + "firstName";
        public readonly XName LastName = ns + "lastName";
        public readonly XName Title = ns + "title";
        public readonly XName SdnType = ns + "sdnType";
        public readonly XName Remarks = ns + "remarks";
        public readonly XName ProgramList = ns + "programList";
        public readonly XName Program = ns + "program";
        public readonly XName IdList = ns + "idList";
        public readonly XName Id = ns + "id";
        public readonly XName IdType = ns + "idType";
        public readonly XName IdNumber = ns + "idNumber";
        public readonly XName IdCountry = ns + "idCountry";
        public readonly XName IssueDate = ns + "issueDate";
        public readonly XName ExpirationDate = ns + "expirationDate";
        public readonly XName AkaList = ns + "akaList";
        public readonly XName Aka = ns + "aka";
        public readonly XName Type = ns + "type";
        public readonly XName Category = ns + "category";
        public readonly XName AddressList = ns + "addressList";
        public readonly XName Address = ns + "address";
        public readonly XName Address1 = ns + "address1";
        public readonly XName Address2 = ns + "address2";
        public readonly XName Address3 = ns + "address3";
        public readonly XName City = ns + "city";
        public readonly XName StateOrProvince = ns + "stateOrProvince";
        public readonly XName PostalCode = ns + "postalCode";
        public readonly XName Country = ns + "country";
        public readonly XName Region = ns + "region";
        public readonly XName NationalityList = ns + "nationalityList";
        public readonly XName Nationality = ns + "nationality";
        public readonly XName CitizenshipList = ns + "citizenshipList";
        public readonly XName Citizenship = ns + "citizenship";
        public readonly XName DateOfBirthList = ns + "dateOfBirthList";
        public readonly XName DateOfBirthItem = ns + "dateOfBirthItem";
        public readonly XName DateOfBirth = ns + "dateOfBirth";
        public readonly XName PlaceOfBirthList = ns + "placeOfBirthList";
        public readonly XName PlaceOfBirthItem = ns + "placeOfBirthItem";
        public readonly XName PlaceOfBirth = ns + "placeOfBirth";
        public readonly XName VesselInfo = ns + "vesselInfo";
        public readonly XName CallSign = ns + "callSign";
        public readonly XName VesselType = ns + "vesselType";
        public readonly XName VesselFlag = ns + "vesselFlag";
        public readonly XName VesselOwner = ns + "vesselOwner";
        public readonly XName Tonnage = ns + "tonnage";
        public readonly XName GrossRegisteredTonnage = ns + "grossRegisteredTonnage";
    }
}
