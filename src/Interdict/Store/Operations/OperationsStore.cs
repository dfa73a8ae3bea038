using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Interdict.Store.Operations;

public enum ApiRole
{
    Screener,
    Admin,
}

public sealed record ApiKeyInfo(long Id, string Name, ApiRole Role, string Prefix, DateTimeOffset Created, DateTimeOffset? Revoked);

public sealed record AuditRecord
{
    public long Id { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required string Actor { get; init; }
    public required string Channel { get; init; }
    public required string Query { get; init; }
    public required string Snapshots { get; init; }
    public required double Threshold { get; init; }
    public required string Matches { get; init; }
    public int MatchCount { get; init; }
}

public enum JobStatus
{
    Queued,
    Running,
    Done,
    Failed,
    Interrupted,

    /// <summary>Finished longer ago than the retention: its input and results are deleted, only this record is kept.</summary>
    Expired,
}

/// <summary>What a job does: screen a batch file into results, or import the portfolio.</summary>
public enum JobKind
{
    Batch,
    Portfolio,
}

public sealed record JobInfo(string Id, string Owner, JobStatus Status, long RowsDone, long? RowsTotal, long Matches, long BadRows, DateTimeOffset Created, DateTimeOffset? Finished, string? Error, double Threshold)
{
    public JobKind Kind { get; init; }

    /// <summary>The job's parameters as JSON (a portfolio import's replace flag), or null.</summary>
    public string? Options { get; init; }

    /// <summary>A finished portfolio import's report as JSON, or null.</summary>
    public string? Summary { get; init; }
}

/// <summary>
/// What the server keeps besides the lists: API keys (hashed), the append-only audit trail, and batch jobs. It lives
/// in the same database file as the lists so that one file is the whole state of an installation.
/// </summary>
public sealed partial class OperationsStore : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _conn;
    private readonly Lock _gate = new();
    private TimeProvider _clock = TimeProvider.System;

    private OperationsStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        DatabaseFile.CreateOwnerOnly(path);
        _conn = new SqliteConnection(_connectionString);
        _conn.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
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
            """);
        MigrateJobData();
        CreateSessionsTable();
    }

    public static OperationsStore Open(string path) => new(path);

    /// <summary>The clock of job timestamps (the server passes its registered <see cref="TimeProvider"/>).</summary>
    public static OperationsStore Open(string path, TimeProvider clock)
    {
        var store = new OperationsStore(path) { _clock = clock };
        return store;
    }

    // ---- API keys -------------------------------------------------------------------------------------------------

    /// <summary>Creates a key and returns it in clear: the only time it is ever shown. Only its SHA-256 is stored.</summary>
    public (ApiKeyInfo Info, string Key) CreateKey(string name, ApiRole role)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a key needs a name", nameof(name));
        }

        var key = "idk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "INSERT INTO api_keys(name, role, prefix, hash, created) VALUES($n, $r, $p, $h, $c) RETURNING id";
            cmd.Parameters.AddWithValue("$n", name);
            cmd.Parameters.AddWithValue("$r", role.ToString().ToLowerInvariant());
            cmd.Parameters.AddWithValue("$p", key[..8]);
            cmd.Parameters.AddWithValue("$h", Hash(key));
            cmd.Parameters.AddWithValue("$c", now.ToString("O", CultureInfo.InvariantCulture));
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
            cmd.Parameters.AddWithValue("$h", Hash(key));
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
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$n", name);
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    private static ApiKeyInfo ReadKey(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), Enum.Parse<ApiRole>(r.GetString(2), ignoreCase: true), r.GetString(3),
        DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture), r.IsDBNull(5) ? null : DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

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
                pt.Value = a.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
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
    public IEnumerable<AuditRecord> Audit(DateTimeOffset? from, DateTimeOffset? to, int? limit = null, long? afterId = null)
    {
        List<AuditRecord> page;
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT id, time, actor, channel, query, snapshots, threshold, matches, match_count FROM audit_log WHERE time >= $f AND time < $t AND id > $after ORDER BY id LIMIT $l";
            cmd.Parameters.AddWithValue("$f", (from ?? DateTimeOffset.MinValue).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$t", (to ?? DateTimeOffset.MaxValue).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$after", afterId ?? 0);
            cmd.Parameters.AddWithValue("$l", limit ?? -1);
            using var r = cmd.ExecuteReader();
            page = [];
            while (r.Read())
            {
                page.Add(new AuditRecord
                {
                    Id = r.GetInt64(0),
                    Time = DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
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

    public void UpdateJob(string id, JobStatus status, long rowsDone, long matches, long badRows, long? rowsTotal = null, string? error = null)
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
            cmd.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$f", status is JobStatus.Done or JobStatus.Failed or JobStatus.Interrupted ? _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    }

    public JobInfo? Job(string id) => Jobs(id) is { Count: > 0 } j ? j[0] : null;

    public IReadOnlyList<JobInfo> Jobs(string? id = null)
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
                    r.GetInt64(5), r.GetInt64(6), DateTimeOffset.Parse(r.GetString(7), CultureInfo.InvariantCulture),
                    r.IsDBNull(8) ? null : DateTimeOffset.Parse(r.GetString(8), CultureInfo.InvariantCulture), r.IsDBNull(9) ? null : r.GetString(9), r.GetDouble(10))
                {
                    Kind = Enum.Parse<JobKind>(r.GetString(11), true),
                    Options = r.IsDBNull(12) ? null : r.GetString(12),
                    Summary = r.IsDBNull(13) ? null : r.GetString(13),
                });
            }

            return list;
        }
    }

    private void Exec(string sql)
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _conn.Dispose();
}
