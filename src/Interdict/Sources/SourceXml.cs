using System.Xml;

namespace Interdict.Sources;

/// <summary>How every official XML list is read.</summary>
internal static class SourceXml
{
    /// <summary>Official files are trusted for content but not for structure: no DTDs, no external entities.</summary>
    public static XmlReaderSettings ReaderSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };
}
