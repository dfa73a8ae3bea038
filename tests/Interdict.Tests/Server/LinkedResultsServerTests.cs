using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Interdict.Tests.Server;

/// <summary>One party on several lists is one result in the API and in the analyst UI.</summary>
[Collection(BrowserTests.Name)]
public class LinkedResultsServerTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _server;

    public LinkedResultsServerTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task The_api_groups_Hafiz_Saeed_on_OFAC_and_the_UN_and_keeps_a_namesake_apart()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var r = await c.PostAsJsonAsync("/api/screen", new { name = "Hafiz Muhammad Saeed", limit = 20 });
        r.EnsureSuccessStatusCode();
        var matches = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches").EnumerateArray().ToList();
        Assert.DoesNotContain(matches, m => m.GetProperty("entity_id").GetString() == "un-sc:QDi.263");
        var saeed = Assert.Single(matches, m => m.GetProperty("entity_id").GetString() == "ofac-sdn:10689");
        var un = Assert.Single(saeed.GetProperty("also_listed").EnumerateArray());
        Assert.Equal("un-sc:QDi.263", un.GetProperty("entity_id").GetString());
        Assert.Equal("HAFIZ MUHAMMAD SAEED", un.GetProperty("name").GetString());
        Assert.Equal("shared_identifier", un.GetProperty("reason").GetString());
        Assert.Equal("also listed by United Nations Security Council as QDi.263 (same National ID No. 3520025509842-7 (Pakistan))", un.GetProperty("description").GetString());

        // SDN 18619 KHAN, Hafiz Saeed matches the name too but shares no identifier or date of birth with anyone.
        var khan = Assert.Single(matches, m => m.GetProperty("entity_id").GetString() == "ofac-sdn:18619");
        Assert.False(khan.TryGetProperty("also_listed", out _));
    }

    [Fact]
    public async Task The_search_page_shows_the_other_lists_under_the_result()
    {
        using var pw = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.Launch(pw);
        var page = await BrowserTests.NewPage(browser, _server.BaseUrl);
        await BrowserTests.SignIn(page, _server.ScreenerKey);

        await page.FillAsync("#q", "Hafiz Muhammad Saeed");
        var row = page.Locator("#results tbody tr.result").Filter(new LocatorFilterOptions { HasText = "SAEED, Muhammad" });
        await row.WaitForAsync();
        var also = row.Locator(".also-listed");
        Assert.Equal(1, await also.CountAsync());
        Assert.Contains("also listed by United Nations Security Council as QDi.263 (same National ID No. 3520025509842-7 (Pakistan))", await also.InnerTextAsync());
        Assert.Equal("/entity/un-sc%3AQDi.263", await also.Locator("a").GetAttributeAsync("href"));
    }
}
