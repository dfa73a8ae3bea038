using System.Buffers;
using System.Data;
using System.Globalization;
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
/// (entity_spans: this content was in snapshots first_seq..last_seq of its list), so an unchanged re-import adds
/// one snapshot row and a long history costs little more than what changed.
/// </summary>
/// <remarks>
/// <para>Snapshots of a list must be imported in publication order: importing one published before the newest
/// snapshot of that list throws <see cref="InvalidOperationException"/>. Inserting into the middle of a history would
/// mean splitting spans; that is not supported yet. Equal publication times are allowed (a re-import).</para>
/// <para>One instance holds one connection and is not thread-safe. Open one instance per thread; WAL lets readers
/// on other connections (and processes) proceed while an import runs.</para>
/// </remarks>
public sealed class SqliteListStore : IListStore
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string BuiltInOrigin = "built-in";

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;

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
    /// <exception cref="InvalidOperationException"><paramref name="published"/> is older than the newest snapshot of the list.</exception>
    /// <exception cref="ListFormatException">The files are malformed, hold no entries, or repeat an entity id.</exception>
    public ImportResult Import(string listId, DateTimeOffset published, IListParser parser, IReadOnlyList<SourceInput> files, IProgress<int>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(files);
        if (listId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"a list id cannot contain ':' (it separates list and native id): '{listId}'", nameof(listId));
        }

        var fileNames = files.Count == 0 ? "(no files)" : string.Join(", ", files.Select(f => f.Name));
        var described = files.Select(f => f.Describe()).ToList();

        // BEGIN IMMEDIATE (the provider's default): the write lock is taken before the newest snapshot is read,
        // so two importers cannot both claim the next seq.
        using var tx = _connection.BeginTransaction();
        var previous = Newest(listId, tx);
        if (previous is not null && published < previous.Value.Published)
        {
            throw new InvalidOperationException(
                $"{listId}: the snapshot to import is published {Format(published)}, before the newest stored snapshot " +
                $"(#{previous.Value.Seq}, published {Format(previous.Value.Published)}). Snapshots of a list must be imported " +
                "in publication order; back-filling older publications is not supported.");
        }

        var prevSeq = previous?.Seq ?? 0;
        var seq = prevSeq + 1;
        var members = prevSeq == 0 ? new Dictionary<string, Member>(StringComparer.Ordinal) : LoadMembers(listId, prevSeq, tx);

        using var insertVersion = Prepare(
            tx,
            "INSERT INTO entity_versions (hash, entity_id, json) VALUES ($hash, $id, $json) ON CONFLICT (hash) DO NOTHING",
            ("$hash", SqliteType.Blob), ("$id", SqliteType.Text), ("$json", SqliteType.Blob));
        using var insertSpan = Prepare(
            tx,
            "INSERT INTO entity_spans (list_id, entity_id, first_seq, last_seq, hash) VALUES ($list, $id, $seq, $seq, $hash)",
            ("$list", SqliteType.Text), ("$id", SqliteType.Text), ("$seq", SqliteType.Integer), ("$hash", SqliteType.Blob));
        insertSpan.Parameters["$list"].Value = listId;
        insertSpan.Parameters["$seq"].Value = seq;

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

                EntityJson.Write(entity, buffer, ref writer);
                var hash = SHA256.HashData(buffer.WrittenSpan);
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

                insertVersion.Parameters["$hash"].Value = hash;
                insertVersion.Parameters["$id"].Value = entity.Id;
                insertVersion.Parameters["$json"].Value = buffer.WrittenSpan.ToArray();
                insertVersion.ExecuteNonQuery();

                insertSpan.Parameters["$id"].Value = entity.Id;
                insertSpan.Parameters["$hash"].Value = hash;
                insertSpan.ExecuteNonQuery();

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
        if (prevSeq > 0)
        {
            CloseAndExtendSpans(listId, prevSeq, seq, members, hashes, changedIds, tx);
        }

        var warnings = context.Warnings.ToList();
        if (context.DeclaredCount is int declared && declared != hashes.Count)
        {
            warnings.Add($"{fileNames}: the file declares {declared} records but {hashes.Count} entries were read");
        }

        StoreProgramNames(listId, context.ProgramNames, tx);
        var snapshot = InsertSnapshot(listId, seq, published, parser.Format, hashes, described, tx);
        tx.Commit();
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
        // Seq order is publication order (Import enforces it), so the newest seq not after asOf is the one in force.
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
                JOIN entity_spans s ON s.list_id = cur.list_id AND s.last_seq = cur.seq
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

        // One growing buffer for all rows: loading a whole list for indexing should not allocate a copy per entry.
        var buffer = new byte[16384];
        while (r.Read())
        {
            var length = (int)r.GetBytes(0, 0, null, 0, 0);
            if (length > buffer.Length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            r.GetBytes(0, 0, buffer, 0, length);
            yield return EntityJson.Deserialize(buffer.AsSpan(0, length));
        }
    }

    private readonly record struct Member(byte[] Hash, long FirstSeq);

    private Dictionary<string, Member> LoadMembers(string listId, long seq, SqliteTransaction tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT entity_id, hash, first_seq FROM entity_spans WHERE list_id = $list AND last_seq = $seq";
        cmd.Parameters.AddWithValue("$list", listId);
        cmd.Parameters.AddWithValue("$seq", seq);
        using var r = cmd.ExecuteReader();
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        while (r.Read())
        {
            members.Add(r.GetString(0), new Member((byte[])r.GetValue(1), r.GetInt64(2)));
        }

        return members;
    }

    /// <summary>
    /// Moves every span that reached the previous snapshot on to the new one in a single statement, then pulls back
    /// the few that must end at the previous snapshot (changed and removed entries). Usually almost every entry is
    /// unchanged, so this touches far fewer rows than extending the unchanged ones one by one.
    /// </summary>
    private void CloseAndExtendSpans(
        string listId, long prevSeq, long seq, Dictionary<string, Member> members, Dictionary<string, byte[]> hashes, List<string> changedIds, SqliteTransaction tx)
    {
        using (var extend = _connection.CreateCommand())
        {
            extend.Transaction = tx;
            extend.CommandText = "UPDATE entity_spans SET last_seq = $seq WHERE list_id = $list AND last_seq = $prev";
            extend.Parameters.AddWithValue("$seq", seq);
            extend.Parameters.AddWithValue("$list", listId);
            extend.Parameters.AddWithValue("$prev", prevSeq);
            extend.ExecuteNonQuery();
        }

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

    private ListSnapshot InsertSnapshot(
        string listId, long seq, DateTimeOffset published, string format, Dictionary<string, byte[]> hashes, List<SourceFile> files, SqliteTransaction tx)
    {
        // Order-independent: the same entries published in another order are the same content.
        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (entityId, hash) in hashes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            content.AppendData(Encoding.UTF8.GetBytes(entityId));
            content.AppendData([0]);
            content.AppendData(hash);
        }

        var importedAt = _time.GetUtcNow();
        long id;
        using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO snapshots (list_id, seq, published, imported_at, entity_count, format, content_hash)
                VALUES ($list, $seq, $published, $importedAt, $count, $format, $content)
                RETURNING id
                """;
            cmd.Parameters.AddWithValue("$list", listId);
            cmd.Parameters.AddWithValue("$seq", seq);
            cmd.Parameters.AddWithValue("$published", Format(published));
            cmd.Parameters.AddWithValue("$importedAt", Format(importedAt));
            cmd.Parameters.AddWithValue("$count", hashes.Count);
            cmd.Parameters.AddWithValue("$format", format);
            cmd.Parameters.AddWithValue("$content", content.GetHashAndReset());
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

    private (long Seq, DateTimeOffset Published)? Newest(string listId, SqliteTransaction tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT seq, published FROM snapshots WHERE list_id = $list ORDER BY seq DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$list", listId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), Parse(r.GetString(1))) : null;
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

    private List<ListSnapshot> ReadSnapshots(string condition, Action<SqliteParameterCollection> bind)
    {
        using var cmd = _connection.CreateCommand();
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
