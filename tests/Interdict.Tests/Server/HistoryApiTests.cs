using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interdict.App.Server;
using Interdict.Tests.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Interdict.Tests.Server;

public sealed class HistoryServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var db = HistoryDbFixture.Copy();
        _app = ServerHost.Build(new ServerOptions { Urls = "http://127.0.0.1:0", DbPath = db, NoAuth = true, LoadBeforeServing = true });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The history API over real HTTP on the real OFAC history.</summary>
public class HistoryApiTests : IClassFixture<HistoryServerFixture>
{
    private readonly HistoryServerFixture _server;

    public HistoryApiTests(HistoryServerFixture server) => _server = server;

    [Fact]
    public async Task Changes_and_entity_history()
    {
        using var c = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        var changes = await c.GetFromJsonAsync<JsonElement>("/api/changes?list=ofac-sdn&since=2022-03-04&until=2022-03-04");
        var p = changes.GetProperty("publications")[0].GetProperty("publication");
        Assert.Contains(p.GetProperty("entries").EnumerateArray(), e => e.GetProperty("entityId").GetString() == "ofac-sdn:35320" && e.GetProperty("change").GetString() == "Added");

        var history = await c.GetFromJsonAsync<JsonElement>("/api/entities/ofac-sdn:35096/history");
        Assert.StartsWith("2022-02-26", history.GetProperty("events")[0].GetProperty("published").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync("/api/entities/ofac-sdn:1/history")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync("/api/changes")).StatusCode);
    }

    [Fact]
    public async Task Screening_as_of_a_date()
    {
        using var c = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        var before = await c.GetStringAsync("/api/search?q=Vladimir%20Putin&list=ofac-sdn&asOf=2022-02-24");
        var after = await c.GetStringAsync("/api/search?q=Vladimir%20Putin&list=ofac-sdn&asOf=2022-02-27");
        Assert.DoesNotContain("ofac-sdn:35096", before);
        Assert.Contains("ofac-sdn:35096", after);
    }
}
