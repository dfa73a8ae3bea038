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
                "Off by default: the parser reads the pre-2022 ConList.csv layout; OFSI now publishes the 2022 layout (publishlive/2022format/ConList.csv) and the UK Sanctions List is moving to the FCDO."),
        ],
    };
}
