using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Interdict.Sources;
using Interdict.Store;

namespace Interdict.Screening.History;

/// <summary>What became of one version of a history.</summary>
public enum HistoryOutcome
{
    Imported,

    /// <summary>A snapshot with the same publication time and the same file bytes is already stored (a re-run).</summary>
    AlreadyStored,

    /// <summary>Not imported (an empty file); the reason is in <see cref="HistoryImportItem.Note"/>.</summary>
    Skipped,
}

/// <summary>One version of a history and what its import did.</summary>
public sealed record HistoryImportItem(
    string Source, DateTimeOffset Published, HistoryOutcome Outcome, int Entities, int Added, int Removed, int Changed, string? Note);

/// <summary>The result of importing a history: one item per version found, oldest first.</summary>
public sealed record HistoryImportReport(string ListId, IReadOnlyList<HistoryImportItem> Items, IReadOnlyList<string> Warnings, TimeSpan Elapsed)
{
    public int Imported => Items.Count(i => i.Outcome == HistoryOutcome.Imported);

    public int AlreadyStored => Items.Count(i => i.Outcome == HistoryOutcome.AlreadyStored);

    public int Skipped => Items.Count(i => i.Outcome == HistoryOutcome.Skipped);
}

/// <summary>
/// Imports the past publications of one list into the store, one snapshot per version:
/// <list type="bullet">
/// <item>a folder of files (or folders) whose names carry the publication date, e.g. <c>sdn-2022-02-25.csv</c> or
/// <c>2023-12-28-sdn-add-alt/</c> (optionally with a time, <c>sdn-2022-02-25T0150.csv</c>); files with the same stamp are
/// one publication;</item>
/// <item>a git repository or bundle holding a scrape of the list: every commit that touched the file is a version, and its
/// commit time is the publication time.</item>
/// </list>
/// Versions are imported oldest first; the store also accepts them out of order, so a history can be completed later.
/// Versions already stored (same time, same bytes) are passed over, which makes a re-run after an interruption resume.
/// Each version is its own transaction.
/// </summary>
public sealed partial class HistoryImport
{
    private readonly IListStore _store;

    public HistoryImport(IListStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The parser format; detected from each version's files when null.</summary>
    public string? Format { get; init; }

    /// <summary>The file whose versions a git source holds, relative to the repository root.</summary>
    public string GitFile { get; init; } = "sdn.csv";

    /// <summary>Import versions dated more than a day after now too (refused by default, see <see cref="FuturePublicationException"/>).</summary>
    public bool AllowFuture { get; init; }

    /// <summary>Imports a folder of dated files, or a git repository or bundle.</summary>
    /// <exception cref="ListFormatException">A version is malformed (its source is named); earlier versions stay imported.</exception>
    /// <exception cref="InvalidOperationException">git is missing or failed.</exception>
    public HistoryImportReport Run(string listId, string source, IProgress<HistoryImportItem>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (GitHistory.IsGitSource(source))
        {
            return ImportGit(listId, source, progress, cancellationToken);
        }

        if (Directory.Exists(source))
        {
            return ImportFolder(listId, source, progress, cancellationToken);
        }

        throw new FileNotFoundException($"{source}: neither a folder of dated files nor a git repository or bundle", source);
    }

    /// <summary>Imports every dated file or folder of <paramref name="folder"/>, oldest first.</summary>
    public HistoryImportReport ImportFolder(string listId, string folder, IProgress<HistoryImportItem>? progress = null, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>();
        var versions = FolderVersions(folder, warnings)
            .Select(v => new Version(v.Source, v.Published, () => v.Files.Select(f => (f.Name, ReadAll(f))).ToList()));
        return ImportAll(listId, versions, warnings, progress, cancellationToken);
    }

    /// <summary>Imports every version of <see cref="GitFile"/> in a git repository or bundle, oldest commit first.</summary>
    public HistoryImportReport ImportGit(string listId, string repositoryOrBundle, IProgress<HistoryImportItem>? progress = null, CancellationToken cancellationToken = default)
    {
        using var git = GitHistory.Open(repositoryOrBundle);
        var name = Path.GetFileName(GitFile);
        var versions = git.Commits(GitFile).Select(c => new Version(
            $"{GitFile}@{c.Sha[..8]}",
            c.Committed,
            () => git.Read(c.Sha, GitFile) is { } bytes ? [(name, bytes)] : []));
        return ImportAll(listId, versions, [], progress, cancellationToken);
    }

    /// <summary>
    /// The publications in a folder: entries whose name holds a date (and optionally a time, UTC), grouped by that stamp.
    /// A dated folder is one publication of all its files. Undated entries are reported in <paramref name="warnings"/>.
    /// </summary>
    public static IReadOnlyList<(string Source, DateTimeOffset Published, IReadOnlyList<SourceInput> Files)> FolderVersions(string folder, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var byStamp = new SortedDictionary<DateTimeOffset, List<string>>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (Stamp(name) is not { } stamp)
            {
                warnings.Add($"{name}: no date in the name; ignored");
                continue;
            }

            if (!byStamp.TryGetValue(stamp, out var group))
            {
                byStamp[stamp] = group = [];
            }

            if (Directory.Exists(entry))
            {
                group.AddRange(Directory.EnumerateFiles(entry).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
            }
            else
            {
                group.Add(entry);
            }
        }

        return byStamp
            .Select(kv => (string.Join(", ", kv.Value.Select(Path.GetFileName)), kv.Key, (IReadOnlyList<SourceInput>)kv.Value.Select(SourceInput.FromPath).ToList()))
            .ToList();
    }

    /// <summary>The publication time a file name states: <c>YYYY-MM-DD</c>, optionally followed by <c>THHMM</c>, <c>THH-MM</c> or <c>THH-MM-SS</c> (UTC).</summary>
    public static DateTimeOffset? Stamp(string name)
    {
        var m = StampPattern().Match(name);
        if (!m.Success)
        {
            return null;
        }

        static int N(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            return new DateTimeOffset(N(m.Groups["y"]), N(m.Groups["mo"]), N(m.Groups["d"]), N(m.Groups["h"]), N(m.Groups["mi"]), N(m.Groups["s"]), TimeSpan.Zero);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    // Contents are read once: the store opens a file for its digest and again to parse it.
    private sealed record Version(string Source, DateTimeOffset Published, Func<IReadOnlyList<(string Name, byte[] Bytes)>> Load);

    private HistoryImportReport ImportAll(
        string listId, IEnumerable<Version> versions, List<string> warnings, IProgress<HistoryImportItem>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var bulk = (_store as IBulkImport)?.BeginBulk();
        var snapshots = _store.Snapshots(listId);
        var stored = snapshots.Select(s => Key(s.Published, s.Files.Select(f => f.Sha256)))
            .Concat(snapshots.Select(s => Iso(s.Published)))
            .ToHashSet(StringComparer.Ordinal);
        var items = new List<HistoryImportItem>();
        var parsers = new Dictionary<string, IListParser>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = ImportOne(listId, version, stored, parsers, warnings);
            items.Add(item);
            progress?.Report(item);
        }

        return new HistoryImportReport(listId, items, warnings, clock.Elapsed);
    }

    private HistoryImportItem ImportOne(
        string listId, Version version, HashSet<string> stored, Dictionary<string, IListParser> parsers, List<string> warnings)
    {
        var contents = version.Load();
        var files = contents.Select(f => SourceInput.FromBytes(f.Name, f.Bytes)).ToList();
        if (files.Count == 0 || contents.All(f => IsBlank(f.Bytes)))
        {
            var note = files.Count == 0 ? "the file is missing in this version" : "the file is empty";
            warnings.Add($"{version.Source} ({Iso(version.Published)}): {note}; skipped");
            return new HistoryImportItem(version.Source, version.Published, HistoryOutcome.Skipped, 0, 0, 0, 0, note);
        }

        // The digest is only worth computing when a snapshot of that time is stored.
        if (stored.Contains(Iso(version.Published))
            && stored.Contains(Key(version.Published, files.Select(f => f.Describe().Sha256))))
        {
            return new HistoryImportItem(version.Source, version.Published, HistoryOutcome.AlreadyStored, 0, 0, 0, 0, "already stored");
        }

        var format = Format ?? ListCatalog.DetectFormat(files)
            ?? throw new ListFormatException(version.Source, "the format of these files is not recognised; name it explicitly");
        if (!parsers.TryGetValue(format, out var parser))
        {
            // One parser per run: consecutive versions share most rows, and it parses only the rows that changed.
            parsers[format] = parser = new RowReuseParser(ListCatalog.CreateParser(format) ?? throw new InvalidOperationException($"unknown format '{format}'"));
        }

        if (parser is RowReuseParser reuse)
        {
            foreach (var (file, content) in files.Zip(contents))
            {
                reuse.Provide(file, content.Bytes);
            }
        }

        ImportResult result;
        try
        {
            result = _store.Import(listId, version.Published, parser, files, allowFuture: AllowFuture);
        }
        catch (ListFormatException e) when (e.File != version.Source)
        {
            // A git version's file is just "sdn.csv"; the message must say which commit it came from.
            throw new ListFormatException($"{version.Source} ({Iso(version.Published)}): {e.File}", e.Reason, e.Line, e.Element, e);
        }

        stored.Add(Iso(version.Published));
        stored.Add(Key(version.Published, result.Snapshot.Files.Select(f => f.Sha256)));
        if (result.AlreadyImported)
        {
            // Stored meanwhile by another import (or with other bytes but the same entries): the store checked under its lock.
            return new HistoryImportItem(version.Source, version.Published, HistoryOutcome.AlreadyStored, 0, 0, 0, 0, "already stored");
        }

        warnings.AddRange(result.Warnings.Select(w => $"{version.Source}: {w}"));
        return new HistoryImportItem(
            version.Source, version.Published, HistoryOutcome.Imported, result.Snapshot.EntityCount, result.Added, result.Removed, result.Changed, null);
    }

    private static byte[] ReadAll(SourceInput input)
    {
        using var s = input.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    // OFAC ends its files with a Ctrl-Z; a failed scrape leaves nothing else.
    private static bool IsBlank(byte[] bytes) => bytes.AsSpan().IndexOfAnyExcept(" \t\r\n\u001a"u8) < 0;

    private static string Key(DateTimeOffset published, IEnumerable<string> sha256) =>
        Iso(published) + "|" + string.Join(",", sha256.Order(StringComparer.Ordinal));

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[T_](?<h>\d{2})[-:]?(?<mi>\d{2})(?:[-:]?(?<s>\d{2}))?Z?)?(?!\d)")]
    private static partial Regex StampPattern();
}
