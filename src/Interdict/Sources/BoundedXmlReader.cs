using System.Globalization;
using System.Xml;

namespace Interdict.Sources;

/// <summary>
/// How deep and how large an XML document may be before it is refused. Real files sit far inside these: OFAC's
/// Advanced XML, the deepest list format, nests about 12 levels; a pacs.008 about 10. The bounds exist because a
/// document of nothing but nested elements makes tree-building readers do quadratic work (100,000 levels cost minutes
/// of CPU), so such a document must be refused before the parser gets to it.
/// </summary>
internal readonly record struct XmlBounds(int MaxDepth, long MaxElements)
{
    /// <summary>Official list files: the largest real ones hold a few million elements.</summary>
    public static XmlBounds Lists { get; } = new(64, 50_000_000);

    /// <summary>A payment message: one message of at most a few thousand transactions.</summary>
    public static XmlBounds Payments { get; } = new(48, 1_000_000);
}

/// <summary>A document exceeded its <see cref="XmlBounds"/>; carries the line like any other XML error.</summary>
internal sealed class XmlBoundsException(string reason, int line, int position) : XmlException(reason, null, line, position)
{
    /// <summary>What was wrong, without the position that <see cref="XmlException"/> appends to its message.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// An <see cref="XmlReader"/> that passes everything through to the reader it wraps and counts, on each
/// <see cref="Read"/>, the depth and the number of elements, refusing the document as soon as either exceeds its bound.
/// A wrapper rather than a check in each parser so that every XML reader of the product gets the same limits.
/// </summary>
internal sealed class BoundedXmlReader : XmlReader, IXmlLineInfo
{
    private readonly XmlReader _inner;
    private readonly XmlBounds _bounds;
    private long _elements;

    private BoundedXmlReader(XmlReader inner, XmlBounds bounds)
    {
        _inner = inner;
        _bounds = bounds;
    }

    public static XmlReader Create(Stream stream, XmlReaderSettings settings, XmlBounds bounds) => new BoundedXmlReader(XmlReader.Create(stream, settings), bounds);

    public static XmlReader Create(TextReader text, XmlReaderSettings settings, XmlBounds bounds) => new BoundedXmlReader(XmlReader.Create(text, settings), bounds);

    public override bool Read()
    {
        if (!_inner.Read())
        {
            return false;
        }

        if (_inner.NodeType == XmlNodeType.Element)
        {
            if (_inner.Depth >= _bounds.MaxDepth)
            {
                throw Refuse($"the document has elements nested more than {_bounds.MaxDepth} deep, more than any real file of this kind; refused");
            }

            if (++_elements > _bounds.MaxElements)
            {
                throw Refuse($"the document has more than {_bounds.MaxElements.ToString("N0", CultureInfo.InvariantCulture)} elements, more than any real file of this kind; refused");
            }
        }

        return true;
    }

    private XmlBoundsException Refuse(string message) => new(message, LineNumber, LinePosition);

    public int LineNumber => _inner is IXmlLineInfo info ? info.LineNumber : 0;

    public int LinePosition => _inner is IXmlLineInfo info ? info.LinePosition : 0;

    public bool HasLineInfo() => _inner is IXmlLineInfo info && info.HasLineInfo();

    public override int AttributeCount => _inner.AttributeCount;

    public override string BaseURI => _inner.BaseURI;

    public override int Depth => _inner.Depth;

    public override bool EOF => _inner.EOF;

    public override bool HasValue => _inner.HasValue;

    public override bool IsDefault => _inner.IsDefault;

    public override bool IsEmptyElement => _inner.IsEmptyElement;

    public override string LocalName => _inner.LocalName;

    public override string Name => _inner.Name;

    public override string NamespaceURI => _inner.NamespaceURI;

    public override XmlNameTable NameTable => _inner.NameTable;

    public override XmlNodeType NodeType => _inner.NodeType;

    public override string Prefix => _inner.Prefix;

    public override ReadState ReadState => _inner.ReadState;

    public override XmlReaderSettings? Settings => _inner.Settings;

    public override string Value => _inner.Value;

    public override string XmlLang => _inner.XmlLang;

    public override XmlSpace XmlSpace => _inner.XmlSpace;

    public override string GetAttribute(int i) => _inner.GetAttribute(i);

    public override string? GetAttribute(string name) => _inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

    public override void MoveToAttribute(int i) => _inner.MoveToAttribute(i);

    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);

    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);

    public override bool MoveToElement() => _inner.MoveToElement();

    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();

    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();

    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();

    public override void ResolveEntity() => _inner.ResolveEntity();

    public override void Close() => _inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
