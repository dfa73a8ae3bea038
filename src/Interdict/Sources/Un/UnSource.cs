namespace Interdict.Sources.Un;

/// <summary>The UN Security Council Consolidated List, one XML file.</summary>
internal static class UnSource
{
    public static SourceDescriptor Descriptor { get; } = new()
    {
        Lists = [new("un-sc", "UN Security Council Consolidated List", "United Nations Security Council", ["un-xml"])],
        Formats = [new("un-xml", () => new UnXmlParser(), MatchesHead: h => h.Contains("<CONSOLIDATED_LIST", StringComparison.Ordinal))],
        Official = [OfficialSource.Single("un-sc", "un-xml", true, "https://scsanctions.un.org/resources/xml/en/consolidated.xml")],
    };
}
