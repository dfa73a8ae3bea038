using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Interdict.Tests.Server;

/// <summary>Replacing the portfolio (#16 defect 4): an empty replace needs confirmEmpty=true, and every replace is audited.</summary>
public class PortfolioJobTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _server;

    public PortfolioJobTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task An_empty_replace_is_refused_without_confirmEmpty_and_audited_with_it()
    {
        using var admin = _server.Client(_server.AdminKey);
        var first = await Jobs.WaitAsync(admin, await admin.PostAsync("/api/portfolio", new StringContent("id,name\nr1,Ann Whitfield\nr2,Nicolas Maduro Moros\n", Encoding.UTF8, "text/csv")));
        Assert.Equal("done", first.GetProperty("status").GetString());
        Assert.Equal(2, first.GetProperty("summary").GetProperty("changed").GetInt32());

        // A header and no rows, with replace=true: this would remove every customer, so it is refused as it is sent.
        var jobsBefore = (await admin.GetFromJsonAsync<JsonElement>("/api/jobs")).GetArrayLength();
        var refused = await admin.PostAsync("/api/portfolio?replace=true", new StringContent("id,name,type,dob,country\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(
            "the upload holds no customers, and replace=true would remove every customer of the portfolio: to do that, add confirmEmpty=true",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(jobsBefore, (await admin.GetFromJsonAsync<JsonElement>("/api/jobs")).GetArrayLength());
        Assert.NotEmpty((await admin.GetFromJsonAsync<JsonElement>("/api/alerts?customer=r2&status=open")).EnumerateArray());

        // Without replace an empty upload changes nothing and needs no confirmation.
        var nothing = await Jobs.WaitAsync(admin, await admin.PostAsync("/api/portfolio", new StringContent("id,name\n", Encoding.UTF8, "text/csv")));
        Assert.Equal(0, nothing.GetProperty("summary").GetProperty("removed").GetInt32());

        var confirmed = await Jobs.WaitAsync(admin, await admin.PostAsync("/api/portfolio?replace=true&confirmEmpty=true", new StringContent("id,name\n", Encoding.UTF8, "text/csv")));
        Assert.Equal("done", confirmed.GetProperty("status").GetString());
        Assert.Equal(2, confirmed.GetProperty("summary").GetProperty("removed").GetInt32());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/alerts?customer=r2&status=open")).EnumerateArray());

        // A replace that keeps customers is audited too: who, and the rows before and after.
        var refill = await Jobs.WaitAsync(admin, await admin.PostAsync("/api/portfolio?replace=true", new StringContent("id,name\nr3,Ann Whitfield\n", Encoding.UTF8, "text/csv")));
        Assert.Equal("done", refill.GetProperty("status").GetString());

        JsonElement[] replaces = [];
        for (var i = 0; i < 50 && replaces.Length < 2; i++)
        {
            await Task.Delay(100);
            replaces = [.. (await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=10000")).EnumerateArray().Where(a => a.GetProperty("channel").GetString() == "api:portfolio-replace")];
        }

        Assert.Equal(2, replaces.Length);
        Assert.All(replaces, a => Assert.Equal("test-admin", a.GetProperty("actor").GetString()));
        var emptied = Query(replaces[0]);
        Assert.Equal(2, emptied.GetProperty("rows_before").GetInt32());
        Assert.Equal(0, emptied.GetProperty("rows_after").GetInt32());
        Assert.True(emptied.GetProperty("confirm_empty").GetBoolean());
        var refilled = Query(replaces[1]);
        Assert.Equal(0, refilled.GetProperty("rows_before").GetInt32());
        Assert.Equal(1, refilled.GetProperty("rows_after").GetInt32());
    }

    private static JsonElement Query(JsonElement audit) => audit.GetProperty("query") is { ValueKind: JsonValueKind.String } s
        ? JsonDocument.Parse(s.GetString()!).RootElement
        : audit.GetProperty("query");
}
