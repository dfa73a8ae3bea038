using System.Net;
using Interdict.Tests.App;
using Microsoft.Playwright;

namespace Interdict.Tests.Server;

/// <summary>#16 defect 9: hardening headers on every response, and the descriptive endpoints that need a key.</summary>
public class SecurityHeadersTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string UiPolicy = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    [Theory]
    [InlineData("/lists", "text/html", false)]
    [InlineData("/assets/app.js", "*/*", false)]
    [InlineData("/api/lists", "application/json", true)]
    [InlineData("/search/default?q=Maduro&limit=2", "application/json", true)]
    [InlineData("/entities/ofac-sdn%3A999999999", "application/json", true)]
    public async Task Every_response_carries_the_policy_and_api_answers_are_not_stored(string path, string accept, bool api)
    {
        using var c = server.Client(server.ScreenerKey);
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        req.Headers.TryAddWithoutValidation("Accept", accept);
        using var r = await c.SendAsync(req);
        Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)r.StatusCode}");
        AssertHardened(r, api);
    }

    [Fact]
    public async Task A_refused_request_carries_the_headers_too()
    {
        using var c = server.Client();
        using var r = await c.GetAsync("/api/lists");
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        AssertHardened(r, api: true);
        using var login = await c.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        AssertHardened(login, api: false);
    }

    [Fact]
    public async Task The_api_reference_gets_its_own_policy_with_a_fresh_nonce_for_its_one_inline_script()
    {
        using var c = server.Client();
        using var r = await c.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var csp = Header(r, "Content-Security-Policy");
        var html = await r.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.True(nonce.Length >= 16, csp);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        using var again = await c.GetAsync("/docs");
        Assert.NotEqual(csp, Header(again, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(r, "X-Frame-Options"));
    }

    [Fact]
    public async Task Metrics_need_a_key_by_default()
    {
        using (var anonymous = server.Client())
        {
            using var r = await anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.DoesNotContain("interdict_", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // The API's description stays open by default.
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        }

        using var keyed = server.Client(server.ScreenerKey);
        Assert.Contains("interdict_index_entries", await keyed.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_open_metrics_opens_metrics_and_closes_docs_it_does_not_name()
    {
        await using var serve = await ServeProcess.Start(BundledDbFixture.Copy(), "--open", "metrics");
        var c = serve.Client;
        using var metrics = await c.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("interdict_index_entries", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.GetAsync("/docs")).StatusCode);
    }

    [Fact]
    public void Serve_open_rejects_an_unknown_value_in_product_words()
    {
        var r = new CliRunner(BundledDbFixture.Copy()).Run("serve", "--open", "metrics,logs", "--urls", $"http://127.0.0.1:{ServeProcessTests.FreePort()}");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("--open: unknown value 'logs' (use metrics, docs, or none)", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", r.Stderr, StringComparison.Ordinal);
    }

    private static void AssertHardened(HttpResponseMessage r, bool api)
    {
        Assert.Equal(UiPolicy, Header(r, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(r, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(r, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(r, "Referrer-Policy"));
        var cache = r.Headers.CacheControl?.ToString() ?? "";
        if (api)
        {
            Assert.Equal("no-store", cache);
        }
        else
        {
            Assert.DoesNotContain("no-store", cache, StringComparison.Ordinal);
        }
    }

    private static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) || r.Content.Headers.TryGetValues(name, out v) ? string.Join(", ", v) : "";
}

/// <summary>Every UI page and the API reference in Chromium under the served Content-Security-Policy.</summary>
[Collection(BrowserTests.Name)]
public class ContentSecurityPolicyUiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Every_page_runs_under_the_policy_without_a_violation_or_a_script_error()
    {
        using var pw = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.Launch(pw);
        var page = await BrowserTests.NewPage(browser, server.BaseUrl);
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            // The one exception: the API reference's bundled Zod probes once whether it may compile validators
            // (`try { Function("") } catch`), and without 'unsafe-eval' it validates without compiling.
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) && !IsZodProbe(page.Url, m.Text))
            {
                problems.Add($"{page.Url}: console: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add($"{page.Url}: page error: {e}");

        // Injected by the browser's debugging protocol, so not itself subject to the policy: records every violation,
        // including those Chromium does not log to the console.
        await page.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", (e) => {
              console.error("Content Security Policy violation: " + e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber);
            });
            """);

        await BrowserTests.SignIn(page, server.AdminKey, "/");
        string[] pages = ["/", "/lists", "/entity/ofac-sdn%3A22790", "/history", "/alerts", "/batch", "/text", "/audit"];
        foreach (var path in pages)
        {
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

            // The page's own script has run when it has drawn the header, and app.js when the header shows who is signed in.
            await page.Locator("header nav").WaitForAsync();
            await page.Locator("#logout").WaitForAsync();
        }

        // The search page's script still works: typing screens.
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.FillAsync("#q", "Nikolas Madurro");
        await page.Locator("#results tbody tr.result").First.WaitForAsync();
        await page.PressAsync("#q", "Enter");

        await page.GotoAsync("/docs", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.GetByText("/api/screen").First.WaitForAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool IsZodProbe(string url, string text) =>
        new Uri(url).AbsolutePath.StartsWith("/docs", StringComparison.Ordinal)
        && text.StartsWith("Content Security Policy violation: script-src eval at ", StringComparison.Ordinal)
        && text.Contains("/docs/", StringComparison.Ordinal);
}
