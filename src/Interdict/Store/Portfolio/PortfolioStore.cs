using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Interdict.Store.Portfolio;

/// <summary>A customer of the monitored portfolio, as the <c>screen</c> input format gives it. The id is the customer's stable id.</summary>
public sealed record Customer(string Id, string Name, string? Type, string? Dob, string? Country)
{
    /// <summary>Identifies this version of the record: a false-positive decision holds only while it is unchanged.</summary>
    public string Hash => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', Name, Type ?? "", Dob ?? "", Country ?? ""))))[..16];
}

/// <summary>An alert: one customer matched one list entry at or above the portfolio threshold.</summary>
public sealed record Alert
{
    public long Id { get; init; }
    public required string CustomerId { get; init; }
    public required string EntityId { get; init; }
    public required string ListId { get; init; }
    public required long SnapshotId { get; init; }
    public required double Score { get; init; }
    public required string MatchedName { get; init; }
    public required string EntityName { get; init; }
    public required string Programs { get; init; }
    public required string Explanation { get; init; }
    public required string Status { get; init; }
    public required string CustomerHash { get; init; }
    public required string EntryHash { get; init; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; init; }

    /// <summary>Raised and not closed: what a full re-screen would raise now (open, or carrying a decision).</summary>
    public bool Active => !Status.StartsWith("closed", StringComparison.Ordinal);
}

/// <summary>An analyst's decision on an alert. Decisions are only ever appended; the newest one is in force.</summary>
public sealed record AlertDecision(long Id, long AlertId, string Decision, string Reason, string Analyst, DateTimeOffset Time, string CustomerHash, string EntryHash);

/// <summary>Filters of the alert list; null means any.</summary>
public sealed record AlertFilter
{
    public string? Status { get; init; }
    public string? List { get; init; }
    public string? Program { get; init; }
    public double? MinScore { get; init; }
    public string? Customer { get; init; }
    public int Limit { get; init; } = 1000;
}

public static class AlertStatus
{
    public const string Open = "open";
    public const string TrueMatch = "true-match";
    public const string FalsePositive = "false-positive";
    public const string Escalated = "escalated";
    public const string Delisted = "closed: entry delisted";
    public const string NoLongerMatches = "closed: no longer matches";
    public const string CustomerRemoved = "closed: customer removed";

    public static readonly IReadOnlyList<string> Decisions = ["true-match", "false-positive", "escalate"];

    public static string OfDecision(string decision) => decision switch
    {
        "true-match" => TrueMatch,
        "false-positive" => FalsePositive,
        "escalate" => Escalated,
        _ => throw new ArgumentException($"unknown decision '{decision}' (expected true-match, false-positive or escalate)", nameof(decision)),
    };
}

/// <summary>
/// The monitored portfolio, its alerts and the analysts' decisions, kept in the lists' database file next to the
/// server's operations tables. Decisions are append-only (enforced by triggers); alerts change status as lists and
/// customers change, so an alert's id stays the thread its decisions hang on.
/// </summary>
public sealed class PortfolioStore : IDisposable
{
    private static readonly string[] AlertColumns = ["$c", "$e", "$l", "$s", "$score", "$m", "$en", "$p", "$x", "$st", "$ch", "$eh", "$now"];
    private static readonly string[] CustomerColumns = ["$i", "$n", "$t", "$d", "$c", "$h", "$u"];

    private readonly SqliteConnection _conn;

    private PortfolioStore(string path)
    {
        DatabaseFile.CreateOwnerOnly(path);
        _conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _conn.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
        Exec("""
            CREATE TABLE IF NOT EXISTS portfolio_customers(
              id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, dob TEXT, country TEXT, hash TEXT NOT NULL, updated TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS portfolio_screened(list_id TEXT PRIMARY KEY, snapshot_id INTEGER NOT NULL, screened TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS alerts(
              id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id TEXT NOT NULL, entity_id TEXT NOT NULL, list_id TEXT NOT NULL,
              snapshot_id INTEGER NOT NULL, score REAL NOT NULL, matched_name TEXT NOT NULL, entity_name TEXT NOT NULL, programs TEXT NOT NULL,
              explanation TEXT NOT NULL, status TEXT NOT NULL, customer_hash TEXT NOT NULL, entry_hash TEXT NOT NULL,
              created TEXT NOT NULL, updated TEXT NOT NULL, UNIQUE(customer_id, entity_id));
            CREATE INDEX IF NOT EXISTS alerts_entity ON alerts(entity_id);
            CREATE TABLE IF NOT EXISTS alert_decisions(
              id INTEGER PRIMARY KEY AUTOINCREMENT, alert_id INTEGER NOT NULL REFERENCES alerts(id), decision TEXT NOT NULL,
              reason TEXT NOT NULL, analyst TEXT NOT NULL, time TEXT NOT NULL, customer_hash TEXT NOT NULL, entry_hash TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS alert_decisions_alert ON alert_decisions(alert_id);
            CREATE TRIGGER IF NOT EXISTS alert_decisions_no_update BEFORE UPDATE ON alert_decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
            CREATE TRIGGER IF NOT EXISTS alert_decisions_no_delete BEFORE DELETE ON alert_decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
            """);
    }

    public static PortfolioStore Open(string path) => new(path);

    public void Dispose() => _conn.Dispose();

    // ---- customers ------------------------------------------------------------------------------------------------

    public int CustomerCount => (int)(long)Scalar("SELECT count(*) FROM portfolio_customers")!;

    public IReadOnlyList<Customer> Customers()
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT id, name, type, dob, country FROM portfolio_customers ORDER BY id";
        using var r = cmd.ExecuteReader();
        var list = new List<Customer>();
        while (r.Read())
        {
            list.Add(new Customer(r.GetString(0), r.GetString(1), Str(r, 2), Str(r, 3), Str(r, 4)));
        }

        return list;
    }

    /// <summary>Stores the customers: new and changed ones are written, unchanged ones kept; with <paramref name="replace"/> absent ones are removed.</summary>
    public (IReadOnlyList<Customer> Changed, IReadOnlyList<string> Removed, int Unchanged) Upsert(IReadOnlyList<Customer> customers, bool replace)
    {
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var cmd = _conn.CreateCommand())
        {
            cmd.CommandText = "SELECT id, hash FROM portfolio_customers";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                existing[r.GetString(0)] = r.GetString(1);
            }
        }

        var changed = new List<Customer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = Now();
        using var tx = _conn.BeginTransaction();
        using (var ins = _conn.CreateCommand())
        {
            ins.Transaction = tx;
            ins.CommandText = "INSERT OR REPLACE INTO portfolio_customers(id, name, type, dob, country, hash, updated) VALUES($i, $n, $t, $d, $c, $h, $u)";
            var ps = CustomerColumns.Select(n => ins.Parameters.Add(n, SqliteType.Text)).ToArray();
            foreach (var c in customers)
            {
                seen.Add(c.Id);
                var h = c.Hash;
                if (existing.TryGetValue(c.Id, out var old) && old == h)
                {
                    continue;
                }

                changed.Add(c);
                object[] vals = [c.Id, c.Name, (object?)c.Type ?? DBNull.Value, (object?)c.Dob ?? DBNull.Value, (object?)c.Country ?? DBNull.Value, h, now];
                for (var k = 0; k < ps.Length; k++)
                {
                    ps[k].Value = vals[k];
                }

                ins.ExecuteNonQuery();
            }
        }

        var removed = replace ? existing.Keys.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal).ToList() : [];
        using (var del = _conn.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = "DELETE FROM portfolio_customers WHERE id = $i";
            var p = del.Parameters.Add("$i", SqliteType.Text);
            foreach (var id in removed)
            {
                p.Value = id;
                del.ExecuteNonQuery();
            }
        }

        tx.Commit();
        return (changed, removed, customers.Count - changed.Count);
    }

    // ---- screening state ------------------------------------------------------------------------------------------

    /// <summary>The snapshot of each list the portfolio was last screened against.</summary>
    public IReadOnlyDictionary<string, long> Screened()
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT list_id, snapshot_id FROM portfolio_screened";
        using var r = cmd.ExecuteReader();
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        while (r.Read())
        {
            d[r.GetString(0)] = r.GetInt64(1);
        }

        return d;
    }

    // ---- alerts ---------------------------------------------------------------------------------------------------

    /// <summary>Every alert that is not closed, by (customer, entity).</summary>
    public Dictionary<(string Customer, string Entity), Alert> ActiveAlerts() =>
        Query("WHERE status NOT LIKE 'closed%'", _ => { }).ToDictionary(a => (a.CustomerId, a.EntityId));

    public Alert? GetAlert(long id) => Query("WHERE id = $id", c => c.Parameters.AddWithValue("$id", id)).FirstOrDefault();

    public IReadOnlyList<Alert> Alerts(AlertFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new List<string>();
        var sql = "";
        void Bind(SqliteCommand c)
        {
            if (filter.Status is { } s)
            {
                c.Parameters.AddWithValue("$status", s);
            }

            if (filter.List is { } l)
            {
                c.Parameters.AddWithValue("$list", l);
            }

            if (filter.Program is { } p)
            {
                c.Parameters.AddWithValue("$program", "%|" + p + "|%");
            }

            if (filter.MinScore is { } m)
            {
                c.Parameters.AddWithValue("$min", m);
            }

            if (filter.Customer is { } cu)
            {
                c.Parameters.AddWithValue("$customer", cu);
            }

            c.Parameters.AddWithValue("$limit", filter.Limit);
        }

        if (filter.Status is { } st)
        {
            // "closed" selects every closing reason.
            where.Add(st == "closed" ? "status LIKE 'closed%'" : "status = $status");
        }

        if (filter.List is not null)
        {
            where.Add("list_id = $list");
        }

        if (filter.Program is not null)
        {
            where.Add("('|' || programs || '|') LIKE $program");
        }

        if (filter.MinScore is not null)
        {
            where.Add("score >= $min");
        }

        if (filter.Customer is not null)
        {
            where.Add("customer_id = $customer");
        }

        if (where.Count > 0)
        {
            sql = "WHERE " + string.Join(" AND ", where);
        }

        return Query(sql + " ORDER BY score DESC, id LIMIT $limit", Bind);
    }

    /// <summary>
    /// Applies one screening's outcome in one transaction: <paramref name="raised"/> pairs are inserted or re-evaluated,
    /// <paramref name="closed"/> alerts get their closing status, and the screened snapshots are recorded.
    /// </summary>
    public void Apply(IReadOnlyList<Alert> raised, IReadOnlyList<(long AlertId, string Status)> closed, IReadOnlyDictionary<string, long> screened)
    {
        ArgumentNullException.ThrowIfNull(raised);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(screened);
        var now = Now();
        using var tx = _conn.BeginTransaction();
        using (var up = _conn.CreateCommand())
        {
            up.Transaction = tx;
            up.CommandText = """
                INSERT INTO alerts(customer_id, entity_id, list_id, snapshot_id, score, matched_name, entity_name, programs, explanation, status, customer_hash, entry_hash, created, updated)
                VALUES($c, $e, $l, $s, $score, $m, $en, $p, $x, $st, $ch, $eh, $now, $now)
                ON CONFLICT(customer_id, entity_id) DO UPDATE SET list_id = $l, snapshot_id = $s, score = $score, matched_name = $m, entity_name = $en,
                  programs = $p, explanation = $x, status = $st, customer_hash = $ch, entry_hash = $eh, updated = $now
                """;
            var p = new Dictionary<string, SqliteParameter>();
            foreach (var n in AlertColumns)
            {
                p[n] = up.Parameters.Add(n, SqliteType.Text);
            }

            p["$now"].Value = now;
            foreach (var a in raised)
            {
                p["$c"].Value = a.CustomerId;
                p["$e"].Value = a.EntityId;
                p["$l"].Value = a.ListId;
                p["$s"].Value = a.SnapshotId;
                p["$score"].Value = a.Score;
                p["$m"].Value = a.MatchedName;
                p["$en"].Value = a.EntityName;
                p["$p"].Value = a.Programs;
                p["$x"].Value = a.Explanation;
                p["$st"].Value = a.Status;
                p["$ch"].Value = a.CustomerHash;
                p["$eh"].Value = a.EntryHash;
                up.ExecuteNonQuery();
            }
        }

        using (var cl = _conn.CreateCommand())
        {
            cl.Transaction = tx;
            cl.CommandText = "UPDATE alerts SET status = $st, updated = $now WHERE id = $id";
            var st = cl.Parameters.Add("$st", SqliteType.Text);
            var id = cl.Parameters.Add("$id", SqliteType.Integer);
            cl.Parameters.AddWithValue("$now", now);
            foreach (var (alertId, status) in closed)
            {
                st.Value = status;
                id.Value = alertId;
                cl.ExecuteNonQuery();
            }
        }

        using (var sc = _conn.CreateCommand())
        {
            sc.Transaction = tx;
            sc.CommandText = "INSERT INTO portfolio_screened(list_id, snapshot_id, screened) VALUES($l, $s, $now) ON CONFLICT(list_id) DO UPDATE SET snapshot_id = $s, screened = $now";
            var l = sc.Parameters.Add("$l", SqliteType.Text);
            var s = sc.Parameters.Add("$s", SqliteType.Integer);
            sc.Parameters.AddWithValue("$now", now);
            foreach (var (list, snap) in screened)
            {
                l.Value = list;
                s.Value = snap;
                sc.ExecuteNonQuery();
            }
        }

        tx.Commit();
    }

    // ---- decisions ------------------------------------------------------------------------------------------------

    /// <summary>Appends a decision and sets the alert's status from it; the decision records both sides' versions so that a false positive holds only while they are unchanged.</summary>
    public AlertDecision Decide(long alertId, string decision, string reason, string analyst)
    {
        var status = AlertStatus.OfDecision(decision);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("a decision needs a reason", nameof(reason));
        }

        if (string.IsNullOrWhiteSpace(analyst))
        {
            throw new ArgumentException("a decision needs the analyst's name", nameof(analyst));
        }

        var alert = GetAlert(alertId) ?? throw new KeyNotFoundException($"no alert {alertId}");
        if (!alert.Active)
        {
            throw new InvalidOperationException($"alert {alertId} is {alert.Status}: only an alert that is not closed can be decided");
        }

        var now = DateTimeOffset.UtcNow;
        using var tx = _conn.BeginTransaction();
        long id;
        using (var cmd = _conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO alert_decisions(alert_id, decision, reason, analyst, time, customer_hash, entry_hash) VALUES($a, $d, $r, $n, $t, $ch, $eh) RETURNING id";
            cmd.Parameters.AddWithValue("$a", alertId);
            cmd.Parameters.AddWithValue("$d", decision);
            cmd.Parameters.AddWithValue("$r", reason);
            cmd.Parameters.AddWithValue("$n", analyst);
            cmd.Parameters.AddWithValue("$t", now.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$ch", alert.CustomerHash);
            cmd.Parameters.AddWithValue("$eh", alert.EntryHash);
            id = (long)cmd.ExecuteScalar()!;
        }

        using (var cmd = _conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE alerts SET status = $st, updated = $t WHERE id = $a";
            cmd.Parameters.AddWithValue("$st", status);
            cmd.Parameters.AddWithValue("$t", now.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$a", alertId);
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
        return new AlertDecision(id, alertId, decision, reason, analyst, now, alert.CustomerHash, alert.EntryHash);
    }

    public IReadOnlyList<AlertDecision> Decisions(long alertId)
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT id, alert_id, decision, reason, analyst, time, customer_hash, entry_hash FROM alert_decisions WHERE alert_id = $a ORDER BY id";
        cmd.Parameters.AddWithValue("$a", alertId);
        using var r = cmd.ExecuteReader();
        var list = new List<AlertDecision>();
        while (r.Read())
        {
            list.Add(new AlertDecision(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
                DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture), r.GetString(6), r.GetString(7)));
        }

        return list;
    }

    /// <summary>The decision in force on each alert that has one (the newest).</summary>
    public Dictionary<long, AlertDecision> LatestDecisions()
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT id, alert_id, decision, reason, analyst, time, customer_hash, entry_hash FROM alert_decisions WHERE id IN (SELECT max(id) FROM alert_decisions GROUP BY alert_id)";
        using var r = cmd.ExecuteReader();
        var d = new Dictionary<long, AlertDecision>();
        while (r.Read())
        {
            d[r.GetInt64(1)] = new AlertDecision(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
                DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture), r.GetString(6), r.GetString(7));
        }

        return d;
    }

    /// <summary>Alert ids by (customer, entity) for every alert ever raised.</summary>
    public Dictionary<(string Customer, string Entity), long> AlertIds()
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT customer_id, entity_id, id FROM alerts";
        using var r = cmd.ExecuteReader();
        var d = new Dictionary<(string, string), long>();
        while (r.Read())
        {
            d[(r.GetString(0), r.GetString(1))] = r.GetInt64(2);
        }

        return d;
    }

    private List<Alert> Query(string tail, Action<SqliteCommand> bind)
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT id, customer_id, entity_id, list_id, snapshot_id, score, matched_name, entity_name, programs, explanation, status, customer_hash, entry_hash, created, updated FROM alerts " + tail;
        bind(cmd);
        using var r = cmd.ExecuteReader();
        var list = new List<Alert>();
        while (r.Read())
        {
            list.Add(new Alert
            {
                Id = r.GetInt64(0),
                CustomerId = r.GetString(1),
                EntityId = r.GetString(2),
                ListId = r.GetString(3),
                SnapshotId = r.GetInt64(4),
                Score = r.GetDouble(5),
                MatchedName = r.GetString(6),
                EntityName = r.GetString(7),
                Programs = r.GetString(8),
                Explanation = r.GetString(9),
                Status = r.GetString(10),
                CustomerHash = r.GetString(11),
                EntryHash = r.GetString(12),
                Created = DateTimeOffset.Parse(r.GetString(13), CultureInfo.InvariantCulture),
                Updated = DateTimeOffset.Parse(r.GetString(14), CultureInfo.InvariantCulture),
            });
        }

        return list;
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private object? Scalar(string sql)
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private void Exec(string sql)
    {
        using var cmd = _conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
