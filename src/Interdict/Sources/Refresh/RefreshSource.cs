namespace Interdict.Sources.Refresh;

/// <summary>
/// One file of a publication and where to fetch it. <see cref="Name"/> is the name the parser sees: the OFAC CSV
/// parser tells sdn.csv from add.csv by name, whatever the URL calls it.
/// </summary>
public sealed record RemoteFile(string Name, Uri Url);

/// <summary>
/// Where and how one list is downloaded: the files of one publication, the format they are parsed as, and whether
/// the scheduled refresh and a plain <c>update</c> fetch it.
/// </summary>
public sealed record RefreshSource(string ListId, string Format, IReadOnlyList<RemoteFile> Files, bool Enabled, string? Note = null)
{
    /// <summary>The file of a single-file source, or the primary file of a set (the first).</summary>
    public RemoteFile Primary => Files[0];
}
