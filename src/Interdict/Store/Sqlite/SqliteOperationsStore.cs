using Interdict.Store.Operations;
using Microsoft.Data.Sqlite;

namespace Interdict.Store.Sqlite;

/// <summary>
/// The operations store in SQLite: it lives in the same database file as the lists so that one file is the whole
/// state of an installation. One connection, used under a lock (SQLite has one writer anyway).
/// </summary>
public sealed partial class SqliteOperationsStore : IOperationsStore
{
    /// <summary>The version table: its own, since the list store's schema_version lives in the same file.</summary>
    internal const string VersionTable = "operations_schema_migrations";

    private readonly SqliteConnection _conn;
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    private SqliteOperationsStore(string path, TimeProvider clock)
    {
        _clock = clock;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        DatabaseFile.CreateOwnerOnly(path);
        _conn = new SqliteConnection(connectionString);
        _conn.Open();
        try
        {
            Exec("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
            // BEGIN IMMEDIATE: the write lock from the start, so two processes opening one file migrate it once.
            SchemaMigrator.Migrate(_conn, VersionTable, path, () => _conn.BeginTransaction(deferred: false), [CreateVersion1], _clock);
            if (_legacyFiles is { } files)
            {
                DeleteLegacyFiles(files);
            }
        }
        catch
        {
            _conn.Dispose();
            throw;
        }
    }

    public static SqliteOperationsStore Open(string path) => new(path, TimeProvider.System);

    /// <summary>The clock of every time the store stamps (the server passes its registered <see cref="TimeProvider"/>).</summary>
    public static SqliteOperationsStore Open(string path, TimeProvider clock) => new(path, clock);

    /// <summary>
    /// Version 1: the schema as the versions before migrations left it, with CREATE IF NOT EXISTS, so a database they
    /// wrote is taken as it is (and one from before job data lived in the database is upgraded, see
    /// <see cref="UpgradeJobs"/>); a new database gets the same tables.
    /// </summary>
    private void CreateVersion1(System.Data.Common.DbTransaction tx)
    {
        var t = (SqliteTransaction)tx;
        Exec("""
            CREATE TABLE IF NOT EXISTS api_keys(
              id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
              prefix TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL, revoked TEXT);
            CREATE TABLE IF NOT EXISTS audit_log(
              id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, actor TEXT NOT NULL, channel TEXT NOT NULL,
              query TEXT NOT NULL, snapshots TEXT NOT NULL, threshold REAL NOT NULL, matches TEXT NOT NULL, match_count INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS audit_log_time ON audit_log(time);
            CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TABLE IF NOT EXISTS jobs(
              id TEXT PRIMARY KEY, owner TEXT NOT NULL, status TEXT NOT NULL, rows_done INTEGER NOT NULL DEFAULT 0, rows_total INTEGER,
              matches INTEGER NOT NULL DEFAULT 0, bad_rows INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, finished TEXT, error TEXT,
              threshold REAL NOT NULL, kind TEXT NOT NULL DEFAULT 'batch', options TEXT, summary TEXT);
            CREATE TABLE IF NOT EXISTS job_data(
              id INTEGER PRIMARY KEY, job_id TEXT NOT NULL, part TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
              UNIQUE(job_id, part, seq));
            CREATE TABLE IF NOT EXISTS sessions(
              hash TEXT PRIMARY KEY, key_id INTEGER NOT NULL REFERENCES api_keys(id),
              created TEXT NOT NULL, last_seen TEXT NOT NULL, expires TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS sessions_expires ON sessions(expires);
            CREATE INDEX IF NOT EXISTS sessions_key ON sessions(key_id);
            """, t);
        UpgradeJobs(t);
    }

    // ---- API keys -------------------------------------------------------------------------------------------------

    /// <summary>Creates a key and returns it in clear: the only time it is ever shown. Only its SHA-256 is stored.</summary>
    public (ApiKeyInfo Info, string Key) CreateKey(string name, ApiRole role)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a key needs a name", nameof(name));
        }

        var key = OperationsSecrets.NewKey();
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "INSERT INTO api_keys(name, role, prefix, hash, created) VALUES($n, $r, $p, $h, $c) RETURNING id";
            cmd.Parameters.AddWithValue("$n", name);
            cmd.Parameters.AddWithValue("$r", role.ToString().ToLowerInvariant());
            cmd.Parameters.AddWithValue("$p", key[..8]);
            cmd.Parameters.AddWithValue("$h", OperationsSecrets.Hash(key));
            cmd.Parameters.AddWithValue("$c", StoreTime.Text(now));
            try
            {
                var id = (long)cmd.ExecuteScalar()!;
                return (new ApiKeyInfo(id, name, role, key[..8], now, null), key);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new InvalidOperationException($"a key named '{name}' already exists", ex);
            }
        }
    }

    public IReadOnlyList<ApiKeyInfo> Keys()
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT id, name, role, prefix, created, revoked FROM api_keys ORDER BY id";
            using var r = cmd.ExecuteReader();
            var list = new List<ApiKeyInfo>();
            while (r.Read())
            {
                list.Add(ReadKey(r));
            }

            return list;
        }
    }

    /// <summary>The active key with this secret, or null (unknown or revoked).</summary>
    public ApiKeyInfo? Authenticate(string key)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT id, name, role, prefix, created, revoked FROM api_keys WHERE hash = $h AND revoked IS NULL";
            cmd.Parameters.AddWithValue("$h", OperationsSecrets.Hash(key));
            using var r = cmd.ExecuteReader();
            return r.Read() ? ReadKey(r) : null;
        }
    }

    public bool RevokeKey(string name)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "UPDATE api_keys SET revoked = $t WHERE name = $n AND revoked IS NULL";
            cmd.Parameters.AddWithValue("$t", StoreTime.Text(_clock.GetUtcNow()));
            cmd.Parameters.AddWithValue("$n", name);
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    private static ApiKeyInfo ReadKey(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), Enum.Parse<ApiRole>(r.GetString(2), ignoreCase: true), r.GetString(3),
        StoreTime.Parse(r.GetString(4)), r.IsDBNull(5) ? null : StoreTime.Parse(r.GetString(5)));

    // ---- Audit ----------------------------------------------------------------------------------------------------

    /// <summary>Appends records in one transaction (the audit writer batches, so recording costs little per screening).</summary>
    public void AppendAudit(IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var tx = _conn.BeginTransaction();
            using var cmd = _conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO audit_log(time, actor, channel, query, snapshots, threshold, matches, match_count) VALUES($t,$a,$c,$q,$s,$th,$m,$n)";
            var pt = cmd.Parameters.Add("$t", SqliteType.Text);
            var pa = cmd.Parameters.Add("$a", SqliteType.Text);
            var pc = cmd.Parameters.Add("$c", SqliteType.Text);
            var pq = cmd.Parameters.Add("$q", SqliteType.Text);
            var ps = cmd.Parameters.Add("$s", SqliteType.Text);
            var pth = cmd.Parameters.Add("$th", SqliteType.Real);
            var pm = cmd.Parameters.Add("$m", SqliteType.Text);
            var pn = cmd.Parameters.Add("$n", SqliteType.Integer);
            cmd.Prepare();
            foreach (var a in records)
            {
                pt.Value = StoreTime.Text(a.Time);
                pa.Value = a.Actor;
                pc.Value = a.Channel;
                pq.Value = a.Query;
                ps.Value = a.Snapshots;
                pth.Value = a.Threshold;
                pm.Value = a.Matches;
                pn.Value = a.MatchCount;
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    /// <summary>Audit records in [from, to), oldest first.</summary>
    public IEnumerable<AuditRecord> Audit(DateTimeOffset? from, DateTimeOffset? until, int? limit = null, long? afterId = null)
    {
        List<AuditRecord> page;
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT id, time, actor, channel, query, snapshots, threshold, matches, match_count FROM audit_log WHERE time >= $f AND time < $t AND id > $after ORDER BY id LIMIT $l";
            cmd.Parameters.AddWithValue("$f", StoreTime.Text(from ?? DateTimeOffset.MinValue));
            cmd.Parameters.AddWithValue("$t", StoreTime.Text(until ?? DateTimeOffset.MaxValue));
            cmd.Parameters.AddWithValue("$after", afterId ?? 0);
            cmd.Parameters.AddWithValue("$l", limit ?? -1);
            using var r = cmd.ExecuteReader();
            page = [];
            while (r.Read())
            {
                page.Add(new AuditRecord
                {
                    Id = r.GetInt64(0),
                    Time = StoreTime.Parse(r.GetString(1)),
                    Actor = r.GetString(2),
                    Channel = r.GetString(3),
                    Query = r.GetString(4),
                    Snapshots = r.GetString(5),
                    Threshold = r.GetDouble(6),
                    Matches = r.GetString(7),
                    MatchCount = r.GetInt32(8),
                });
            }
        }

        return page;
    }

    public long AuditCount()
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM audit_log";
            return (long)cmd.ExecuteScalar()!;
        }
    }

    // ---- Jobs -----------------------------------------------------------------------------------------------------

    public void UpdateJob(string id, JobStatus status, long rowsDone, long matches, long badRows, long? rowsTotal = null, string? failure = null)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "UPDATE jobs SET status=$s, rows_done=$d, matches=$m, bad_rows=$b, rows_total=coalesce($t, rows_total), error=$e, finished=$f WHERE id=$id";
            cmd.Parameters.AddWithValue("$s", status.ToString().ToLowerInvariant());
            cmd.Parameters.AddWithValue("$d", rowsDone);
            cmd.Parameters.AddWithValue("$m", matches);
            cmd.Parameters.AddWithValue("$b", badRows);
            cmd.Parameters.AddWithValue("$t", (object?)rowsTotal ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$e", (object?)failure ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$f", status is JobStatus.Done or JobStatus.Failed or JobStatus.Interrupted ? StoreTime.Text(_clock.GetUtcNow()) : DBNull.Value);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    }

    public JobInfo? Job(string id) => ReadJobs(id) is { Count: > 0 } j ? j[0] : null;

    public IReadOnlyList<JobInfo> Jobs() => ReadJobs(null);

    private List<JobInfo> ReadJobs(string? id)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT id, owner, status, rows_done, rows_total, matches, bad_rows, created, finished, error, threshold, kind, options, summary FROM jobs" + (id is null ? " ORDER BY created DESC LIMIT 200" : " WHERE id = $id");
            if (id is not null)
            {
                cmd.Parameters.AddWithValue("$id", id);
            }

            using var r = cmd.ExecuteReader();
            var list = new List<JobInfo>();
            while (r.Read())
            {
                list.Add(new JobInfo(r.GetString(0), r.GetString(1), Enum.Parse<JobStatus>(r.GetString(2), true), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                    r.GetInt64(5), r.GetInt64(6), StoreTime.Parse(r.GetString(7)),
                    r.IsDBNull(8) ? null : StoreTime.Parse(r.GetString(8)), r.IsDBNull(9) ? null : r.GetString(9), r.GetDouble(10))
                {
                    Kind = Enum.Parse<JobKind>(r.GetString(11), true),
                    Options = r.IsDBNull(12) ? null : r.GetString(12),
                    Summary = r.IsDBNull(13) ? null : r.GetString(13),
                });
            }

            return list;
        }
    }

    private void Exec(string sql, SqliteTransaction? tx = null) => SchemaMigrator.Exec(_conn, tx, sql);

    public void Dispose() => _conn.Dispose();
}
