using Interdict.Model;

namespace Interdict.Store;

/// <summary>Who removes a snapshot and why; recorded in the audit trail with the removal.</summary>
public sealed record SnapshotRemovalRequest
{
    /// <summary>Who asked for the removal (an analyst's name, or the operating-system user for the CLI).</summary>
    public required string Actor { get; init; }

    /// <summary>Where the request came from ("cli"); the audit channel is this followed by ":snapshot-remove".</summary>
    public string Channel { get; init; } = "cli";

    public string Reason { get; init; } = "";

    /// <summary>Remove the snapshot even though portfolio alerts were raised against it.</summary>
    public bool Force { get; init; }
}

/// <summary>What a removal did.</summary>
/// <param name="Removed">The snapshot as it was stored.</param>
/// <param name="WasCurrent">It was the newest snapshot of its list.</param>
/// <param name="Current">The list's newest snapshot after the removal (null when it was the only one).</param>
/// <param name="Alerts">Portfolio alerts that refer to it (only non-zero when forced); they keep its id, now marked removed.</param>
/// <param name="VersionsDeleted">Stored entry contents no other snapshot referred to, deleted with it.</param>
public sealed record SnapshotRemovalResult(ListSnapshot Removed, bool WasCurrent, ListSnapshot? Current, int Alerts, int VersionsDeleted);

/// <summary>A snapshot that was removed: what it was, when, by whom and why. Alerts raised against it keep its id.</summary>
public sealed record RemovedSnapshot(
    long Id, string ListId, DateTimeOffset Published, DateTimeOffset ImportedAt, int EntityCount, DateTimeOffset RemovedAt, string Actor, string Reason, int Alerts);

/// <summary>No stored snapshot has the id (it never existed, or was removed already).</summary>
public sealed class SnapshotNotFoundException(long snapshotId, RemovedSnapshot? removed = null)
    : KeyNotFoundException(removed is null
        ? $"no snapshot with id {snapshotId} (see 'interdict snapshots list')"
        : $"snapshot {snapshotId} ({removed.ListId} published {removed.Published.UtcDateTime:yyyy-MM-dd HH:mm} UTC) was removed already, at {removed.RemovedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {removed.Actor}")
{
    public long SnapshotId { get; } = snapshotId;
}

/// <summary>
/// Portfolio alerts were raised against the snapshot: removing it would leave them pointing at a publication that is no
/// longer stored, so it is refused unless forced.
/// </summary>
public sealed class SnapshotInUseException(ListSnapshot snapshot, int alerts)
    : InvalidOperationException(
        $"snapshot {snapshot.Id} ({snapshot.ListId} published {snapshot.Published.UtcDateTime:yyyy-MM-dd HH:mm} UTC) is referred to by {alerts} portfolio alert{(alerts == 1 ? "" : "s")}; "
        + "nothing was removed. Give --force to remove it anyway: the alerts keep the snapshot id, marked removed, and the portfolio is re-screened.")
{
    public ListSnapshot Snapshot { get; } = snapshot;

    public int Alerts { get; } = alerts;
}
