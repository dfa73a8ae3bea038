using System.Globalization;
using Interdict.Screening.Portfolio;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store.Portfolio;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.Screening.Portfolio;

/// <summary>
/// Delta re-screening on real consecutive OFAC SDN publications against a portfolio of named targets of those
/// publications plus synthetic customers: after every publication the alerts must equal a full re-screen's.
/// </summary>
public sealed class PortfolioMonitorTests : IDisposable
{
    private const string List = "ofac-sdn";
    private readonly string _dir = TestPaths.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>People and companies designated or amended on 2022-02-25/26, one listed before, and 3,000 synthetic customers.</summary>
    private static List<Customer> Portfolio(int synthetic = 3000)
    {
        var list = new List<Customer>
        {
            new("c-putin", "Vladimir Putin", "person", "1952-10-07", "RU"),
            new("c-lavrov", "Sergey Lavrov", "person", null, null),
            new("c-shoigu", "Sergei Shoigu", "person", null, null),
            new("c-warnig", "Matthias Warnig", "person", null, "DE"),
            new("c-sechin-igor", "Igor Sechin", "person", "1960-09-07", null),
            new("c-sechin-ivan", "Ivan Sechin", "person", null, null),
            new("c-patrushev", "Andrey Patrushev", "person", null, null),
            new("c-vtb", "VTB Bank", "organization", null, null),
            new("c-maduro", "Nicolas Maduro Moros", "person", null, "VE"),
        };
        var rows = File.ReadLines(TestPaths.Data("names/synthetic_persons_us.csv")).Skip(1).Take(synthetic);
        var i = 0;
        foreach (var row in rows)
        {
            var f = row.Split(',');
            list.Add(new Customer("s-" + (i++).ToString(CultureInfo.InvariantCulture), f[0], "person", f[5], null));
        }

        return list;
    }

    private static void Publish(SqliteListStore store, string file, string date) =>
        store.Import(List, DateTimeOffset.Parse(date, CultureInfo.InvariantCulture), new OfacCsvParser(), [SourceInput.FromPath(TestPaths.Data("history/" + file))]);

    private static List<(string, string, double, string)> Active(PortfolioStore p) =>
        [.. p.ActiveAlerts().Values.Select(a => (a.CustomerId, a.EntityId, a.Score, a.MatchedName)).Order()];

    /// <summary>The alerts a full re-screen of the same customers gives now: a fresh portfolio screened once.</summary>
    private List<(string, string, double, string)> FullRescreen(SqliteListStore store, List<Customer> customers)
    {
        using var fresh = PortfolioStore.Open(Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db"));
        new PortfolioMonitor(store, fresh).Import(customers, replace: false);
        return Active(fresh);
    }

    [Fact]
    public void Delta_rescreening_equals_a_full_rescreen_on_real_consecutive_publications()
    {
        using var store = SqliteListStore.Open(Path.Combine(_dir, "lists.db"));
        using var portfolio = PortfolioStore.Open(Path.Combine(_dir, "lists.db"));
        var customers = Portfolio();
        Publish(store, "sdn-2022-02-23.csv", "2022-02-23T12:00:00Z");
        var monitor = new PortfolioMonitor(store, portfolio);
        var first = monitor.Import(customers, replace: false);
        Assert.Equal(customers.Count, first.Changed);
        var before = Active(portfolio);
        Assert.Contains(before, a => a.Item1 == "c-maduro" && a.Item2 == "ofac-sdn:22790");
        Assert.DoesNotContain(before, a => a.Item1 == "c-putin");

        // 2022-02-25: 93 added and 4 changed entries; the delta screens exactly those.
        Publish(store, "sdn-2022-02-25.csv", "2022-02-25T12:00:00Z");
        var r25 = monitor.Rescreen();
        Assert.False(r25.Full);
        Assert.Equal(97, r25.EntriesScreened);
        var after25 = Active(portfolio);
        Assert.Equal(FullRescreen(store, customers), after25);
        Assert.Contains(after25, a => a.Item1 == "c-warnig" && a.Item2 == "ofac-sdn:31922");
        Assert.Contains(after25, a => a.Item1 == "c-vtb" && a.Item2 == "ofac-sdn:17013");
        Assert.True(r25.Raised > 0);

        // 2022-02-26: PUTIN, SHOIGU, GERASIMOV, LAVROV added, two entries changed.
        Publish(store, "sdn-2022-02-26.csv", "2022-02-26T12:00:00Z");
        var r26 = monitor.Rescreen();
        Assert.Equal(6, r26.EntriesScreened);
        var after26 = Active(portfolio);
        Assert.Equal(FullRescreen(store, customers), after26);
        Assert.Contains(after26, a => a.Item1 == "c-putin" && a.Item2 == "ofac-sdn:35096");
        Assert.Contains(after26, a => a.Item1 == "c-lavrov" && a.Item2 == "ofac-sdn:35233");

        // A later publication with the 2022-02-25 content delists the four: their alerts close, the rest equal a full re-screen.
        Publish(store, "sdn-2022-02-25.csv", "2022-02-27T12:00:00Z");
        var r27 = monitor.Rescreen();
        Assert.Equal(4, r27.EntriesRemoved);
        Assert.Equal(FullRescreen(store, customers), Active(portfolio));
        var putin = portfolio.Alerts(new AlertFilter { Customer = "c-putin" }).Single(a => a.EntityId == "ofac-sdn:35096");
        Assert.Equal(AlertStatus.Delisted, putin.Status);

        // Nothing new: a re-screen changes nothing.
        var again = monitor.Rescreen();
        Assert.Equal(0, again.EntriesScreened);
        Assert.Equal(0, again.Raised + again.Closed + again.Reevaluated);
    }

    [Fact]
    public void False_positive_suppresses_the_pair_until_either_side_changes_and_decisions_are_append_only()
    {
        using var store = SqliteListStore.Open(Path.Combine(_dir, "lists.db"));
        using var portfolio = PortfolioStore.Open(Path.Combine(_dir, "lists.db"));
        Publish(store, "sdn-2022-02-23.csv", "2022-02-23T12:00:00Z");
        var monitor = new PortfolioMonitor(store, portfolio);
        var customers = Portfolio(synthetic: 0);
        monitor.Import(customers, replace: false);

        // SECHIN, Igor Ivanovich (16692) is listed on 2022-02-23 and amended on 2022-02-25.
        var sechin = portfolio.Alerts(new AlertFilter { Customer = "c-sechin-igor" }).Single(a => a.EntityId == "ofac-sdn:16692");
        Assert.Equal(AlertStatus.Open, sechin.Status);
        portfolio.Decide(sechin.Id, "escalate", "needs a second look", "alice");
        portfolio.Decide(sechin.Id, "false-positive", "different date of birth", "bob");
        Assert.Equal(AlertStatus.FalsePositive, portfolio.GetAlert(sechin.Id)!.Status);
        Assert.Equal(["escalate", "false-positive"], portfolio.Decisions(sechin.Id).Select(d => d.Decision));

        // A full re-screen with both sides unchanged keeps the pair suppressed.
        monitor.Rescreen(full: true);
        Assert.Equal(AlertStatus.FalsePositive, portfolio.GetAlert(sechin.Id)!.Status);

        // The entry changes: the alert is re-evaluated and open again; the decisions stay.
        Publish(store, "sdn-2022-02-25.csv", "2022-02-25T12:00:00Z");
        var r = monitor.Rescreen();
        Assert.True(r.Reevaluated >= 1);
        var reopened = portfolio.GetAlert(sechin.Id)!;
        Assert.Equal(AlertStatus.Open, reopened.Status);
        Assert.NotEqual(sechin.EntryHash, reopened.EntryHash);
        Assert.Equal(2, portfolio.Decisions(sechin.Id).Count);

        // Suppressed again, then the customer's record changes: open again.
        portfolio.Decide(sechin.Id, "false-positive", "different person", "bob");
        monitor.Rescreen(full: true);
        Assert.Equal(AlertStatus.FalsePositive, portfolio.GetAlert(sechin.Id)!.Status);
        var moved = customers.Select(c => c.Id == "c-sechin-igor" ? c with { Country = "FR" } : c).ToList();
        var import = monitor.Import(moved, replace: false);
        Assert.Equal(1, import.Changed);
        Assert.Equal(AlertStatus.Open, portfolio.GetAlert(sechin.Id)!.Status);

        // A new decision supersedes; none is ever deleted or rewritten.
        portfolio.Decide(sechin.Id, "true-match", "confirmed by passport", "carol");
        Assert.Equal(AlertStatus.TrueMatch, portfolio.GetAlert(sechin.Id)!.Status);
        Assert.Equal(4, portfolio.Decisions(sechin.Id).Count);
        using var conn = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(_dir, "lists.db"));
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "DELETE FROM alert_decisions";
        var ex = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => cmd.ExecuteNonQuery());
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);

        // Replacing the portfolio without the customer closes its alerts.
        monitor.Import(moved.Where(c => c.Id != "c-sechin-igor").ToList(), replace: true);
        Assert.Equal(AlertStatus.CustomerRemoved, portfolio.GetAlert(sechin.Id)!.Status);
        Assert.Throws<InvalidOperationException>(() => portfolio.Decide(sechin.Id, "escalate", "x", "y"));
    }

    [Fact]
    public void Bad_customer_rows_name_the_line()
    {
        var ex = Assert.Throws<InvalidDataException>(() => PortfolioMonitor.ReadCsv(new StringReader("id,name,type,dob,country\n1,Ann Smith,person,,\n2,Bob Jones,person,,Atlantis\n"), "customers.csv"));
        Assert.Equal("customers.csv, line 3: country 'Atlantis' is not an ISO 3166-1 alpha-2 code or a known country name", ex.Message);
        var dup = Assert.Throws<InvalidDataException>(() => PortfolioMonitor.ReadCsv(new StringReader("id,name\n1,Ann\n1,Bob\n"), "c.csv"));
        Assert.Equal("c.csv, line 3: customer id '1' appears twice", dup.Message);
    }
}
