using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Store;

/// <summary>What an import did.</summary>
public sealed record ImportResult(ListSnapshot Snapshot, int Added, int Removed, int Changed, int Same, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the content equals the current snapshot's (a re-import of an unchanged list).</summary>
    public bool NothingChanged => Added == 0 && Removed == 0 && Changed == 0;

    /// <summary>
    /// True when a snapshot of the list with the same publication time and the same content (the same files, or the same
    /// entries) was stored already: <see cref="Snapshot"/> is that snapshot and nothing was added.
    /// </summary>
    public bool AlreadyImported { get; init; }
}

/// <summary>
/// A publication dated more than <see cref="IListStore.FutureTolerance"/> after now: refused unless the import allows
/// future dates, since a future-dated snapshot would stay current over every real publication until that date.
/// </summary>
public sealed class FuturePublicationException(string listId, DateTimeOffset published, DateTimeOffset now)
    : InvalidOperationException(
        $"{listId}: the publication date {published.UtcDateTime:yyyy-MM-dd HH:mm} UTC is more than a day after now ({now.UtcDateTime:yyyy-MM-dd HH:mm} UTC); "
        + "a future-dated snapshot would stay current over every later real publication. Check the date, or allow it explicitly (--allow-future).")
{
    public string ListId { get; } = listId;

    public DateTimeOffset Published { get; } = published;
}

/// <summary>A list known to the store and its newest snapshot.</summary>
public sealed record ListSummary(string ListId, string Name, string Publisher, ListSnapshot? Current, int SnapshotCount);

/// <summary>
/// The versioned store of list publications. Entity content is stored once and snapshots refer to it, so
/// history costs what changed. Every import is a single transaction: it lands whole or not at all.
/// </summary>
public interface IListStore : IDisposable
{
    /// <summary>
    /// Records a snapshot of <paramref name="listId"/> published at <paramref name="published"/>, parsing
    /// <paramref name="files"/> with <paramref name="parser"/>. On any parse or storage error nothing changes and
    /// the exception (a <see cref="ListFormatException"/> for bad input) propagates. A publication dated more than
    /// <see cref="FutureTolerance"/> after now is refused (<see cref="FuturePublicationException"/>) unless
    /// <paramref name="allowFuture"/>. Importing the same content published at the same time again adds nothing: the result
    /// is <see cref="ImportResult.AlreadyImported"/>, also when two processes import it at once.
    /// </summary>
    ImportResult Import(
        string listId, DateTimeOffset published, IListParser parser, IReadOnlyList<SourceInput> files, IProgress<int>? progress = null, bool allowFuture = false);

    /// <summary>How far after now a publication may be dated without <c>allowFuture</c> (clocks and time zones differ).</summary>
    static TimeSpan FutureTolerance => TimeSpan.FromDays(1);

    IReadOnlyList<ListSummary> Lists();

    /// <summary>Snapshots of one list, oldest first.</summary>
    IReadOnlyList<ListSnapshot> Snapshots(string listId);

    /// <summary>The snapshot in force at <paramref name="asOf"/> (the newest published at or before it), or the newest.</summary>
    ListSnapshot? SnapshotAt(string listId, DateTimeOffset? asOf = null);

    /// <summary>All entities of one snapshot.</summary>
    IEnumerable<Entity> Entities(long snapshotId);

    /// <summary>One entity as it stood in the snapshot in force at <paramref name="asOf"/> (newest when null).</summary>
    Entity? GetEntity(string entityId, DateTimeOffset? asOf = null);

    /// <summary>Program codes in the current snapshots with entity counts and names where known.</summary>
    IReadOnlyList<(SanctionsProgram Program, int Count)> Programs();

    /// <summary>
    /// Removes a mistaken snapshot in one transaction, leaving the store as if that publication had never been imported
    /// (the one before becomes current again if it was current), and records the removal in the audit trail. Refused
    /// (<see cref="SnapshotInUseException"/>) when portfolio alerts refer to it, unless <see cref="SnapshotRemovalRequest.Force"/>.
    /// </summary>
    /// <exception cref="SnapshotNotFoundException">No stored snapshot has this id.</exception>
    SnapshotRemovalResult RemoveSnapshot(long snapshotId, SnapshotRemovalRequest request);
}
