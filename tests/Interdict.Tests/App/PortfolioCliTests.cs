using System.Text.Json;

namespace Interdict.Tests.App;

public class PortfolioCliTests
{
    private static List<JsonElement> Alerts(CliRunner cli, params string[] filters)
    {
        var r = cli.Run(["alerts", "list", "--json", .. filters]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return [.. r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private static JsonElement One(List<JsonElement> alerts, string customer, string entity) =>
        alerts.Single(a => a.GetProperty("customer_id").GetString() == customer && a.GetProperty("entity_id").GetString() == entity);

    [Fact]
    public void Portfolio_import_new_publication_rescreen_alerts_and_decisions()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var csv = Path.Combine(cli.WorkDir, "customers.csv");
        const string Header = "id,name,type,dob,country\n";
        const string Rows = "c1,Robert Mugabe,person,,ZW\nc2,Isel Suniga Morfin,person,,\nc3,Nicolas Maduro Moros,person,1962-11-23,VE\nc4,Ann Whitfield,person,,\n";
        File.WriteAllText(csv, Header + Rows);

        var r = cli.Run("portfolio", "import", csv);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("4 customers read, 4 new or changed", r.Stdout, StringComparison.Ordinal);
        var alerts = Alerts(cli);
        Assert.Equal("open", One(alerts, "c1", "ofac-sdn:7480").GetProperty("status").GetString());
        Assert.Equal("open", One(alerts, "c3", "ofac-sdn:22790").GetProperty("status").GetString());
        Assert.DoesNotContain(alerts, a => a.GetProperty("customer_id").GetString() is "c2" or "c4");
        Assert.Equal("query_name", One(alerts, "c3", "ofac-sdn:22790").GetProperty("explanation").EnumerateObject().First().Name);

        // A later real publication: MUGABE (7480) delisted, SUNIGA MORFIN (34916) designated; the import re-screens the portfolio.
        r = cli.Run("import", "--list", "ofac-sdn", "--format", "ofac-csv", "--published", "2024-05-03", TestPaths.Data("history/sdn-2024-05-03.csv"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("portfolio re-screened: 4 customers", r.Stdout, StringComparison.Ordinal);
        alerts = Alerts(cli);
        Assert.Equal("closed: entry delisted", One(alerts, "c1", "ofac-sdn:7480").GetProperty("status").GetString());
        Assert.Equal("open", One(alerts, "c2", "ofac-sdn:34916").GetProperty("status").GetString());
        Assert.Single(Alerts(cli, "--status", "closed"));
        Assert.All(Alerts(cli, "--program", "VENEZUELA"), a => Assert.Equal("c3", a.GetProperty("customer_id").GetString()));
        Assert.Empty(Alerts(cli, "--customer", "c4"));

        // Decide: false positive suppresses the pair across re-imports of the same record, until the record changes.
        var maduro = One(alerts, "c3", "ofac-sdn:22790").GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        r = cli.Run("alerts", "decide", maduro, "--decision", "false-positive", "--reason", "different person", "--analyst", "alice");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("false-positive by alice", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run("portfolio", "rescreen", "--full").ExitCode);
        Assert.Equal("false-positive", One(Alerts(cli), "c3", "ofac-sdn:22790").GetProperty("status").GetString());
        File.WriteAllText(csv, Header + Rows.Replace("1962-11-23,VE", "1962-11-23,CO", StringComparison.Ordinal));
        r = cli.Run("portfolio", "import", csv);
        Assert.Contains("1 new or changed, 3 unchanged", r.Stdout, StringComparison.Ordinal);
        var reopened = One(Alerts(cli), "c3", "ofac-sdn:22790");
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Equal("false-positive", reopened.GetProperty("decisions")[0].GetProperty("decision").GetString());

        // Usage and not-found errors.
        Assert.Equal(2, cli.Run("alerts", "decide", maduro, "--decision", "maybe", "--reason", "x", "--analyst", "y").ExitCode);
        Assert.Equal(4, cli.Run("alerts", "decide", "999999", "--decision", "escalate", "--reason", "x", "--analyst", "y").ExitCode);

        // --replace drops absent customers and closes their alerts.
        File.WriteAllText(csv, Header + "c4,Ann Whitfield,person,,\n");
        r = cli.Run("portfolio", "import", "--replace", csv);
        Assert.Contains("3 removed", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("closed: customer removed", One(Alerts(cli), "c3", "ofac-sdn:22790").GetProperty("status").GetString());
    }
}
