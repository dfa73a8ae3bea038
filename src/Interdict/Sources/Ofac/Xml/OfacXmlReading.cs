using System.IO.Compression;
using System.Xml;

namespace Interdict.Sources.Ofac.Xml;

/// <summary>
/// Where a streaming OFAC XML parse currently is, so that any failure can name the file, line and record.
/// </summary>
internal sealed class XmlCursor
{
    public XmlCursor(string file) => File = file;

    public string File { get; }

    public XmlReader? Reader { get; set; }

    /// <summary>The record element being read ("sdnEntry", "DistinctParty"), or null between records.</summary>
    public string? Element { get; set; }

    /// <summary>Line where the current record starts (XNode.ReadFrom drops line info, so it is kept here).</summary>
    public long? RecordLine { get; set; }

    public long? CurrentLine => Reader is IXmlLineInfo li && li.HasLineInfo() && li.LineNumber > 0 ? li.LineNumber : null;

    public ListFormatException Error(string reason) => new(File, reason, RecordLine ?? CurrentLine, Element);
}

/// <summary>Shared plumbing of the three OFAC XML parsers: ZIP members, error translation.</summary>
internal static class OfacXml
{
    /// <summary>
    /// Opens the XML of an input: the file itself, or the single member of a .zip (OFAC publishes CONS_ENHANCED.ZIP).
    /// </summary>
    public static Stream OpenXml(SourceInput input, XmlCursor cursor)
    {
        var raw = input.Open();
        if (!input.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return raw;
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(raw, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            raw.Dispose();
            throw new ListFormatException(cursor.File, "not a readable ZIP archive: " + ex.Message, inner: ex);
        }

        var members = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
        if (members.Count != 1)
        {
            zip.Dispose();
            throw new ListFormatException(cursor.File, $"expected exactly one file in the ZIP archive, found {members.Count}");
        }

        // The member stream does not own the archive; copying keeps disposal simple and the members are a few MB.
        var buffer = new MemoryStream();
        using (zip)
        using (var member = members[0].Open())
        {
            member.CopyTo(buffer);
        }

        buffer.Position = 0;
        return buffer;
    }

    public static XmlReader CreateReader(Stream stream, XmlCursor cursor)
    {
        var reader = SourceXml.CreateReader(stream);
        cursor.Reader = reader;
        return reader;
    }

    /// <summary>
    /// Moves to the root element and checks its local name (namespace-agnostic: OFAC moved namespaces in 2024).
    /// Returns the root's namespace so child names can be built once.
    /// </summary>
    public static System.Xml.Linq.XNamespace ExpectRoot(XmlReader reader, XmlCursor cursor, string root, string formatName)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new ListFormatException(cursor.File, "empty file: no XML root element", cursor.CurrentLine);
        }

        if (reader.LocalName != root)
        {
            throw new ListFormatException(
                cursor.File,
                $"not an {formatName} file: the root element is <{reader.LocalName}>, expected <{root}>",
                cursor.CurrentLine,
                reader.LocalName);
        }

        return reader.NamespaceURI;
    }

    /// <summary>
    /// Runs a parse and turns reader failures (bad XML, bad encoding, truncation) into <see cref="ListFormatException"/>.
    /// An iterator cannot yield inside try/catch, so the source is stepped by hand.
    /// </summary>
    public static IEnumerable<T> Guard<T>(IEnumerable<T> source, Func<XmlCursor?> cursor)
    {
        using var e = source.GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = e.MoveNext();
            }
            catch (XmlException ex)
            {
                throw Translate(ex, cursor());
            }
            catch (Exception ex) when (ex is System.Text.DecoderFallbackException or FormatException or OverflowException or InvalidDataException or ArgumentOutOfRangeException)
            {
                var c = cursor();
                throw new ListFormatException(c?.File ?? "(unknown)", "unreadable content: " + ex.Message, c?.RecordLine ?? c?.CurrentLine, c?.Element, ex);
            }

            if (!more)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    private static ListFormatException Translate(XmlException ex, XmlCursor? cursor) =>
        new(cursor?.File ?? "(unknown)", SourceXml.Describe(ex), ex.LineNumber > 0 ? ex.LineNumber : null, cursor?.Element, ex);
}
