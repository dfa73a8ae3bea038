namespace Interdict.Sources.UkSanctionsList;

/// <summary>The FCDO's UK Sanctions List, the one UK source since OFSI stopped publishing its Consolidated List (28 January 2026).</summary>
internal static class UkSanctionsListSource
{
    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists =
        [
            new("uk-sanctions-list", "UK Sanctions List", "UK Foreign, Commonwealth & Development Office (FCDO)", ["uk-sanctions-list-xml", "uk-sanctions-list-csv"]),
        ],
        Formats =
        [
            new("uk-sanctions-list-xml", () => new UkSanctionsListXmlParser(), MatchesHead: h => h.Contains("<Designations", StringComparison.Ordinal)),
            new(
                "uk-sanctions-list-csv", () => new UkSanctionsListCsvParser(),
                MatchesHead: h => h.TrimStart('\uFEFF').StartsWith("Report Date:", StringComparison.Ordinal) && h.Contains("OFSI Group ID", StringComparison.Ordinal)),
        ],
        Official = [OfficialSource.Single("uk-sanctions-list", "uk-sanctions-list-xml", true, "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml")],
    };
}
