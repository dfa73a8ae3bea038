using Microsoft.Playwright;

namespace Interdict.Tests.Server;

/// <summary>The Text page in headless Chromium: paste an article, see the highlighted mentions, click one for the explanation; screen a payment.</summary>
[Collection(BrowserTests.Name)]
public class TextUiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Shots = Path.Combine(TestPaths.Repo, ".build", "test-artifacts", "ui");

    [Fact]
    public async Task Analyst_pastes_an_article_sees_highlights_and_the_explanation_then_screens_a_payment()
    {
        Directory.CreateDirectory(Shots);
        using var pw = await Playwright.CreateAsync();
        var browser = await BrowserTests.Launch(pw);
        try
        {
            var page = await BrowserTests.NewPage(browser, server.BaseUrl);
            var errors = new List<string>();
            page.Console += (_, m) => errors.Add(m.Type + ": " + m.Text);
            page.PageError += (_, e) => errors.Add("page error: " + e);
            await BrowserTests.SignIn(page, server.ScreenerKey, "/text");
            await page.GotoAsync("/text");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "text-empty.png"), FullPage = true });
            Assert.True(await page.Locator("#textform").CountAsync() == 1, page.Url);
            Assert.True(await page.Locator("header nav").CountAsync() == 1, string.Join("\n", errors));
            Assert.Equal("page", await page.Locator("header nav a[href='/text']").GetAttributeAsync("aria-current"));

            await page.FillAsync("#text", File.ReadAllText(TestPaths.Data("text/news-2021-04-16-us-sanctions-russia.txt")));
            await page.ClickAsync("#textform button[type=submit]");
            await page.Locator("#marked mark").First.WaitForAsync();
            var marks = await page.Locator("#marked mark").AllInnerTextsAsync();
            Assert.Equal(["Vladimir Putin", "Dmitry Peskov", "Putin", "Putin", "Putin", "Crimea"], marks);
            Assert.Equal(1, await page.Locator("#marked mark.place").CountAsync());
            Assert.Equal(3, await page.Locator("#marked mark.partial").CountAsync());

            await page.Locator("#marked mark", new PageLocatorOptions { HasText = "Dmitry Peskov" }).ClickAsync();
            var detail = await page.InnerTextAsync("#detail");
            Assert.Contains("PESKOV, Dmitriy Sergeevich", detail, StringComparison.Ordinal);
            Assert.Contains("Kremlin spokesperson", detail, StringComparison.Ordinal);
            Assert.Contains("PESKOV", await page.InnerTextAsync("#detail table"), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "text.png"), FullPage = true });

            await page.FillAsync("#payment", File.ReadAllText(TestPaths.Data("payments/mt103-59f-crimea.fin")));
            await page.ClickAsync("#payform button[type=submit]");
            await page.Locator("#hits tbody tr").First.WaitForAsync();
            var hits = await page.InnerTextAsync("#hits");
            Assert.Contains("JOINT STOCK COMPANY SEVASTOPOLSKY MORSKOY BANK", hits, StringComparison.Ordinal);
            Assert.Contains(":57A:", hits, StringComparison.Ordinal);
            Assert.Contains("CRIMEAN", hits, StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "payment.png"), FullPage = true });

            // Sberbank's BIC is on OFAC's SDN and non-SDN lists: one finding, the other listing shown under it.
            await page.FillAsync("#payment", File.ReadAllText(TestPaths.Data("payments/mt103-50k-wrapped-name.fin")));
            await page.ClickAsync("#payform button[type=submit]");
            var also = page.Locator("#hits tbody tr", new PageLocatorOptions { HasText = ":56A:" }).Locator(".also-listed");
            await also.First.WaitForAsync();
            Assert.Equal(1, await also.CountAsync());
            Assert.Contains("(same SWIFT/BIC SABRRUMM)", await also.InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "payment-linked.png"), FullPage = true });
        }
        finally
        {
            await browser.CloseAsync();
        }
    }
}
