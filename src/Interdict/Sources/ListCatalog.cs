using System.Collections.Frozen;
using Interdict.Sources.Refresh;

namespace Interdict.Sources;

/// <summary>A list Interdict knows: its id, who publishes it, and the formats it can be read from.</summary>
public sealed record ListDefinition(string Id, string Name, string Publisher, IReadOnlyList<string> Formats);

/// <summary>
/// The known lists and parsers. A list id is the prefix of its entity ids; a format is how a file set is read.
/// Built once from the source descriptors (one per source folder), so the command line and the server find
/// parsers by name without locks: nothing here changes after the type is initialised.
/// </summary>
public static class ListCatalog
{
    /// <summary>
    /// Every source, in the order lists are shown and formats detected. Adding a source is one folder with its
    /// parser and descriptor, and one line here.
    /// </summary>
    internal static readonly IReadOnlyList<SourceDescriptor> Sources =
    [
        OfacSource.Descriptor,
        Un.UnSource.Descriptor,
        UsCsl.CslSource.Descriptor,
        BisDpl.DplSource.Descriptor,
        UkOfsi.OfsiSource.Descriptor,
        EuFsf.EuFsfSource.Descriptor,
        UkSanctionsList.UkSanctionsListSource.Descriptor,
        Ftm.FtmSource.Descriptor,
    ];

    private static readonly FormatDescriptor[] AllFormats = Sources.SelectMany(s => s.Formats).ToArray();

    private static readonly FrozenDictionary<string, FormatDescriptor> ByFormat = AllFormats.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);

    public static IReadOnlyList<ListDefinition> Lists { get; } = Sources.SelectMany(s => s.Lists).ToArray();

    /// <summary>The official download sources of every list (docs/sources.md), before any configuration.</summary>
    internal static IReadOnlyList<RefreshSource> Official { get; } = Sources.SelectMany(s => s.Official).ToArray();

    public static ListDefinition? Find(string listId) => Lists.FirstOrDefault(l => l.Id == listId);

    public static IListParser? CreateParser(string format) => ByFormat.TryGetValue(format, out var f) ? f.CreateParser() : null;

    public static IEnumerable<string> Formats => AllFormats.Select(f => f.Id);

    /// <summary>
    /// Guesses the format of a file set from names and first bytes, so that `import` needs no --format for
    /// official files. Names are tried before contents (a header-less CSV is known only by its name). Returns null
    /// when nothing fits.
    /// </summary>
    public static string? DetectFormat(IReadOnlyList<SourceInput> files)
    {
        foreach (var f in files)
        {
            var n = f.Name.ToLowerInvariant();
            if (AllFormats.FirstOrDefault(d => d.MatchesName?.Invoke(n) == true) is { } byName)
            {
                return byName.Id;
            }
        }

        foreach (var f in files)
        {
            var head = Head(f);
            if (AllFormats.FirstOrDefault(d => d.MatchesHead?.Invoke(head) == true) is { } byHead)
            {
                return byHead.Id;
            }
        }

        return null;
    }

    private static string Head(SourceInput f)
    {
        using var s = f.Open();
        var buf = new byte[4096];
        var n = s.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buf, 0, n);
    }
}
