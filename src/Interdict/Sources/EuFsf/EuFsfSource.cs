namespace Interdict.Sources.EuFsf;

/// <summary>The EU Consolidated Financial Sanctions List (FSF).</summary>
internal static class EuFsfSource
{
    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists = [new("eu-fsf", "EU Consolidated Financial Sanctions List", "European Commission", ["eu-fsf-legacy-xml"])],
        Formats =
        [
            new("eu-fsf-legacy-xml", () => new EuFsfLegacyXmlParser(), MatchesHead: h => h.Contains("<WHOLE", StringComparison.Ordinal) && h.Contains("<ENTITY", StringComparison.Ordinal)),
        ],
    };
}
