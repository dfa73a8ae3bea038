namespace Interdict.Sources.EuFsf;

/// <summary>The EU Consolidated Financial Sanctions List (FSF): the current v1.1 XML, the 2016 XML for history, and the CSV refused.</summary>
internal static class EuFsfSource
{
    /// <summary>
    /// The address the Commission publishes for the v1.1 XML. The FSF portal serves its public files only with a
    /// token in the query; this one is the public token printed on the portal's own download links (not a personal
    /// credential). When the Commission changes it, set <c>INTERDICT_SOURCE_EU_FSF_TOKEN</c> (docs/sources.md).
    /// </summary>
    public const string OfficialUrl = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw";

    /// <summary>The name the parser sees for the download: the URL's last segment ("content") says nothing.</summary>
    public const string OfficialFileName = "xmlFullSanctionsList_1_1.xml";

    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists = [new("eu-fsf", "EU Consolidated Financial Sanctions List", "European Commission", ["eu-fsf-xml", "eu-fsf-legacy-xml"])],
        Formats =
        [
            new("eu-fsf-xml", () => new EuFsfXmlParser(), MatchesHead: h => h.Contains("<export", StringComparison.Ordinal) && h.Contains(EuFsfXmlParser.Namespace, StringComparison.Ordinal)),
            new("eu-fsf-legacy-xml", () => new EuFsfLegacyXmlParser(), MatchesHead: h => h.Contains("<WHOLE", StringComparison.Ordinal) && h.Contains("<ENTITY", StringComparison.Ordinal)),
            new("eu-fsf-csv", () => new EuFsfCsvParser(), MatchesHead: h => h.TrimStart('\uFEFF').StartsWith(EuFsfCsvParser.Header, StringComparison.Ordinal)),
        ],
        Official = [OfficialSource.Single("eu-fsf", "eu-fsf-xml", true, OfficialUrl, fileName: OfficialFileName)],
    };
}
