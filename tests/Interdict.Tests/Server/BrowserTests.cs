using Microsoft.Playwright;

namespace Interdict.Tests.Server;

/// <summary>
/// Browser tests run one class at a time: several headless Chromium instances at once on a 2-core machine turn
/// page loads into timeouts that say nothing about the product.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests
{
    public const string Name = "Browser";

    public static string Chromium => Environment.GetEnvironmentVariable("INTERDICT_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<IBrowser> Launch(IPlaywright pw)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test installs Debian's chromium package");
        return await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public static async Task<IPage> NewPage(IBrowser browser, string baseUrl)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60000);
        return page;
    }

    /// <summary>
    /// Opens <paramref name="from"/>, is sent to the sign-in page, signs in and waits for the signed-in page's header.
    /// The signed-in page is awaited to its commit and then by its content: waiting for the "load" event after the
    /// sign-in script's <c>location.href</c> change timed out on a loaded CI machine although the page was there.
    /// </summary>
    public static async Task SignIn(IPage page, string key, string from = "/", string? screenshot = null)
    {
        // The sign-in page is awaited by its script having attached the form handler, not by "load" events (which
        // Playwright missed after the client-side redirect from "/" on a loaded machine): pressing Enter before the
        // script runs lets the browser submit the form itself, and the page merely reloads.
        await page.GotoAsync(from, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync("**/login", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.getElementById('f') !== null && document.getElementById('f').onsubmit !== null");
        if (screenshot is not null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        }

        await page.FillAsync("#key", key);
        // The sign-in answer is awaited by itself, so that a refused or slow sign-in fails with its status and body
        // rather than as a navigation timeout. This helper signs in for tests about other pages; sign-in itself is
        // tested by SessionUiTests and AuthAbuseTests. One more attempt absorbs a sign-in lost on a loaded machine
        // (a CI run once waited 60 s for a navigation that never came, with nothing in the server's log).
        for (var attempt = 1; ; attempt++)
        {
            IResponse answer;
            try
            {
                answer = await page.RunAndWaitForResponseAsync(
                    () => page.PressAsync("#key", "Enter"),
                    r => r.Url.EndsWith("/api/session", StringComparison.Ordinal) && r.Request.Method == "POST",
                    new PageRunAndWaitForResponseOptions { Timeout = 30_000 });
            }
            catch (TimeoutException) when (attempt == 1)
            {
                continue;
            }

            if (answer.Ok)
            {
                break;
            }

            if (attempt == 2)
            {
                throw new InvalidOperationException($"sign-in refused: {answer.Status} {await answer.TextAsync()}");
            }
        }

        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("header nav").WaitForAsync();
    }
}
