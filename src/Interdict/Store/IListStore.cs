using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Store;

/// <summary>What an import did.</summary>
public sealed record ImportResult(ListSnapshot Snapshot, int Added, int Removed, int Changed, int Same, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the content equals the current snapshot's (a re-import of an unchanged list).</summary>
    public bool NothingChanged => Added == 0 && Removed == 0 && Changed == 0;
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
    /// the exception (a <see cref="ListFormatException"/> for bad input) propagates.
    /// </summary>
    ImportResult Import(string listId, DateTimeOffset published, IListParser parser, IReadOnlyList<SourceInput> files, IProgress<int>? progress = null);

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
}
