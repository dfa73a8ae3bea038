namespace Interdict.Sources.Ftm;

/// <summary>FollowTheMoney entity exports (one JSON object a line), OpenSanctions' and Interdict's own.</summary>
internal static class FtmSource
{
    public static SourceDescriptor Descriptor { get; } = new()
    {
        Formats = [new("ftm", () => new FtmParser(), MatchesHead: h => h.TrimStart().StartsWith('{') && h.Contains("\"schema\"", StringComparison.Ordinal))],
        Official =
        [
            OfficialSource.Single(
                "opensanctions", "ftm", false, "https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
                "Off by default: OpenSanctions data is licensed CC BY-NC 4.0 (commercial use needs a licence) and the default dataset is several GB."),
        ],
    };
}
