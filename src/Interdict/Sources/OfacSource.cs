namespace Interdict.Sources;

/// <summary>
/// OFAC's SDN and Consolidated (non-SDN) lists, both published in the same four formats from the Sanctions List
/// Service. (Kept beside the catalogue rather than in <c>Ofac/</c> only because that folder was being reworked when
/// the catalogue was split into descriptors; it can move there as is.)
/// </summary>
internal static class OfacSource
{
    private const string Publisher = "US Treasury OFAC";
    private const string Exports = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/";
    private static readonly string[] FormatIds = ["ofac-csv", "ofac-xml", "ofac-advanced", "ofac-enhanced"];

    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists =
        [
            new("ofac-sdn", "OFAC Specially Designated Nationals and Blocked Persons List", Publisher, FormatIds),
            new("ofac-cons", "OFAC Consolidated (non-SDN) Sanctions List", Publisher, FormatIds),
        ],
        Formats =
        [
            // The CSV files carry no header; their official names (sdn.csv, add.csv, alt.csv, cons_*.csv) are the signature.
            new("ofac-csv", () => new Ofac.OfacCsvParser(), MatchesName: n => n.EndsWith(".csv", StringComparison.Ordinal)
                && (n.StartsWith("sdn", StringComparison.Ordinal) || n.StartsWith("add", StringComparison.Ordinal) || n.StartsWith("alt", StringComparison.Ordinal) || n.StartsWith("cons_", StringComparison.Ordinal))),
            new("ofac-xml", () => new Ofac.Xml.OfacXmlParser(), MatchesHead: h => h.Contains("<sdnList", StringComparison.Ordinal)),
            new("ofac-advanced", () => new Ofac.Advanced.OfacAdvancedXmlParser(), MatchesHead: IsAdvanced),
            new("ofac-enhanced", () => new Ofac.Enhanced.OfacEnhancedXmlParser(), MatchesHead: h => h.Contains("<sanctionsData", StringComparison.Ordinal)),
        ],
        Official =
        [
            OfficialSource.Set("ofac-sdn", "ofac-csv", true, Exports, ("sdn.csv", "SDN.CSV"), ("add.csv", "ADD.CSV"), ("alt.csv", "ALT.CSV"), ("sdn_comments.csv", "SDN_COMMENTS.CSV")),
            OfficialSource.Set("ofac-cons", "ofac-csv", true, Exports, ("cons_prim.csv", "CONS_PRIM.CSV"), ("cons_add.csv", "CONS_ADD.CSV"), ("cons_alt.csv", "CONS_ALT.CSV"), ("cons_comments.csv", "CONS_COMMENTS.CSV")),
        ],
    };

    // The root element <Sanctions ...>, not any element whose name starts so (a UK designation's <SanctionsImposed>).
    private static bool IsAdvanced(string head) =>
        head.Contains("<Sanctions ", StringComparison.Ordinal) || head.Contains("<Sanctions>", StringComparison.Ordinal)
        || head.Contains("<Sanctions\n", StringComparison.Ordinal) || head.Contains("<Sanctions\r", StringComparison.Ordinal);
}
