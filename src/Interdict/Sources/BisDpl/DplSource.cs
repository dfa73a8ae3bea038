namespace Interdict.Sources.BisDpl;

/// <summary>The BIS Denied Persons List, one tab-separated file with every field quoted.</summary>
internal static class DplSource
{
    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists = [new("us-bis-dpl", "BIS Denied Persons List", "US Department of Commerce BIS", ["bis-dpl-tsv"])],
        Formats = [new("bis-dpl-tsv", () => new DplTsvParser(), MatchesHead: h => h.StartsWith("\"Name\"\t\"Street_Address\"", StringComparison.Ordinal))],
        Official =
        [
            OfficialSource.Single(
                "us-bis-dpl", "bis-dpl-tsv", false, "https://www.bis.doc.gov/dpl/dpl.txt",
                "Off by default: the BIS site has been reorganised and this historical URL may no longer serve the file; the Denied Persons List is also part of us-csl."),
        ],
    };
}
