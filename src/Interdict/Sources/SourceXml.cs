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

    /// <summary>A reader of an official list file with <see cref="ReaderSettings"/> and the lists' <see cref="XmlBounds"/>.</summary>
    /// <summary>The reason to report for an XML error: a refused bound is not malformed XML.</summary>
    public static string Describe(XmlException ex) => ex is XmlBoundsException bounds ? bounds.Reason : "malformed XML: " + ex.Message;

    public static XmlReader CreateReader(Stream stream) => BoundedXmlReader.Create(stream, ReaderSettings, XmlBounds.Lists);
}
