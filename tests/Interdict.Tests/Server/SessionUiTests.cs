using System.Net;
using Microsoft.Playwright;

namespace Interdict.Tests.Server;

/// <summary>The UI's sign-out in a real headless Chromium ends the session on the server (#16 defect 8).</summary>
[Collection(BrowserTests.Name)]
public class SessionUiTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _server;

    public SessionUiTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task Sign_out_ends_the_session_so_its_cookie_no_longer_works()
    {
        using var pw = await Playwright.CreateAsync();
        var browser = await BrowserTests.Launch(pw);
        try
        {
            var page = await BrowserTests.NewPage(browser, _server.BaseUrl);
            await BrowserTests.SignIn(page, _server.ScreenerKey);
            var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "interdict_session");
            Assert.DoesNotContain(_server.ScreenerKey, cookie.Value, StringComparison.Ordinal);
            Assert.True(cookie.HttpOnly);

            await page.Locator("#logout").ClickAsync();
            await page.WaitForURLAsync("**/login", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "interdict_session");

            // The cookie the browser held, replayed by another client: the server has ended its session.
            using var c = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(_server.BaseUrl) };
            using var req = new HttpRequestMessage(HttpMethod.Get, "/api/session");
            req.Headers.Add("Cookie", $"interdict_session={cookie.Value}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await c.SendAsync(req)).StatusCode);
        }
        finally
        {
            await browser.CloseAsync();
        }
    }
}
