namespace Interdict.Sources.UkOfsi;

/// <summary>HM Treasury OFSI's Consolidated List in its pre-2022 ConList.csv layout.</summary>
internal static class OfsiSource
{
    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists = [new("uk-ofsi", "UK Consolidated List of Financial Sanctions Targets", "HM Treasury OFSI", ["uk-ofsi-csv"])],
        Formats = [new("uk-ofsi-csv", () => new OfsiCsvParser(), MatchesHead: h => h.StartsWith("Last Updated,", StringComparison.Ordinal) && h.Contains("Group ID", StringComparison.Ordinal))],
        Official =
        [
            OfficialSource.Single(
                "uk-ofsi", "uk-ofsi-csv", false, "https://ofsistorage.blob.core.windows.net/publishlive/ConList.csv",
                "Off by default: OFSI stopped publishing its Consolidated List on 28 January 2026; kept to re-read old ConList.csv files. The UK list is now uk-sanctions-list (FCDO)."),
        ],
    };
}
