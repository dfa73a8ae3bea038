using Interdict.Model;

namespace Interdict.Store;

/// <summary>An entry that differs between a snapshot and the one before it: added (no Before), removed (no After) or changed.</summary>
public sealed record EntityChange(string EntityId, Entity? Before, Entity? After);

/// <summary>
/// One content of one entry and the run of consecutive snapshots that held it: from <see cref="FirstSnapshotId"/> to
/// <see cref="LastSnapshotId"/>. <see cref="NextSnapshotId"/> is the snapshot right after the run (the entry changed or was
/// gone there), null when the run reaches the newest snapshot.
/// </summary>
public sealed record EntityVersionSpan(
    Entity Entity,
    long FirstSnapshotId,
    DateTimeOffset FirstPublished,
    long LastSnapshotId,
    DateTimeOffset LastPublished,
    long? NextSnapshotId,
    DateTimeOffset? NextPublished);

/// <summary>
/// Reads a store's history by what changed rather than snapshot by snapshot. A separate interface from
/// <see cref="IListStore"/> so that stores written against it keep compiling; <see cref="Sqlite.SqliteListStore"/> implements both.
/// </summary>
public interface IListHistory
{
    /// <summary>The entries whose content differs between snapshot <paramref name="snapshotId"/> and the one before it (all added for a list's first snapshot), by entity id.</summary>
    IReadOnlyList<EntityChange> ChangesIn(long snapshotId);

    /// <summary>Every content <paramref name="entityId"/> ever had, oldest first; empty when the entry was never stored.</summary>
    IReadOnlyList<EntityVersionSpan> VersionsOf(string entityId);
}

/// <summary>
/// A store that can take many imports in a row faster than one by one, for history imports. Inside the scope a crash may
/// lose the last imports (each still lands whole or not at all); they are durable once the scope is disposed.
/// </summary>
public interface IBulkImport
{
    IDisposable BeginBulk();
}
