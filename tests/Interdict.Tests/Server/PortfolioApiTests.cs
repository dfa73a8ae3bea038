using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Interdict.Tests.Server;

public class PortfolioApiTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _server;

    public PortfolioApiTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task Upload_portfolio_list_alerts_decide_and_rescreen()
    {
        using var admin = _server.Client(_server.AdminKey);
        using var screener = _server.Client(_server.ScreenerKey);
        const string Csv = "id,name,type,dob,country\nc1,Nicolas Maduro Moros,person,1962-11-23,VE\nc2,Ann Whitfield,person,,\n";

        var denied = await screener.PostAsync("/api/portfolio", new StringContent(Csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var bad = await admin.PostAsync("/api/portfolio", new StringContent("id,name\nc1,\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("customers, line 2: name is empty", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // The import runs as a job: 202 with its status URL, whose summary is the import's report once done.
        var up = await admin.PostAsync("/api/portfolio", new StringContent(Csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, up.StatusCode);
        var job = await Jobs.WaitAsync(admin, up);
        Assert.Equal("done", job.GetProperty("status").GetString());
        var report = job.GetProperty("summary");
        Assert.Equal(2, report.GetProperty("changed").GetInt32());
        Assert.Equal(report.GetRawText(), (await admin.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.GetProperty("id").GetString()}/results")).GetRawText());

        var alerts = await screener.GetFromJsonAsync<JsonElement>("/api/alerts?customer=c1&status=open");
        var maduro = alerts.EnumerateArray().Single(a => a.GetProperty("entity_id").GetString() == "ofac-sdn:22790");
        var id = maduro.GetProperty("id").GetInt64();
        Assert.Empty((await screener.GetFromJsonAsync<JsonElement>("/api/alerts?customer=c2")).EnumerateArray());

        var decided = await screener.PostAsJsonAsync($"/api/alerts/{id}/decisions", new { decision = "false-positive", reason = "different person", analyst = "alice" });
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var body = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("false-positive", body.GetProperty("status").GetString());
        Assert.Equal("alice", body.GetProperty("decisions")[0].GetProperty("analyst").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await screener.PostAsJsonAsync($"/api/alerts/{id}/decisions", new { decision = "maybe", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await screener.PostAsJsonAsync("/api/alerts/999999/decisions", new { decision = "escalate", reason = "x" })).StatusCode);

        // Audited: the decision is in the audit trail under the analyst's name.
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=10000");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("actor").GetString() == "alice" && a.GetProperty("channel").GetString() == "api:alert-decision");

        Assert.Equal(HttpStatusCode.Forbidden, (await screener.PostAsync("/api/portfolio/rescreen", null)).StatusCode);
        var full = await (await admin.PostAsync("/api/portfolio/rescreen?full=true", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(full.GetProperty("full").GetBoolean());
        Assert.Equal(2, full.GetProperty("customers").GetInt32());
        var after = await screener.GetFromJsonAsync<JsonElement>("/api/alerts?status=false-positive");
        Assert.Contains(after.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
    }
}
