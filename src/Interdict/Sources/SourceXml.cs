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
    public static XmlReader CreateReader(Stream stream) => BoundedXmlReader.Create(stream, ReaderSettings, XmlBounds.Lists);

    /// <summary>
    /// What was wrong with an XML file or message, in the product's words: the reader's own messages name .NET
    /// settings ("set the DtdProcessing property...") that mean nothing to whoever sent the file, and end with a
    /// position that callers report separately. A refused bound is not malformed XML.
    /// </summary>
    public static string Describe(XmlException ex)
    {
        if (ex is XmlBoundsException bounds)
        {
            return bounds.Reason;
        }

        var msg = ex.Message;
        if (msg.Contains("DTD", StringComparison.Ordinal))
        {
            return "the XML declares a document type (<!DOCTYPE>); document types and entities are refused, remove the declaration";
        }

        if (msg.Contains("Root element is missing", StringComparison.Ordinal))
        {
            return "empty file: no XML root element";
        }

        if (msg.Contains("Unexpected end of file", StringComparison.Ordinal))
        {
            return "truncated XML: the file ends before the document is complete";
        }

        if (msg.Contains("Invalid character in the given encoding", StringComparison.Ordinal) || msg.Contains("invalid bytes", StringComparison.OrdinalIgnoreCase))
        {
            return "invalid byte sequence for the declared encoding (expected UTF-8 text)";
        }

        if (msg.Contains("Data at the root level is invalid", StringComparison.Ordinal))
        {
            return "not an XML document";
        }

        return "malformed XML: " + WithoutPosition(msg);
    }

    // XmlException messages end with " Line n, position m."; the line is reported separately.
    private static string WithoutPosition(string msg)
    {
        var i = msg.LastIndexOf(" Line ", StringComparison.Ordinal);
        return i > 0 ? msg[..i].TrimEnd() : msg;
    }
}
