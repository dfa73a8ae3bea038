using System.Text.Json;
using Interdict.Model;
using Interdict.Store.Operations;
using Microsoft.Data.Sqlite;

namespace Interdict.Store.Sqlite;

/// <summary>Removing a mistaken snapshot: the inverse of a (back-filling) import.</summary>
public sealed partial class SqliteListStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// <para>One BEGIN IMMEDIATE transaction, like an import: the spans are repaired (a span that only held the snapshot is
    /// deleted, one that started or ended at it now starts after or ends before it, and an entry that had the same content
    /// before and after it joins into one span again), later snapshots move one seq down, entry contents no other snapshot
    /// refers to are deleted, and the removal is recorded (removed_snapshots, the audit trail) in the same commit. A killed
    /// process leaves the store as it was.</para>
    /// <para>Alerts keep the snapshot id; removed_snapshots resolves it, and no later snapshot takes that id. If the
    /// portfolio was last screened against the snapshot, that list's screening state is dropped so the next re-screen
    /// screens it whole against what is current then.</para>
    /// </remarks>
    public SnapshotRemovalResult RemoveSnapshot(long snapshotId, SnapshotRemovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Actor);

        // The audit trail's table belongs to the operations store; opening it once creates it, so the removal and its
        // audit record can commit together on this connection.
        SqliteOperationsStore.Open(Path).Dispose();

        using var tx = _connection.BeginTransaction();
        var snapshot = ReadSnapshots("s.id = $id", p => p.AddWithValue("$id", snapshotId), tx).SingleOrDefault()
            ?? throw new SnapshotNotFoundException(snapshotId, RemovedSnapshots(tx).FirstOrDefault(r => r.Id == snapshotId));
        var listId = snapshot.ListId;
        var (seq, newest) = SeqOf(snapshotId, listId, tx);
        var wasCurrent = seq == newest;

        var alerts = TableExists("alerts", tx) ? (int)(long)Scalar("SELECT count(*) FROM alerts WHERE snapshot_id = $id", tx, ("$id", snapshotId))! : 0;
        if (alerts > 0 && !request.Force)
        {
            throw new SnapshotInUseException(snapshot, alerts);
        }

        _members = null;
        using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;

            // Order matters: the spans of the removed seq are settled before later seqs move down onto it.
            cmd.CommandText = (wasCurrent
                ? """
                  DELETE FROM entity_spans WHERE list_id = $list AND first_seq = $k;
                  UPDATE entity_spans SET last_seq = $open WHERE list_id = $list AND last_seq IN ($k - 1, $k);
                  """
                : """
                  DELETE FROM entity_spans WHERE list_id = $list AND first_seq = $k AND last_seq = $k;
                  UPDATE entity_spans SET first_seq = $k + 1 WHERE list_id = $list AND first_seq = $k;
                  UPDATE entity_spans SET last_seq = $k - 1 WHERE list_id = $list AND last_seq = $k;
                  """)
                + """
                  DELETE FROM snapshot_files WHERE snapshot_id = $id;
                  DELETE FROM snapshots WHERE id = $id;
                  UPDATE snapshots SET seq = -(seq - 1) WHERE list_id = $list AND seq > $k;
                  UPDATE snapshots SET seq = -seq WHERE list_id = $list AND seq < 0;
                  UPDATE entity_spans SET last_seq = last_seq - 1 WHERE list_id = $list AND last_seq > $k AND last_seq < $open;
                  UPDATE entity_spans SET first_seq = -(first_seq - 1) WHERE list_id = $list AND first_seq > $k;
                  UPDATE entity_spans SET first_seq = -first_seq WHERE list_id = $list AND first_seq < 0;
                  """;

            // The snapshots before and after now neighbour: an entry with the same content in both is one span again
            // (spans stay maximal, which the history reads rely on).
            if (!wasCurrent && seq > 1)
            {
                cmd.CommandText += """
                    UPDATE entity_spans AS a
                    SET last_seq = (SELECT b.last_seq FROM entity_spans AS b
                                    WHERE b.list_id = a.list_id AND b.entity_id = a.entity_id AND b.first_seq = $k AND b.hash = a.hash)
                    WHERE a.list_id = $list AND a.last_seq = $k - 1
                      AND EXISTS (SELECT 1 FROM entity_spans AS b
                                  WHERE b.list_id = a.list_id AND b.entity_id = a.entity_id AND b.first_seq = $k AND b.hash = a.hash);
                    DELETE FROM entity_spans AS b
                    WHERE b.list_id = $list AND b.first_seq = $k
                      AND EXISTS (SELECT 1 FROM entity_spans AS a
                                  WHERE a.list_id = b.list_id AND a.entity_id = b.entity_id AND a.first_seq < $k AND a.last_seq >= $k);
                    """;
            }

            // Content is stored once by hash; only a version no span refers to any more goes (NOT IN is evaluated once,
            // where a per-row NOT EXISTS would scan the spans once per candidate).
            cmd.CommandText += """
                DELETE FROM entity_versions WHERE hash NOT IN (SELECT hash FROM entity_spans);
                """;
            cmd.Parameters.AddWithValue("$list", listId);
            cmd.Parameters.AddWithValue("$k", seq);
            cmd.Parameters.AddWithValue("$id", snapshotId);
            cmd.Parameters.AddWithValue("$open", Schema.OpenEnd);
            cmd.ExecuteNonQuery();
        }

        var versionsDeleted = (int)(long)Scalar("SELECT changes()", tx)!;
        var now = _time.GetUtcNow();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO removed_snapshots (id, list_id, published, imported_at, entity_count, removed_at, actor, reason, alerts)
                VALUES ($id, $list, $published, $importedAt, $count, $now, $actor, $reason, $alerts)
                """;
            cmd.Parameters.AddWithValue("$id", snapshotId);
            cmd.Parameters.AddWithValue("$list", listId);
            cmd.Parameters.AddWithValue("$published", Format(snapshot.Published));
            cmd.Parameters.AddWithValue("$importedAt", Format(snapshot.ImportedAt));
            cmd.Parameters.AddWithValue("$count", snapshot.EntityCount);
            cmd.Parameters.AddWithValue("$now", Format(now));
            cmd.Parameters.AddWithValue("$actor", request.Actor);
            cmd.Parameters.AddWithValue("$reason", request.Reason);
            cmd.Parameters.AddWithValue("$alerts", alerts);
            cmd.ExecuteNonQuery();
        }

        // A delta re-screen from a snapshot that is gone would miss what it added: the next re-screen of the list is whole.
        if (TableExists("portfolio_screened", tx))
        {
            Scalar("DELETE FROM portfolio_screened WHERE snapshot_id = $id", tx, ("$id", snapshotId));
        }

        var current = SnapshotAt(listId, tx);
        AppendRemovalAudit(snapshot, request, alerts, current, now, tx);
        tx.Commit();
        return new SnapshotRemovalResult(snapshot, wasCurrent, current, alerts, versionsDeleted);
    }

    /// <summary>The removed snapshots, most recently removed first.</summary>
    public IReadOnlyList<RemovedSnapshot> RemovedSnapshots() => RemovedSnapshots(null);

    private List<RemovedSnapshot> RemovedSnapshots(SqliteTransaction? tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id, list_id, published, imported_at, entity_count, removed_at, actor, reason, alerts FROM removed_snapshots ORDER BY removed_at DESC, id DESC";
        using var r = cmd.ExecuteReader();
        var result = new List<RemovedSnapshot>();
        while (r.Read())
        {
            result.Add(new RemovedSnapshot(
                r.GetInt64(0), r.GetString(1), Parse(r.GetString(2)), Parse(r.GetString(3)), r.GetInt32(4), Parse(r.GetString(5)), r.GetString(6), r.GetString(7), r.GetInt32(8)));
        }

        return result;
    }

    // Written with the removal (same transaction) in the audit trail's own shape, so 'audit export' shows it like any record.
    private void AppendRemovalAudit(ListSnapshot removed, SnapshotRemovalRequest request, int alerts, ListSnapshot? current, DateTimeOffset now, SqliteTransaction tx)
    {
        var query = JsonSerializer.Serialize(new
        {
            action = "snapshot-remove",
            list = removed.ListId,
            snapshot_id = removed.Id,
            published = Format(removed.Published),
            imported_at = Format(removed.ImportedAt),
            entries = removed.EntityCount,
            files = removed.Files.Select(f => new { name = f.Name, sha256 = f.Sha256 }),
            reason = request.Reason,
            forced = request.Force,
            alerts,
            current_after = current?.Id,
        });
        var snapshots = JsonSerializer.Serialize(new[] { new { list = removed.ListId, snapshot = removed.Id, published = Format(removed.Published) } });
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO audit_log(time, actor, channel, query, snapshots, threshold, matches, match_count) VALUES($t, $a, $c, $q, $s, 0, '[]', 0)";
        cmd.Parameters.AddWithValue("$t", Format(now));
        cmd.Parameters.AddWithValue("$a", request.Actor);
        cmd.Parameters.AddWithValue("$c", request.Channel + ":snapshot-remove");
        cmd.Parameters.AddWithValue("$q", query);
        cmd.Parameters.AddWithValue("$s", snapshots);
        cmd.ExecuteNonQuery();
    }

    private (long Seq, long Newest) SeqOf(long snapshotId, string listId, SqliteTransaction tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT (SELECT seq FROM snapshots WHERE id = $id), (SELECT max(seq) FROM snapshots WHERE list_id = $list)";
        cmd.Parameters.AddWithValue("$id", snapshotId);
        cmd.Parameters.AddWithValue("$list", listId);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }

    private ListSnapshot? SnapshotAt(string listId, SqliteTransaction tx) =>
        ReadSnapshots("s.id = (SELECT id FROM snapshots WHERE list_id = $list ORDER BY seq DESC LIMIT 1)", p => p.AddWithValue("$list", listId), tx).SingleOrDefault();

    private bool TableExists(string name, SqliteTransaction tx) =>
        Scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name", tx, ("$name", name)) is not null;

    private object? Scalar(string sql, SqliteTransaction tx, params (string Name, object Value)[] parameters)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd.ExecuteScalar();
    }
}
