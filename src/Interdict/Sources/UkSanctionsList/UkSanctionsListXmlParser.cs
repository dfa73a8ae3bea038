using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Interdict.Model;

namespace Interdict.Sources.UkSanctionsList;

/// <summary>
/// Reads the FCDO's UK Sanctions List XML (<c>UK-Sanctions-List.xml</c>, root <c>Designations</c>, schema
/// SanctionsListSchema-4.x), the single UK list since OFSI stopped publishing its Consolidated List on 28 January 2026.
/// One <c>Designation</c> becomes one entity <c>uk-sanctions-list:&lt;UniqueID&gt;</c>; designations are read one at a time.
/// </summary>
internal sealed class UkSanctionsListXmlParser : IListParser
{
    public const string RootElement = "Designations";

    public string Format => "uk-sanctions-list-xml";

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
            XElement? record = null;
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

                line = lineInfo.LineNumber;
                if (!sawRoot)
                {
                    if (reader.LocalName != RootElement)
                    {
                        throw new ListFormatException(file.Name, $"root element is <{reader.Name}>, expected <{RootElement}>: this is not a UK Sanctions List XML file", line, reader.Name);
                    }

                    sawRoot = true;
                    Generated(reader.GetAttribute("dateGenerated"), file, context, line);
                    continue;
                }

                current = reader.LocalName;
                if (reader.LocalName == "DateGenerated")
                {
                    // The attribute has the time; the element only the day, used when the attribute is missing.
                    // Read as a subtree so the reader stays on the element's end and the next Read finds the first designation.
                    string text;
                    using (var date = reader.ReadSubtree())
                    {
                        text = XElement.Load(date).Value;
                    }

                    if (context.Published is null)
                    {
                        var d = new UkDesignation("", (el, reason) => new ListFormatException(file.Name, reason, line, el)).Date(text, "DateGenerated");
                        if (d is { } day)
                        {
                            context.Published = new DateTimeOffset(day.Earliest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                        }
                    }

                    continue;
                }

                if (reader.LocalName != "Designation")
                {
                    throw new ListFormatException(file.Name, $"unexpected element <{reader.Name}> in <{RootElement}> (expected <Designation>)", line, reader.Name);
                }

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

            if (record is not null)
            {
                yield return Map(record, line, file, context);
            }
        }

        if (!sawRoot)
        {
            throw new ListFormatException(file.Name, "empty file: no XML root element", 1);
        }
    }

    private static void Generated(string? generated, SourceInput file, ParseContext context, long line)
    {
        if (generated is null)
        {
            return;
        }

        if (!DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var published))
        {
            throw new ListFormatException(file.Name, $"dateGenerated '{generated}' is not a date", line, RootElement);
        }

        context.Published = published;
    }

    private static Entity Map(XElement x, long line, SourceInput file, ParseContext context)
    {
        var id = Text(x, "UniqueID");
        var where = id is null ? "Designation" : $"Designation {id}";
        ListFormatException Bad(XElement at, string reason) => new(file.Name, $"{where}: {reason}", LineOf(at, line), at.Name.LocalName);

        if (id is null)
        {
            throw Bad(x.Element("UniqueID") ?? x, "no UniqueID");
        }

        // Errors name the element that was wrong; the accumulator names it by its element name.
        XElement at = x;
        var d = new UkDesignation(id, (element, reason) => Bad(Find(at, element) ?? at, reason));

        at = x.Element("IndividualEntityShip") ?? x;
        d.Kind(Text(x, "IndividualEntityShip"), "IndividualEntityShip");
        at = x;
        d.Dates(Text(x, "DateDesignated"), Text(x, "LastUpdated"), "DateDesignated", "LastUpdated");
        d.Facts(Text(x, "OFSIGroupID"), Text(x, "UNReferenceNumber"), Text(x, "RegimeName"), Text(x, "DesignationSource"), Text(x, "SanctionsImposed"),
            x.Element("OtherInformation")?.Value, Text(x, "UKStatementofReasons"));

        foreach (var n in Children(x, "Names", "Name"))
        {
            at = n;
            d.Name([Text(n, "Name1"), Text(n, "Name2"), Text(n, "Name3"), Text(n, "Name4"), Text(n, "Name5"), Text(n, "Name6")], null, Text(n, "NameType"), Text(n, "AliasStrength"), "Name");
        }

        foreach (var n in Children(x, "NonLatinNames", "NonLatinName"))
        {
            d.NonLatinName(Text(n, "NameNonLatinScript"), Text(n, "NonLatinScriptType"), Text(n, "NonLatinScriptLanguage"));
        }

        foreach (var t in Children(x, "Titles", "Title"))
        {
            d.Position(Text(t));
        }

        foreach (var a in Children(x, "Addresses", "Address"))
        {
            d.Address([.. Enumerable.Range(1, 6).Select(i => Text(a, "AddressLine" + i))], Text(a, "AddressPostalCode"), Text(a, "AddressCountry"));
        }

        foreach (var p in Children(x, "PhoneNumbers", "PhoneNumber"))
        {
            d.Contact(IdentifierKind.Phone, "Phone number", Text(p));
        }

        foreach (var e in Children(x, "EmailAddresses", "EmailAddress"))
        {
            d.Contact(IdentifierKind.Email, "Email address", Text(e));
        }

        foreach (var w in Children(x, "Websites", "Website"))
        {
            d.Contact(IdentifierKind.Website, "Website", Text(w));
        }

        foreach (var i in Children(x, "IndividualDetails", "Individual"))
        {
            at = i;
            foreach (var dob in Children(i, "DOBs", "DOB"))
            {
                at = dob;
                d.BirthDate(Text(dob), "DOB");
            }

            foreach (var g in Children(i, "Genders", "Gender").Concat(i.Elements("Gender")))
            {
                at = g;
                d.Gender(Text(g), "Gender");
            }

            foreach (var p in Children(i, "PassportDetails", "Passport"))
            {
                d.Document(IdentifierKind.Passport, "Passport number", p.Element("PassportNumber")?.Value, Text(p, "PassportAdditionalInformation"), context, $"{file.Name}: {where}");
            }

            foreach (var n in Children(i, "NationalIdentifierDetails", "NationalIdentifier"))
            {
                d.Document(IdentifierKind.NationalId, "National Identifier number", n.Element("NationalIdentifierNumber")?.Value, Text(n, "NationalIdentifierAdditionalInformation"), context, $"{file.Name}: {where}");
            }

            foreach (var n in Children(i, "Nationalities", "Nationality"))
            {
                d.Nationality(Text(n));
            }

            foreach (var p in Children(i, "Positions", "Position"))
            {
                d.Position(Text(p));
            }

            foreach (var b in Children(i, "BirthDetails", "Location"))
            {
                d.BirthPlace(Text(b, "TownOfBirth"), Text(b, "CountryOfBirth"));
            }
        }

        foreach (var e in Children(x, "EntityDetails", "Entity"))
        {
            foreach (var t in Children(e, "TypeOfEntities", "TypeOfEntity"))
            {
                d.EntityType(Text(t));
            }

            foreach (var s in Children(e, "Subsidiaries", "Subsidiary"))
            {
                d.Related("Subsidiary", Text(s));
            }

            foreach (var p in Children(e, "ParentCompanies", "ParentCompany"))
            {
                d.Related("Parent company", Text(p));
            }

            foreach (var r in Children(e, "BusinessRegistrationNumbers", "BusinessRegistrationNumber"))
            {
                d.Registration(Text(r));
            }
        }

        foreach (var s in Children(x, "ShipDetails", "Ship"))
        {
            foreach (var imo in Children(s, "IMONumbers", "IMONumber"))
            {
                at = imo;
                d.Imo(Text(imo), "IMONumber");
            }

            static IEnumerable<string?> Values(XElement ship, string list, string item) => Children(ship, list, item).Select(Text);
            foreach (var o in Values(s, "CurrentOwnerOperators", "CurrentOwnerOperator"))
            {
                d.Ship(o, null, null, null, null, null, null, null, null);
            }

            foreach (var o in Values(s, "PreviousOwnerOperators", "PreviousOwnerOperator"))
            {
                d.Ship(null, o, null, null, null, null, null, null, null);
            }

            foreach (var f in Values(s, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip"))
            {
                d.Ship(null, null, f, null, null, null, null, null, null);
            }

            foreach (var f in Values(s, "PreviousFlags", "PreviousFlag"))
            {
                d.Ship(null, null, null, f, null, null, null, null, null);
            }

            d.Ship(null, null, null, null, Values(s, "TypeOfShipDetails", "TypeOfShip").FirstOrDefault(), Values(s, "TonnageOfShipDetails", "TonnageOfShip").FirstOrDefault(),
                Values(s, "LengthOfShipDetails", "LengthOfShip").FirstOrDefault(), Values(s, "YearsBuilt", "YearBuilt").FirstOrDefault(),
                Values(s, "HullIdentificationNumbers", "HullIdentificationNumber").FirstOrDefault());
        }

        at = x;
        return d.Build(context, "Designation");
    }

    private static IEnumerable<XElement> Children(XElement parent, string list, string item) => parent.Elements(list).Elements(item);

    private static XElement? Find(XElement at, string name) => at.Name.LocalName == name ? at : at.DescendantsAndSelf(name).FirstOrDefault();

    private static string? Text(XElement el) => SourceText.Clean(el.Value);

    private static string? Text(XElement parent, string child) => parent.Element(child) is { } c ? SourceText.Clean(c.Value) : null;

    private static long LineOf(XElement el, long fallback) => el is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : fallback;
}
