using Microsoft.Playwright;

namespace Interdict.Tests.Server;

/// <summary>
/// The analyst UI in a real headless Chromium (Debian's /usr/bin/chromium, installed by ./test), driven by
/// Playwright. Screenshots of every page are kept under .build/test-artifacts/ui/.
/// </summary>
[Collection(BrowserTests.Name)]
public class UiTests : IClassFixture<ServerFixture>
{
    private static readonly string Shots = Path.Combine(TestPaths.Repo, ".build", "test-artifacts", "ui");
    private readonly ServerFixture _server;

    public UiTests(ServerFixture server) => _server = server;

    private async Task<(IPlaywright Pw, IBrowser Browser, IPage Page)> Open()
    {
        Directory.CreateDirectory(Shots);
        var pw = await Playwright.CreateAsync();
        var browser = await BrowserTests.Launch(pw);
        return (pw, browser, await BrowserTests.NewPage(browser, _server.BaseUrl));
    }

    private static Task SignIn(IPage page, string key) => BrowserTests.SignIn(page, key, screenshot: Path.Combine(Shots, "login.png"));

    [Fact]
    public async Task Analyst_signs_in_searches_by_keyboard_and_opens_an_entity()
    {
        var (pw, browser, page) = await Open();
        try
        {
            await SignIn(page, _server.ScreenerKey);
            await page.FillAsync("#q", "Nikolas Madurro");
            var first = page.Locator("#results tbody tr.result").First;
            await first.WaitForAsync();
            Assert.Contains("MADURO MOROS", await first.InnerTextAsync());
            Assert.True(await page.Locator("#results tbody tr.result").First.Locator("mark").CountAsync() > 0, "aligned tokens are highlighted");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "search.png"), FullPage = true });

            // Keyboard: leave the box (to the page, not to another field), show the explanation, open the entry.
            await page.Locator("h1").ClickAsync();
            await page.Keyboard.PressAsync("e");
            Assert.True(await page.Locator("tr.explain-row").First.IsVisibleAsync());
            await page.Keyboard.PressAsync("Enter");
            // Commit, not Load: the entity page is then awaited by its content below.
            await page.WaitForURLAsync("**/entity/**", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.Locator("#title").Filter(new LocatorFilterOptions { HasText = "MADURO" }).WaitForAsync();
            var body = await page.InnerTextAsync("#body");
            Assert.Contains("5892464", body);
            Assert.Contains("VENEZUELA", body);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "entity.png"), FullPage = true });

            await page.GotoAsync("/lists");
            await page.Locator("#lists tbody tr").First.WaitForAsync();
            Assert.Contains("13,821", await page.InnerTextAsync("#lists"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "lists.png"), FullPage = true });
        }
        finally
        {
            await browser.CloseAsync();
            pw.Dispose();
        }
    }

    [Fact]
    public async Task Admin_runs_a_batch_upload_to_completion_and_sees_the_audit()
    {
        var (pw, browser, page) = await Open();
        try
        {
            await SignIn(page, _server.AdminKey);
            var csv = Path.Combine(TestPaths.TempDir(), "customers.csv");
            await File.WriteAllTextAsync(csv, "id,name,type,dob,country\nk1,Nicolas Maduro Moros,person,1962,VE\nk2,Ordinary Person Example,,,\nk3,Vladimir Putin,person,1952,RU\n");
            await page.GotoAsync("/batch");
            await page.SetInputFilesAsync("#file", csv);
            await page.ClickAsync("#upload button");
            await page.Locator("#jobstatus").Filter(new LocatorFilterOptions { HasText = "done" }).WaitForAsync();
            await page.Locator("#rtable tbody tr").First.WaitForAsync();
            var table = await page.InnerTextAsync("#rtable");
            Assert.Contains("k1", table);
            Assert.Contains("MADURO MOROS", table);
            Assert.DoesNotContain("k2", table);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "batch.png"), FullPage = true });

            await page.FillAsync("#filter", "PUTIN");
            Assert.DoesNotContain("MADURO", await page.InnerTextAsync("#rtable"));

            await page.GotoAsync("/audit");
            await page.Locator("#audit tbody tr").First.WaitForAsync();
            Assert.Contains("batch-job", await page.InnerTextAsync("#audit"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "audit.png"), FullPage = true });
        }
        finally
        {
            await browser.CloseAsync();
            pw.Dispose();
        }
    }
}
