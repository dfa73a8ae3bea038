namespace Interdict.Sources.UsCsl;

/// <summary>The US Consolidated Screening List (ITA), one CSV with a fixed header.</summary>
internal static class CslSource
{
    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists = [new("us-csl", "US Consolidated Screening List", "US Department of Commerce ITA", ["us-csl-csv"])],
        Formats = [new("us-csl-csv", () => new CslCsvParser(), MatchesHead: h => h.StartsWith("_id,source,entity_number,", StringComparison.Ordinal))],
        Official = [OfficialSource.Single("us-csl", "us-csl-csv", true, "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv")],
    };
}
