using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Interdict.Tests.Server;

/// <summary>Alert review in a real headless Chromium: keyboard navigation and a false-positive decision.</summary>
[Collection(BrowserTests.Name)]
public class AlertsUiTests : IClassFixture<ServerFixture>
{
    private static readonly string Shots = Path.Combine(TestPaths.Repo, ".build", "test-artifacts", "ui");
    private readonly ServerFixture _server;

    public AlertsUiTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task Analyst_reviews_alerts_by_keyboard_and_clears_a_false_positive()
    {
        using (var admin = _server.Client(_server.AdminKey))
        {
            var up = await admin.PostAsync("/api/portfolio", new StringContent(
                "id,name,type,dob,country\nu1,Nicolas Maduro Moros,person,,\nu2,Vladimir Putin,person,,\nu3,Ann Whitfield,person,,\n", Encoding.UTF8, "text/csv"));
            Assert.Equal("done", (await Jobs.WaitAsync(admin, up)).GetProperty("status").GetString());
        }

        Directory.CreateDirectory(Shots);
        using var pw = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.Launch(pw);
        var page = await BrowserTests.NewPage(browser, _server.BaseUrl);
        await BrowserTests.SignIn(page, _server.ScreenerKey, "/login");

        await page.GotoAsync("/alerts");
        await page.Locator("#alerts tbody tr").First.WaitForAsync();
        var table = await page.InnerTextAsync("#alerts");
        Assert.Contains("u1", table);
        Assert.Contains("u2", table);
        Assert.DoesNotContain("u3", table);
        await page.FillAsync("#analyst", "alice");
        await page.Locator("#analyst").DispatchEventAsync("change");

        // Keyboard: move to the row of u1 and decide "false positive" (the reason comes from a prompt).
        await page.Locator("h1").ClickAsync();
        var rows = await page.Locator("#alerts tbody tr").AllInnerTextsAsync();
        var target = rows.ToList().FindIndex(r => r.Contains("u1", StringComparison.Ordinal) && r.Contains("ofac-sdn:22790", StringComparison.Ordinal));
        Assert.True(target >= 0, string.Join("\n", rows));
        for (var i = 0; i < target; i++)
        {
            await page.Keyboard.PressAsync("j");
        }

        Assert.Contains("u1", await page.InnerTextAsync("#detail"));
        page.Dialog += async (_, d) => await d.AcceptAsync("born on another date; different person");
        await page.Keyboard.PressAsync("f");
        await page.Locator("#alerts tbody").Filter(new LocatorFilterOptions { HasNotText = "ofac-sdn:22790" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "alerts.png"), FullPage = true });

        using var c = _server.Client(_server.ScreenerKey);
        var decided = await c.GetFromJsonAsync<JsonElement>("/api/alerts?customer=u1&status=false-positive");
        var alert = decided.EnumerateArray().Single(a => a.GetProperty("entity_id").GetString() == "ofac-sdn:22790");
        var decision = alert.GetProperty("decisions").EnumerateArray().Last();
        Assert.Equal("alice", decision.GetProperty("analyst").GetString());
        Assert.Equal("born on another date; different person", decision.GetProperty("reason").GetString());
    }
}
