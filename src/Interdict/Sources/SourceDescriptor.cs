using Interdict.Sources.Refresh;

namespace Interdict.Sources;

/// <summary>
/// One way a publisher's files are read: the format id, how to make its parser, and how to recognise its files
/// so that <c>import</c> needs no <c>--format</c>.
/// </summary>
/// <param name="Id">Stable format id ("un-xml").</param>
/// <param name="CreateParser">A new parser per parse: parsers may keep state while they read.</param>
/// <param name="MatchesName">True when a file's lower-cased name alone identifies the format (OFAC's sdn.csv); tried before any content.</param>
/// <param name="MatchesHead">True when the first 4 KiB of a file, read as UTF-8, identify the format.</param>
internal sealed record FormatDescriptor(
    string Id,
    Func<IListParser> CreateParser,
    Func<string, bool>? MatchesName = null,
    Func<string, bool>? MatchesHead = null);

/// <summary>
/// Everything Interdict knows about one official format family: the lists it publishes, the formats they are read
/// from, and the official download addresses with whether a plain <c>update</c> fetches them (and why not, when
/// not). Each source folder under <c>Sources/</c> holds one; <see cref="ListCatalog"/> lists them in one place.
/// </summary>
internal sealed record SourceDescriptor
{
    public IReadOnlyList<ListDefinition> Lists { get; init; } = [];

    /// <summary>In detection order: a format whose signature is a subset of another's comes after it.</summary>
    public required IReadOnlyList<FormatDescriptor> Formats { get; init; }

    /// <summary>The official download sources; <see cref="RefreshSource.Note"/> says why one is off by default.</summary>
    public IReadOnlyList<RefreshSource> Official { get; init; } = [];
}

/// <summary>Builders for the official addresses the descriptors state.</summary>
internal static class OfficialSource
{
    /// <summary>A list published as one file; the parser sees <paramref name="fileName"/>, by default the URL's last segment.</summary>
    public static RefreshSource Single(string listId, string format, bool enabled, string url, string? note = null, string? fileName = null)
    {
        var u = new Uri(url);
        return new RefreshSource(listId, format, [new RemoteFile(fileName ?? Uri.UnescapeDataString(u.Segments[^1]), u)], enabled, note);
    }

    /// <summary>A list published as a set of files under one base address.</summary>
    public static RefreshSource Set(string listId, string format, bool enabled, string baseUrl, params (string Name, string Path)[] files) =>
        new(listId, format, files.Select(f => new RemoteFile(f.Name, new Uri(baseUrl + f.Path))).ToList(), enabled);
}
