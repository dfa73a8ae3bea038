using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Interdict.Sources.Refresh;

/// <summary>How the last refresh attempt of a list ended.</summary>
public enum RefreshResult
{
    /// <summary>A new snapshot was imported.</summary>
    Imported,

    /// <summary>The publication was downloaded and verified and equals the current snapshot: nothing was imported.</summary>
    Unchanged,

    /// <summary>Download, verification or import failed; the current snapshot was left as it was.</summary>
    Failed,
}

/// <summary>The refresh state of one list, as <c>lists</c>, <c>GET /api/lists</c> and the UI show it.</summary>
public sealed record RefreshStatus
{
    public required string ListId { get; init; }

    public DateTimeOffset? LastAttempt { get; init; }

    /// <summary>The last attempt that ended <see cref="RefreshResult.Imported"/> or <see cref="RefreshResult.Unchanged"/>.</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    public RefreshResult? LastResult { get; init; }

    /// <summary>The newest error. Kept after a later success (with <see cref="LastErrorAt"/>) so a flapping source shows.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>When the scheduled refresh will next try this list; null when the schedule is off.</summary>
    public DateTimeOffset? NextRun { get; init; }

    /// <summary>The snapshot the last successful refresh imported or found current.</summary>
    public long? LastSnapshotId { get; init; }

    /// <summary>One line on the last attempt, e.g. "imported snapshot #12: 13,821 entries (+4 -1 ~7)".</summary>
    public string? Message { get; init; }

    /// <summary>True when the last attempt failed.</summary>
    public bool Failing => LastResult == RefreshResult.Failed;

    /// <summary>The entity-content hash of <see cref="LastSnapshotId"/> as the refresher computed it (hex), for change detection.</summary>
    internal string? ContentHash { get; init; }
}

/// <summary>
/// The refresh state of every list in the table <c>refresh_status</c> of the list database. It keeps its own
/// connection (WAL lets it read and write beside the list store's) and is safe to share between threads: the
/// scheduler writes while the API reads.
/// </summary>
/// <remarks>
/// The table is created here (IF NOT EXISTS) rather than as a list-store migration, so refresh can be added to a
/// database at any schema version and dropped without touching the list history.
/// </remarks>
public sealed class RefreshStatusStore : IDisposable
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public RefreshStatusStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        if (Path.GetDirectoryName(path) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        Store.DatabaseFile.CreateOwnerOnly(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS refresh_status (
                    list_id          TEXT PRIMARY KEY,
                    last_attempt     TEXT,
                    last_success     TEXT,
                    last_result      TEXT,     -- imported | unchanged | failed
                    last_error       TEXT,
                    last_error_at    TEXT,
                    next_run         TEXT,
                    last_snapshot_id INTEGER,
                    content_hash     TEXT,     -- entity-content hash of last_snapshot_id (hex SHA-256)
                    message          TEXT
                );
                """;
            cmd.ExecuteNonQuery();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The status of one list; null when it was never refreshed nor scheduled.</summary>
    public RefreshStatus? Get(string listId)
    {
        lock (_gate)
        {
            return Read("WHERE list_id = $list", listId).SingleOrDefault();
        }
    }

    /// <summary>Every list with a status, by id.</summary>
    public IReadOnlyList<RefreshStatus> All()
    {
        lock (_gate)
        {
            return Read("ORDER BY list_id", null);
        }
    }

    /// <summary>Records an attempt that imported a snapshot or found the current one unchanged.</summary>
    public void RecordSuccess(string listId, DateTimeOffset at, RefreshResult result, long snapshotId, string message, string? contentHash)
    {
        if (result == RefreshResult.Failed)
        {
            throw new ArgumentException("a success is Imported or Unchanged", nameof(result));
        }

        Upsert(
            listId,
            """
            last_attempt = $at, last_success = $at, last_result = $result, last_snapshot_id = $snapshot,
            content_hash = coalesce($hash, content_hash), message = $message
            """,
            p =>
            {
                p.AddWithValue("$at", Format(at));
                p.AddWithValue("$result", Name(result));
                p.AddWithValue("$snapshot", snapshotId);
                p.AddWithValue("$hash", (object?)contentHash ?? DBNull.Value);
                p.AddWithValue("$message", message);
            });
    }

    /// <summary>Records a failed attempt; the last success and snapshot stay as they were.</summary>
    public void RecordFailure(string listId, DateTimeOffset at, string error)
    {
        Upsert(
            listId,
            "last_attempt = $at, last_result = 'failed', last_error = $error, last_error_at = $at, message = $error",
            p =>
            {
                p.AddWithValue("$at", Format(at));
                p.AddWithValue("$error", error);
            });
    }

    /// <summary>Sets (or clears, with null) when the scheduled refresh next tries the list.</summary>
    public void SetNextRun(string listId, DateTimeOffset? at)
    {
        Upsert(listId, "next_run = $next", p => p.AddWithValue("$next", at is { } t ? Format(t) : DBNull.Value));
    }

    public void Dispose() => _connection.Dispose();

    private void Upsert(string listId, string assignments, Action<SqliteParameterCollection> bind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            using (var ensure = _connection.CreateCommand())
            {
                ensure.Transaction = tx;
                ensure.CommandText = "INSERT INTO refresh_status (list_id) VALUES ($list) ON CONFLICT (list_id) DO NOTHING";
                ensure.Parameters.AddWithValue("$list", listId);
                ensure.ExecuteNonQuery();
            }

            using (var update = _connection.CreateCommand())
            {
                update.Transaction = tx;
                update.CommandText = $"UPDATE refresh_status SET {assignments} WHERE list_id = $list";
                update.Parameters.AddWithValue("$list", listId);
                bind(update.Parameters);
                update.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    private List<RefreshStatus> Read(string where, string? listId)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT list_id, last_attempt, last_success, last_result, last_error, last_error_at, next_run, last_snapshot_id, content_hash, message
            FROM refresh_status {where}
            """;
        if (listId is not null)
        {
            cmd.Parameters.AddWithValue("$list", listId);
        }

        using var r = cmd.ExecuteReader();
        var result = new List<RefreshStatus>();
        while (r.Read())
        {
            result.Add(new RefreshStatus
            {
                ListId = r.GetString(0),
                LastAttempt = Time(r, 1),
                LastSuccess = Time(r, 2),
                LastResult = r.IsDBNull(3) ? null : Enum.Parse<RefreshResult>(r.GetString(3), ignoreCase: true),
                LastError = r.IsDBNull(4) ? null : r.GetString(4),
                LastErrorAt = Time(r, 5),
                NextRun = Time(r, 6),
                LastSnapshotId = r.IsDBNull(7) ? null : r.GetInt64(7),
                ContentHash = r.IsDBNull(8) ? null : r.GetString(8),
                Message = r.IsDBNull(9) ? null : r.GetString(9),
            });
        }

        return result;
    }

    private static string Name(RefreshResult result) => result.ToString().ToLowerInvariant();

    private static DateTimeOffset? Time(SqliteDataReader r, int i) =>
        r.IsDBNull(i)
            ? null
            : DateTimeOffset.ParseExact(r.GetString(i), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
