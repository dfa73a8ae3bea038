using System.Buffers;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Interdict.Model;
using Interdict.Sources;
using Microsoft.Data.Sqlite;

namespace Interdict.Store.Sqlite;

/// <summary>
/// <see cref="IListStore"/> on one SQLite file (WAL mode). Entity content is kept once per distinct version
/// (entity_versions, keyed by the SHA-256 of its canonical JSON) and snapshots refer to it through validity spans
/// (entity_spans: this content was in snapshots first_seq..last_seq of its list; a span that reaches the newest snapshot
/// is open, last_seq = <see cref="Schema.OpenEnd"/>, so an import touches only the spans that change), so an unchanged re-import adds
/// one snapshot row and a long history costs little more than what changed.
/// </summary>
/// <remarks>
/// <para>Seq is publication order. Snapshots may be imported in any order: one published before the newest is
/// inserted at its place (see <see cref="Import"/>). Equal publication times are allowed (a corrected
/// re-publication); the later import follows the earlier. The same content at the same time is stored once: a repeat
/// import is reported as <see cref="ImportResult.AlreadyImported"/>.</para>
/// <para>One instance holds one connection and is not thread-safe. Open one instance per thread; WAL lets readers
/// on other connections (and processes) proceed while an import runs.</para>
/// </remarks>
public sealed partial class SqliteListStore : IListStore, IListHistory, IBulkImport
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string BuiltInOrigin = "built-in";

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly ConditionalWeakTable<Entity, byte[]> _hashes = new();

    // The entries of the newest snapshot this instance wrote, so that the next import of the list need not read them
    // back. Valid while no other connection has written (PRAGMA data_version is unchanged).
    private (string ListId, long Seq, long DataVersion, Dictionary<string, Member> Members)? _members;

    public SqliteListStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = time ?? TimeProvider.System;
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,

            // The store keeps its one connection for its lifetime; pooling would only keep the file open after Dispose.
            Pooling = false,
        };
        DatabaseFile.CreateOwnerOnly(Path);
        _connection = new SqliteConnection(cs.ToString());
        try
        {
            _connection.Open();
            Execute("PRAGMA journal_mode = WAL");
            Schema.Migrate(_connection);
            SeedProgramNames();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens (creating and migrating as needed) the store at <paramref name="path"/>.</summary>
    public static SqliteListStore Open(string path) => new(path);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// A snapshot published before the newest one of its list is back-filled: it takes its place in publication order
    /// (after any snapshot published at the same instant), later snapshots move one seq up, and spans are split or
    /// joined so every read answers exactly as if the snapshots had been imported in order. The counts of the result
    /// are relative to the snapshot published before it.
    /// </remarks>
    /// <exception cref="ListFormatException">The files are malformed, hold no entries, or repeat an entity id.</exception>
    /// <exception cref="FuturePublicationException"><paramref name="published"/> is more than a day after now and not <paramref name="allowFuture"/>.</exception>
    public ImportResult Import(
        string listId, DateTimeOffset published, IListParser parser, IReadOnlyList<SourceInput> files, IProgress<int>? progress = null, bool allowFuture = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(files);
        if (listId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"a list id cannot contain ':' (it separates list and native id): '{listId}'", nameof(listId));
        }

        var now = _time.GetUtcNow();
        if (!allowFuture && published > now + IListStore.FutureTolerance)
        {
            throw new FuturePublicationException(listId, published, now);
        }

        var fileNames = files.Count == 0 ? "(no files)" : string.Join(", ", files.Select(f => f.Name));
        var described = files.Select(f => f.Describe()).ToList();

        // BEGIN IMMEDIATE (the provider's default): the write lock is taken before the seqs are read, so two importers
        // cannot both claim the same seq, and the check for an identical snapshot below cannot race another import.
        using var tx = _connection.BeginTransaction();
        if (SameFiles(listId, published, described, tx) is { } stored)
        {
            return AlreadyImported(stored, []);
        }

        var (seq, newest) = InsertionPoint(listId, published, tx);
        var prevSeq = seq - 1;
        var backfill = seq <= newest;
        if (backfill)
        {
            ShiftFrom(listId, seq, tx);
        }

        var members = prevSeq == 0
            ? new Dictionary<string, Member>(StringComparer.Ordinal)
            : (backfill ? null : CachedMembers(listId, prevSeq, tx)) ?? LoadMembers(listId, prevSeq, tx);
        _members = null;

        using var insertVersion = Prepare(
            tx,
            "INSERT INTO entity_versions (hash, entity_id, json) VALUES ($hash, $id, $json) ON CONFLICT (hash) DO NOTHING",
            ("$hash", SqliteType.Blob), ("$id", SqliteType.Text), ("$json", SqliteType.Blob));
        using var insertSpan = Prepare(
            tx,
            "INSERT INTO entity_spans (list_id, entity_id, first_seq, last_seq, hash) VALUES ($list, $id, $seq, $open, $hash)",
            ("$list", SqliteType.Text), ("$id", SqliteType.Text), ("$seq", SqliteType.Integer), ("$open", SqliteType.Integer), ("$hash", SqliteType.Blob));
        insertSpan.Parameters["$list"].Value = listId;
        insertSpan.Parameters["$seq"].Value = seq;
        insertSpan.Parameters["$open"].Value = Schema.OpenEnd;

        var context = new ParseContext(listId);
        var buffer = new ArrayBufferWriter<byte>(4096);
        Utf8JsonWriter? writer = null;
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var changedIds = new List<string>();
        int added = 0, changed = 0, same = 0;
        try
        {
            var prefix = listId + ":";
            foreach (var entity in parser.Parse(files, context))
            {
                if (entity.ListId != listId || !entity.Id.StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"parser '{parser.Format}' produced entity '{entity.Id}' of list '{entity.ListId}' while importing list '{listId}'");
                }

                if (hashes.ContainsKey(entity.Id))
                {
                    throw new ListFormatException(fileNames, $"entity id '{entity.Id}' occurs more than once (entry {hashes.Count + 1})");
                }

                // A parser that hands back the same instance for an unchanged row (a history import) saves
                // serialising and hashing it again; entities are immutable, so the hash cannot have gone stale.
                var serialized = false;
                if (!_hashes.TryGetValue(entity, out var hash))
                {
                    EntityJson.Write(entity, buffer, ref writer);
                    hash = SHA256.HashData(buffer.WrittenSpan);
                    _hashes.AddOrUpdate(entity, hash);
                    serialized = true;
                }

                hashes.Add(entity.Id, hash);

                if (members.TryGetValue(entity.Id, out var member))
                {
                    if (member.Hash.AsSpan().SequenceEqual(hash))
                    {
                        same++;
                        continue;
                    }

                    changed++;
                    changedIds.Add(entity.Id);
                }
                else
                {
                    added++;
                }

                if (!serialized)
                {
                    EntityJson.Write(entity, buffer, ref writer);
                }

                insertVersion.Parameters["$hash"].Value = hash;
                insertVersion.Parameters["$id"].Value = entity.Id;
                insertVersion.Parameters["$json"].Value = buffer.WrittenSpan.ToArray();
                insertVersion.ExecuteNonQuery();

                // A back-filled snapshot's spans depend on the next snapshot too; they are placed after the parse.
                if (!backfill)
                {
                    insertSpan.Parameters["$id"].Value = entity.Id;
                    insertSpan.Parameters["$hash"].Value = hash;
                    insertSpan.ExecuteNonQuery();
                }

                if (hashes.Count % 1000 == 0)
                {
                    progress?.Report(hashes.Count);
                }
            }
        }
        finally
        {
            writer?.Dispose();
        }

        if (hashes.Count == 0)
        {
            throw new ListFormatException(fileNames, "contains no entries; an empty list is never imported");
        }

        progress?.Report(hashes.Count);
        var removed = members.Count - same - changed;
        if (backfill)
        {
            PlaceBetween(listId, seq, members, LoadMembers(listId, seq + 1, tx), hashes, tx);
        }
        else if (prevSeq > 0)
        {
            CloseSpans(listId, prevSeq, members, hashes, changedIds, tx);
        }

        var warnings = context.Warnings.ToList();
        if (context.DeclaredCount is int declared && declared != hashes.Count)
        {
            warnings.Add($"{fileNames}: the file declares {declared} records but {hashes.Count} entries were read");
        }

        // The files differ but the entries are the same (a re-encoded or re-ordered file): still the same publication.
        var contentHash = ContentHash(hashes);
        if (SameContent(listId, published, contentHash, tx) is { } sameContent)
        {
            tx.Rollback();
            return AlreadyImported(sameContent, warnings);
        }

        StoreProgramNames(listId, context.ProgramNames, tx);
        var snapshot = InsertSnapshot(listId, seq, published, parser.Format, hashes, contentHash, described, tx);
        tx.Commit();
        if (!backfill)
        {
            _members = (listId, seq, DataVersion(null), NextMembers(members, hashes, seq));
        }

        return new ImportResult(snapshot, added, removed, changed, same, warnings);
    }

    /// <summary>
    /// The lists of <see cref="ListCatalog"/> (in catalog order, with <see cref="ListSummary.Current"/> null when none
    /// is imported yet), then any other list that has snapshots, by id.
    /// </summary>
    public IReadOnlyList<ListSummary> Lists()
    {
        var stored = new Dictionary<string, (int Count, long Seq)>(StringComparer.Ordinal);
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT list_id, count(*), max(seq) FROM snapshots GROUP BY list_id";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                stored[r.GetString(0)] = (r.GetInt32(1), r.GetInt64(2));
            }
        }

        var ids = ListCatalog.Lists.Select(l => l.Id)
            .Concat(stored.Keys.Where(k => ListCatalog.Find(k) is null).Order(StringComparer.Ordinal));
        var result = new List<ListSummary>();
        foreach (var id in ids)
        {
            var def = ListCatalog.Find(id);
            var current = stored.TryGetValue(id, out var s) ? SnapshotAt(id) : null;
            result.Add(new ListSummary(id, def?.Name ?? id, def?.Publisher ?? "", current, s.Count));
        }

        return result;
    }

    public IReadOnlyList<ListSnapshot> Snapshots(string listId) =>
        ReadSnapshots("s.list_id = $list", p => p.AddWithValue("$list", listId));

    /// <inheritdoc/>
    /// <remarks>Null when the list has no snapshot, or none published at or before <paramref name="asOf"/>.</remarks>
    public ListSnapshot? SnapshotAt(string listId, DateTimeOffset? asOf = null)
    {
        // Seq order is publication order (Import keeps it so), so the newest seq not after asOf is the one in force.
        var inner = asOf is null
            ? "SELECT id FROM snapshots WHERE list_id = $list ORDER BY seq DESC LIMIT 1"
            : "SELECT id FROM snapshots WHERE list_id = $list AND published <= $asOf ORDER BY seq DESC LIMIT 1";
        return ReadSnapshots($"s.id = ({inner})", p =>
        {
            p.AddWithValue("$list", listId);
            if (asOf is { } t)
            {
                p.AddWithValue("$asOf", Format(t));
            }
        }).SingleOrDefault();
    }

    /// <inheritdoc/>
    /// <remarks>Entities come in entity id order (ordinal), not publication order.</remarks>
    /// <exception cref="ArgumentException">No snapshot has this id.</exception>
    public IEnumerable<Entity> Entities(long snapshotId)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT list_id, seq FROM snapshots WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", snapshotId);
        using var r = cmd.ExecuteReader();
        if (!r.Read())
        {
            throw new ArgumentException($"no snapshot with id {snapshotId}", nameof(snapshotId));
        }

        return ReadEntities(r.GetString(0), r.GetInt64(1));
    }

    /// <inheritdoc/>
    /// <remarks>Null for an id without a list prefix, an unknown list, or an entry not in the snapshot in force.</remarks>
    public Entity? GetEntity(string entityId, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var colon = entityId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var listId = entityId[..colon];
        if (Newest(listId, asOf) is not { } seq)
        {
            return null;
        }

        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT v.json FROM entity_spans s JOIN entity_versions v ON v.hash = s.hash
            WHERE s.list_id = $list AND s.entity_id = $id AND s.first_seq <= $seq AND s.last_seq >= $seq
            """;
        cmd.Parameters.AddWithValue("$list", listId);
        cmd.Parameters.AddWithValue("$id", entityId);
        cmd.Parameters.AddWithValue("$seq", seq);
        using var r = cmd.ExecuteReader();
        return r.Read() ? EntityJson.Deserialize((byte[])r.GetValue(0)) : null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Counts entries per program code summed over the newest snapshot of every list, most used first. Names come from
    /// the source files where they define them, else from <see cref="KnownPrograms"/>; unknown codes have a null name.
    /// </remarks>
    public IReadOnlyList<(SanctionsProgram Program, int Count)> Programs()
    {
        var names = new Dictionary<string, (string Name, string? Publisher)>(StringComparer.Ordinal);
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT code, name, publisher FROM program_names";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                names[r.GetString(0)] = (r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
            }
        }

        // Counted inside SQLite from the stored JSON: no entity needs to be materialised.
        var counts = new Dictionary<string, (int Count, string? Publisher)>(StringComparer.Ordinal);
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = """
                WITH cur AS (SELECT list_id, max(seq) AS seq FROM snapshots GROUP BY list_id)
                SELECT s.list_id, p.value, count(DISTINCT s.entity_id)
                FROM cur
                JOIN entity_spans s ON s.list_id = cur.list_id AND s.last_seq >= cur.seq
                JOIN entity_versions v ON v.hash = s.hash,
                     json_each(CAST(v.json AS TEXT), '$.programs') p
                GROUP BY s.list_id, p.value
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var code = r.GetString(1);
                var n = r.GetInt32(2);
                var publisher = ListCatalog.Find(r.GetString(0))?.Publisher;
                counts[code] = counts.TryGetValue(code, out var c) ? (c.Count + n, c.Publisher ?? publisher) : (n, publisher);
            }
        }

        return counts
            .Select(kv => names.TryGetValue(kv.Key, out var nm)
                ? (new SanctionsProgram(kv.Key, nm.Name, nm.Publisher ?? kv.Value.Publisher), kv.Value.Count)
                : (new SanctionsProgram(kv.Key, null, kv.Value.Publisher), kv.Value.Count))
            .OrderByDescending(p => p.Item2)
            .ThenBy(p => p.Item1.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc/>
    /// <remarks>Spans are maximal, so the changes at a snapshot are the spans that start there and those that end just before it.</remarks>
    public IReadOnlyList<EntityChange> ChangesIn(long snapshotId)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT sp.entity_id, sp.first_seq = s.seq, v.json
            FROM snapshots s
            JOIN entity_spans sp ON sp.list_id = s.list_id AND (sp.first_seq = s.seq OR sp.last_seq = s.seq - 1)
            JOIN entity_versions v ON v.hash = sp.hash
            WHERE s.id = $id
            """;
        cmd.Parameters.AddWithValue("$id", snapshotId);
        using var r = cmd.ExecuteReader();
        var changes = new Dictionary<string, (Entity? Before, Entity? After)>(StringComparer.Ordinal);
        while (r.Read())
        {
            var id = r.GetString(0);
            var entity = EntityJson.Deserialize((byte[])r.GetValue(2));
            var current = changes.GetValueOrDefault(id);
            changes[id] = r.GetBoolean(1) ? (current.Before, entity) : (entity, current.After);
        }

        return changes
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new EntityChange(kv.Key, kv.Value.Before, kv.Value.After))
            .ToList();
    }

    /// <inheritdoc/>
    public IReadOnlyList<EntityVersionSpan> VersionsOf(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var colon = entityId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return [];
        }

        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT v.json, f.id, f.published, l.id, l.published, n.id, n.published
            FROM entity_spans sp
            JOIN entity_versions v ON v.hash = sp.hash
            JOIN snapshots f ON f.list_id = sp.list_id AND f.seq = sp.first_seq
            JOIN snapshots l ON l.list_id = sp.list_id
                AND l.seq = min(sp.last_seq, (SELECT max(seq) FROM snapshots m WHERE m.list_id = sp.list_id))
            LEFT JOIN snapshots n ON n.list_id = sp.list_id AND sp.last_seq < $open AND n.seq = sp.last_seq + 1
            WHERE sp.list_id = $list AND sp.entity_id = $id
            ORDER BY sp.first_seq
            """;
        cmd.Parameters.AddWithValue("$list", entityId[..colon]);
        cmd.Parameters.AddWithValue("$id", entityId);
        cmd.Parameters.AddWithValue("$open", Schema.OpenEnd);
        using var r = cmd.ExecuteReader();
        var result = new List<EntityVersionSpan>();
        while (r.Read())
        {
            result.Add(new EntityVersionSpan(
                EntityJson.Deserialize((byte[])r.GetValue(0)),
                r.GetInt64(1),
                Parse(r.GetString(2)),
                r.GetInt64(3),
                Parse(r.GetString(4)),
                r.IsDBNull(5) ? null : r.GetInt64(5),
                r.IsDBNull(6) ? null : Parse(r.GetString(6))));
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Commits stop waiting for the disk (synchronous = NORMAL: the WAL is synced at checkpoints, not at every commit) and
    /// the page cache grows to 64 MiB. Disposing checkpoints the WAL and restores full durability.
    /// </remarks>
    public IDisposable BeginBulk()
    {
        Execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536");
        return new BulkScope(this);
    }

    private sealed class BulkScope(SqliteListStore store) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            store.Execute("PRAGMA wal_checkpoint(PASSIVE); PRAGMA synchronous = FULL; PRAGMA cache_size = -2000");
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Checkpoints the WAL and returns the database size in bytes (page_count × page_size).</summary>
    internal long MeasureDatabaseBytes()
    {
        Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        return (long)cmd.ExecuteScalar()!;
    }

    private IEnumerable<Entity> ReadEntities(string listId, long seq)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT v.json FROM entity_spans s JOIN entity_versions v ON v.hash = s.hash
            WHERE s.list_id = $list AND s.first_seq <= $seq AND s.last_seq >= $seq
            ORDER BY s.entity_id
            """;
        cmd.Parameters.AddWithValue("$list", listId);
        cmd.Parameters.AddWithValue("$seq", seq);
        using var r = cmd.ExecuteReader();

        // Rows are read in order into a batch and the batch is deserialised on every core: loading a list for
        // indexing is mostly JSON work (about 80 µs an entry before the code is compiled), and the reader is not.
        // Batches keep memory bounded and the order unchanged.
        const int BatchSize = 1024;
        var raw = new byte[BatchSize][];
        var parsed = new Entity[BatchSize];
        while (true)
        {
            var count = 0;
            while (count < BatchSize && r.Read())
            {
                raw[count++] = (byte[])r.GetValue(0);
            }

            if (count == 0)
            {
                yield break;
            }

            try
            {
                Parallel.For(0, count, i => parsed[i] = EntityJson.Deserialize(raw[i]));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Callers see what a sequential read would have thrown (a damaged row), not the parallel wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (var i = 0; i < count; i++)
            {
                yield return parsed[i];
                parsed[i] = null!;
                raw[i] = null!;
            }

            if (count < BatchSize)
            {
                yield break;
            }
        }
    }

    private readonly record struct Member(byte[] Hash, long FirstSeq, long LastSeq);

    /// <summary>The entries of snapshot <paramref name="seq"/>: the spans that cover it.</summary>
    private Dictionary<string, Member> LoadMembers(string listId, long seq, SqliteTransaction tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT entity_id, hash, first_seq, last_seq FROM entity_spans WHERE list_id = $list AND first_seq <= $seq AND last_seq >= $seq";
        cmd.Parameters.AddWithValue("$list", listId);
        cmd.Parameters.AddWithValue("$seq", seq);
        using var r = cmd.ExecuteReader();
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        while (r.Read())
        {
            members.Add(r.GetString(0), new Member((byte[])r.GetValue(1), r.GetInt64(2), r.GetInt64(3)));
        }

        return members;
    }

    private Dictionary<string, Member>? CachedMembers(string listId, long seq, SqliteTransaction tx) =>
        _members is { } m && m.ListId == listId && m.Seq == seq && m.DataVersion == DataVersion(tx) ? m.Members : null;

    private static Dictionary<string, Member> NextMembers(Dictionary<string, Member> previous, Dictionary<string, byte[]> hashes, long seq)
    {
        var next = new Dictionary<string, Member>(hashes.Count, StringComparer.Ordinal);
        foreach (var (id, hash) in hashes)
        {
            next[id] = previous.TryGetValue(id, out var m) && m.Hash.AsSpan().SequenceEqual(hash)
                ? new Member(m.Hash, m.FirstSeq, Schema.OpenEnd)
                : new Member(hash, seq, Schema.OpenEnd);
        }

        return next;
    }

    // Changes only when another connection commits; this connection's own commits leave it as it is.
    private long DataVersion(SqliteTransaction? tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA data_version";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// The seq a snapshot published at <paramref name="published"/> takes (after every snapshot published at or before
    /// it, so an equal time is a re-import that follows the first), and the newest seq of the list (0 when empty).
    /// </summary>
    private (long Seq, long Newest) InsertionPoint(string listId, DateTimeOffset published, SqliteTransaction tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            SELECT coalesce(max(CASE WHEN published <= $published THEN seq END), 0), coalesce(max(seq), 0)
            FROM snapshots WHERE list_id = $list
            """;
        cmd.Parameters.AddWithValue("$list", listId);
        cmd.Parameters.AddWithValue("$published", Format(published));
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0) + 1, r.GetInt64(1));
    }

    /// <summary>
    /// Makes room for a snapshot at <paramref name="seq"/>: snapshots from there on move one up, and so do span ends.
    /// A span that covered both seq - 1 and seq now covers the empty slot too (it is trimmed or split once the new
    /// content is known); every other span keeps clear of it.
    /// </summary>
    private void ShiftFrom(string listId, long seq, SqliteTransaction tx)
    {
        // Seqs are unique keys: moving each one up in place would collide with its successor, so they pass through
        // negative values first (distinct from every stored seq) and are then flipped back.
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE snapshots SET seq = -(seq + 1) WHERE list_id = $list AND seq >= $seq;
            UPDATE snapshots SET seq = -seq WHERE list_id = $list AND seq < 0;
            UPDATE entity_spans SET last_seq = last_seq + 1 WHERE list_id = $list AND last_seq >= $seq AND last_seq < $open;
            UPDATE entity_spans SET first_seq = -(first_seq + 1) WHERE list_id = $list AND first_seq >= $seq;
            UPDATE entity_spans SET first_seq = -first_seq WHERE list_id = $list AND first_seq < 0;
            """;
        cmd.Parameters.AddWithValue("$list", listId);
        cmd.Parameters.AddWithValue("$seq", seq);
        cmd.Parameters.AddWithValue("$open", Schema.OpenEnd);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the content of a back-filled snapshot at <paramref name="seq"/> (room made by <see cref="ShiftFrom"/>)
    /// between its neighbours <paramref name="before"/> (seq - 1) and <paramref name="after"/> (seq + 1). Spans stay
    /// maximal: equal content joins the neighbouring span, different or missing content splits a span crossing seq.
    /// </summary>
    private void PlaceBetween(
        string listId, long seq, Dictionary<string, Member> before, Dictionary<string, Member> after, Dictionary<string, byte[]> hashes, SqliteTransaction tx)
    {
        using var insert = Prepare(
            tx,
            "INSERT INTO entity_spans (list_id, entity_id, first_seq, last_seq, hash) VALUES ($list, $id, $first, $last, $hash)",
            ("$list", SqliteType.Text), ("$id", SqliteType.Text), ("$first", SqliteType.Integer), ("$last", SqliteType.Integer), ("$hash", SqliteType.Blob));
        using var setLast = Prepare(
            tx,
            "UPDATE entity_spans SET last_seq = $last WHERE list_id = $list AND entity_id = $id AND first_seq = $first",
            ("$list", SqliteType.Text), ("$id", SqliteType.Text), ("$first", SqliteType.Integer), ("$last", SqliteType.Integer));
        using var setFirst = Prepare(
            tx,
            "UPDATE entity_spans SET first_seq = $new WHERE list_id = $list AND entity_id = $id AND first_seq = $first",
            ("$list", SqliteType.Text), ("$id", SqliteType.Text), ("$first", SqliteType.Integer), ("$new", SqliteType.Integer));
        using var delete = Prepare(
            tx,
            "DELETE FROM entity_spans WHERE list_id = $list AND entity_id = $id AND first_seq = $first",
            ("$list", SqliteType.Text), ("$id", SqliteType.Text), ("$first", SqliteType.Integer));
        foreach (var cmd in new[] { insert, setLast, setFirst, delete })
        {
            cmd.Parameters["$list"].Value = listId;
        }

        void Run(SqliteCommand cmd, string id, long first, long? second = null, byte[]? hash = null)
        {
            cmd.Parameters["$id"].Value = id;
            cmd.Parameters["$first"].Value = first;
            if (second is { } s)
            {
                cmd.Parameters[cmd == setFirst ? "$new" : "$last"].Value = s;
            }

            if (hash is not null)
            {
                cmd.Parameters["$hash"].Value = hash;
            }

            cmd.ExecuteNonQuery();
        }

        var ids = new HashSet<string>(hashes.Keys, StringComparer.Ordinal);
        ids.UnionWith(before.Keys);
        ids.UnionWith(after.Keys);
        foreach (var id in ids)
        {
            var hash = hashes.GetValueOrDefault(id);
            var hasBefore = before.TryGetValue(id, out var b);
            var hasAfter = after.TryGetValue(id, out var a);
            if (hasBefore && hasAfter && b.FirstSeq == a.FirstSeq)
            {
                // One span runs through the slot.
                if (hash is not null && hash.AsSpan().SequenceEqual(b.Hash))
                {
                    continue;
                }

                Run(setLast, id, b.FirstSeq, seq - 1);
                Run(insert, id, seq + 1, b.LastSeq, b.Hash);
                if (hash is not null)
                {
                    Run(insert, id, seq, seq, hash);
                }

                continue;
            }

            if (hash is null)
            {
                continue;
            }

            var joinsBefore = hasBefore && hash.AsSpan().SequenceEqual(b.Hash);
            var joinsAfter = hasAfter && hash.AsSpan().SequenceEqual(a.Hash);
            if (joinsBefore && joinsAfter)
            {
                Run(delete, id, a.FirstSeq);
                Run(setLast, id, b.FirstSeq, a.LastSeq);
            }
            else if (joinsBefore)
            {
                Run(setLast, id, b.FirstSeq, seq);
            }
            else if (joinsAfter)
            {
                Run(setFirst, id, a.FirstSeq, seq);
            }
            else
            {
                Run(insert, id, seq, seq, hash);
            }
        }
    }

    /// <summary>
    /// Ends at the previous snapshot the open spans of the entries that changed or are gone. Unchanged entries keep their
    /// open span and cost nothing: an import writes what changed, not what was published.
    /// </summary>
    private void CloseSpans(
        string listId, long prevSeq, Dictionary<string, Member> members, Dictionary<string, byte[]> hashes, List<string> changedIds, SqliteTransaction tx)
    {
        using var close = Prepare(
            tx,
            "UPDATE entity_spans SET last_seq = $prev WHERE list_id = $list AND entity_id = $id AND first_seq = $first",
            ("$prev", SqliteType.Integer), ("$list", SqliteType.Text), ("$id", SqliteType.Text), ("$first", SqliteType.Integer));
        close.Parameters["$prev"].Value = prevSeq;
        close.Parameters["$list"].Value = listId;
        foreach (var id in changedIds.Concat(members.Keys.Where(k => !hashes.ContainsKey(k))))
        {
            close.Parameters["$id"].Value = id;
            close.Parameters["$first"].Value = members[id].FirstSeq;
            close.ExecuteNonQuery();
        }
    }

    private static ImportResult AlreadyImported(ListSnapshot stored, List<string> warnings) =>
        new(stored, 0, 0, 0, stored.EntityCount, warnings) { AlreadyImported = true };

    /// <summary>The snapshot of the list published at that instant from files with the same digests, if any.</summary>
    private ListSnapshot? SameFiles(string listId, DateTimeOffset published, List<SourceFile> files, SqliteTransaction tx)
    {
        if (files.Count == 0)
        {
            return null;
        }

        var wanted = files.Select(f => f.Sha256).Order(StringComparer.Ordinal).ToList();
        return SnapshotsPublishedAt(listId, published, tx)
            .FirstOrDefault(s => s.Files.Select(f => f.Sha256).Order(StringComparer.Ordinal).SequenceEqual(wanted, StringComparer.Ordinal));
    }

    /// <summary>The snapshot of the list published at that instant with the same content digest, if any.</summary>
    private ListSnapshot? SameContent(string listId, DateTimeOffset published, byte[] contentHash, SqliteTransaction tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id FROM snapshots WHERE list_id = $list AND published = $published AND content_hash = $content ORDER BY seq LIMIT 1";
        cmd.Parameters.AddWithValue("$list", listId);
        cmd.Parameters.AddWithValue("$published", Format(published));
        cmd.Parameters.AddWithValue("$content", contentHash);
        return cmd.ExecuteScalar() is long id
            ? SnapshotsPublishedAt(listId, published, tx).Single(s => s.Id == id)
            : null;
    }

    private List<ListSnapshot> SnapshotsPublishedAt(string listId, DateTimeOffset published, SqliteTransaction tx) =>
        ReadSnapshots(
            "s.list_id = $list AND s.published = $published",
            p =>
            {
                p.AddWithValue("$list", listId);
                p.AddWithValue("$published", Format(published));
            },
            tx);

    /// <summary>
    /// The digest of a snapshot's content. Order-independent: the same entries published in another order are the same
    /// content. It is over (id, 0, version hash) in ordinal id order, written out once rather than appended piece by piece.
    /// </summary>
    private static byte[] ContentHash(Dictionary<string, byte[]> hashes)
    {
        var ids = hashes.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        var content = new ArrayBufferWriter<byte>(ids.Length * 48);
        foreach (var entityId in ids)
        {
            var span = content.GetSpan(Encoding.UTF8.GetMaxByteCount(entityId.Length) + 1);
            var written = Encoding.UTF8.GetBytes(entityId, span);
            span[written] = 0;
            content.Advance(written + 1);
            content.Write(hashes[entityId]);
        }

        return SHA256.HashData(content.WrittenSpan);
    }

    private ListSnapshot InsertSnapshot(
        string listId, long seq, DateTimeOffset published, string format, Dictionary<string, byte[]> hashes, byte[] contentHash, List<SourceFile> files,
        SqliteTransaction tx)
    {
        var importedAt = _time.GetUtcNow();
        long id;
        using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO snapshots (id, list_id, seq, published, imported_at, entity_count, format, content_hash)
                VALUES (
                    -- Above every removed snapshot's id too: alerts and running servers tell snapshots apart by id.
                    (SELECT coalesce(max(id), 0) + 1 FROM (SELECT max(id) AS id FROM snapshots UNION ALL SELECT max(id) FROM removed_snapshots)),
                    $list, $seq, $published, $importedAt, $count, $format, $content)
                RETURNING id
                """;
            cmd.Parameters.AddWithValue("$list", listId);
            cmd.Parameters.AddWithValue("$seq", seq);
            cmd.Parameters.AddWithValue("$published", Format(published));
            cmd.Parameters.AddWithValue("$importedAt", Format(importedAt));
            cmd.Parameters.AddWithValue("$count", hashes.Count);
            cmd.Parameters.AddWithValue("$format", format);
            cmd.Parameters.AddWithValue("$content", contentHash);
            id = (long)cmd.ExecuteScalar()!;
        }

        using var file = Prepare(
            tx,
            "INSERT INTO snapshot_files (snapshot_id, ordinal, name, sha256, bytes) VALUES ($snapshot, $ordinal, $name, $sha, $bytes)",
            ("$snapshot", SqliteType.Integer), ("$ordinal", SqliteType.Integer), ("$name", SqliteType.Text), ("$sha", SqliteType.Text), ("$bytes", SqliteType.Integer));
        file.Parameters["$snapshot"].Value = id;
        for (var i = 0; i < files.Count; i++)
        {
            file.Parameters["$ordinal"].Value = i;
            file.Parameters["$name"].Value = files[i].Name;
            file.Parameters["$sha"].Value = files[i].Sha256;
            file.Parameters["$bytes"].Value = files[i].Bytes;
            file.ExecuteNonQuery();
        }

        return new ListSnapshot
        {
            Id = id,
            ListId = listId,
            Published = Parse(Format(published)),
            ImportedAt = Parse(Format(importedAt)),
            EntityCount = hashes.Count,
            Files = files,
            Format = format,
        };
    }

    private void StoreProgramNames(string listId, Dictionary<string, string> programNames, SqliteTransaction tx)
    {
        if (programNames.Count == 0)
        {
            return;
        }

        using var cmd = Prepare(
            tx,
            """
            INSERT INTO program_names (code, name, publisher, origin) VALUES ($code, $name, $publisher, $origin)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, publisher = excluded.publisher, origin = excluded.origin
            """,
            ("$code", SqliteType.Text), ("$name", SqliteType.Text), ("$publisher", SqliteType.Text), ("$origin", SqliteType.Text));
        cmd.Parameters["$publisher"].Value = (object?)ListCatalog.Find(listId)?.Publisher ?? DBNull.Value;
        cmd.Parameters["$origin"].Value = listId;
        foreach (var (code, name) in programNames)
        {
            cmd.Parameters["$code"].Value = code;
            cmd.Parameters["$name"].Value = name;
            cmd.ExecuteNonQuery();
        }
    }

    // Built-in names are refreshed on every open (a newer build may know better) but never override a name a
    // publisher's own file supplied.
    private void SeedProgramNames()
    {
        using var tx = _connection.BeginTransaction();
        using var cmd = Prepare(
            tx,
            """
            INSERT INTO program_names (code, name, publisher, origin) VALUES ($code, $name, $publisher, 'built-in')
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, publisher = excluded.publisher WHERE origin = 'built-in'
            """,
            ("$code", SqliteType.Text), ("$name", SqliteType.Text), ("$publisher", SqliteType.Text));
        foreach (var p in KnownPrograms.All)
        {
            cmd.Parameters["$code"].Value = p.Code;
            cmd.Parameters["$name"].Value = p.Name;
            cmd.Parameters["$publisher"].Value = (object?)p.Publisher ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private long? Newest(string listId, DateTimeOffset? asOf)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = asOf is null
            ? "SELECT max(seq) FROM snapshots WHERE list_id = $list"
            : "SELECT max(seq) FROM snapshots WHERE list_id = $list AND published <= $asOf";
        cmd.Parameters.AddWithValue("$list", listId);
        if (asOf is { } t)
        {
            cmd.Parameters.AddWithValue("$asOf", Format(t));
        }

        return cmd.ExecuteScalar() is long seq ? seq : null;
    }

    private List<ListSnapshot> ReadSnapshots(string condition, Action<SqliteParameterCollection> bind, SqliteTransaction? tx = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            SELECT s.id, s.list_id, s.published, s.imported_at, s.entity_count, s.format, f.name, f.sha256, f.bytes
            FROM snapshots s LEFT JOIN snapshot_files f ON f.snapshot_id = s.id
            WHERE {condition}
            ORDER BY s.list_id, s.seq, f.ordinal
            """;
        bind(cmd.Parameters);
        using var r = cmd.ExecuteReader();
        var result = new List<ListSnapshot>();
        List<SourceFile>? files = null;
        while (r.Read())
        {
            var id = r.GetInt64(0);
            if (result.Count == 0 || result[^1].Id != id)
            {
                files = [];
                result.Add(new ListSnapshot
                {
                    Id = id,
                    ListId = r.GetString(1),
                    Published = Parse(r.GetString(2)),
                    ImportedAt = Parse(r.GetString(3)),
                    EntityCount = r.GetInt32(4),
                    Format = r.GetString(5),
                    Files = files,
                });
            }

            if (!r.IsDBNull(6))
            {
                files!.Add(new SourceFile(r.GetString(6), r.GetString(7), r.GetInt64(8)));
            }
        }

        return result;
    }

    private SqliteCommand Prepare(SqliteTransaction tx, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            cmd.Parameters.Add(name, type);
        }

        cmd.Prepare();
        return cmd;
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string s) =>
        DateTimeOffset.ParseExact(s, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
