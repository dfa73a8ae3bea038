using System.Net;
using System.Text;
using System.Text.Json;
using Interdict.Tests.App;

namespace Interdict.Tests.Server;

/// <summary>
/// #16 defects 4 and 10 over a real `serve` process: a page of another site could delete the portfolio and close
/// alerts of a --no-auth server with a `text/plain` POST, and malformed inputs were answered 500 or 409 with the
/// .NET library's words.
/// </summary>
public class RequestGuardTests(GuardedServeFixture server) : IClassFixture<GuardedServeFixture>
{
    private static StringContent Csv(string csv, string type = "text/csv") => new(csv, Encoding.UTF8, type);

    private static async Task<int> AlertCount(HttpClient c)
    {
        using var doc = JsonDocument.Parse(await c.GetStringAsync("/api/alerts"));
        return doc.RootElement.GetArrayLength();
    }

    [Fact]
    public async Task A_page_of_another_site_can_change_nothing_on_a_no_auth_server()
    {
        var c = server.Client;
        var alerts = await AlertCount(c);
        Assert.True(alerts >= 2, $"{alerts} alerts");
        using var firstAlert = JsonDocument.Parse(await c.GetStringAsync("/api/alerts"));
        var alertId = firstAlert.RootElement[0].GetProperty("id").GetInt64();

        // The attack as it was reproduced: a form-like text/plain POST from a foreign page, then the same in JSON.
        var attacks = new List<HttpRequestMessage>();
        HttpRequestMessage From(HttpMethod method, string path, HttpContent? content, string header, string value)
        {
            var m = new HttpRequestMessage(method, path) { Content = content };
            m.Headers.TryAddWithoutValidation(header, value);
            attacks.Add(m);
            return m;
        }

        From(HttpMethod.Post, "/api/portfolio?replace=true", Csv("id,name\n", "text/plain"), "Origin", "https://evil.example");
        From(HttpMethod.Post, "/api/portfolio?replace=true", Csv("id,name\n"), "Origin", "https://evil.example");
        From(HttpMethod.Post, $"/api/alerts/{alertId}/decisions", Csv("""{"decision":"false-positive","analyst":"x","reason":"y"}""", "application/json"), "Origin", "null");
        From(HttpMethod.Post, "/api/portfolio/rescreen?full=true", null, "Sec-Fetch-Site", "cross-site");
        // Same host, other port: another site as far as the browser's same-origin rule goes.
        From(HttpMethod.Post, "/api/portfolio?replace=true", Csv("id,name\n"), "Origin", "http://127.0.0.1:1");
        foreach (var attack in attacks)
        {
            var r = await c.SendAsync(attack);
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{attack.Method} {attack.RequestUri} {attack.Headers}: {(int)r.StatusCode} {body}");
            Assert.Contains("may not change anything on this server", body, StringComparison.Ordinal);
        }

        Assert.Equal(alerts, await AlertCount(c));
        using (var after = JsonDocument.Parse(await c.GetStringAsync("/api/alerts")))
        {
            Assert.Equal("open", after.RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == alertId).GetProperty("status").GetString());
        }

        // This server's own pages (same origin), the proxy's public origin and API clients (no Origin) still work.
        foreach (var origin in new[] { c.BaseAddress!.GetLeftPart(UriPartial.Authority), "https://screening.example.com", null })
        {
            var m = new HttpRequestMessage(HttpMethod.Post, "/api/screen") { Content = Csv("""{"name":"Nicolas Maduro Moros"}""", "application/json") };
            if (origin is not null)
            {
                m.Headers.TryAddWithoutValidation("Origin", origin);
                m.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
            }

            var r = await c.SendAsync(m);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{origin}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Bodies_of_a_type_the_endpoint_does_not_declare_are_refused_with_415()
    {
        var c = server.Client;
        var cases = new (string Path, HttpContent Body, string Expect)[]
        {
            ("/api/portfolio", Csv("id,name\nc1,Someone\n", "text/plain"), "send the body as text/csv or multipart/form-data"),
            ("/api/jobs", Csv("id,name\nc1,Someone\n", "application/x-www-form-urlencoded"), "send the body as text/csv or multipart/form-data"),
            ("/match/default", Csv("""{"queries":{"q":{"schema":"Person","properties":{"name":["Putin"]}}}}""", "text/plain"), "send the body as application/json"),
            ("/api/screen", Csv("""{"name":"Putin"}""", "text/plain"), "application/json"),
        };
        foreach (var (path, body, expect) in cases)
        {
            var r = await c.PostAsync(path, body);
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{path}: {(int)r.StatusCode} {text}");
            Assert.True(text.Contains(expect, StringComparison.Ordinal), $"{path}: {text}");
        }

        // What the endpoints declare is accepted, parameters such as the charset included.
        var ok = await c.PostAsync("/api/screen/text", Csv("A payment to Nicolas Maduro Moros", "text/plain"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var yente = await c.PostAsync("/match/default", Csv("""{"queries":{"q":{"schema":"Person","properties":{"name":["Vladimir Putin"]}}}}""", "application/json"));
        Assert.Equal(HttpStatusCode.OK, yente.StatusCode);
    }

    [Fact]
    public async Task Malformed_inputs_are_client_errors_in_the_products_words()
    {
        var c = server.Client;

        // A multipart body whose boundary never closes.
        var broken = new ByteArrayContent(Encoding.UTF8.GetBytes("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\nid,name\r\nc1,Someone\r\n"));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XYZ");
        var multipart = await c.PostAsync("/api/jobs", broken);
        var multipartText = await multipart.Content.ReadAsStringAsync();
        Assert.True(multipart.StatusCode == HttpStatusCode.BadRequest, $"{(int)multipart.StatusCode} {multipartText}");
        Assert.Contains("the multipart form is malformed", multipartText, StringComparison.Ordinal);

        // Invalid UTF-8 inside a JSON string (0xC3 0x28 is no character).
        var bytes = Encoding.UTF8.GetBytes("""{"queries":{"q":{"schema":"Person","properties":{"name":["Putin X"]}}}}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3;
        var utf8 = new ByteArrayContent(bytes);
        utf8.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var match = await c.PostAsync("/match/default", utf8);
        var matchText = await match.Content.ReadAsStringAsync();
        Assert.True(match.StatusCode == HttpStatusCode.BadRequest, $"{(int)match.StatusCode} {matchText}");
        Assert.Contains("not valid UTF-8", matchText, StringComparison.Ordinal);

        // A payment with a document type declaration: refused without naming the XML library's settings.
        const string Doctype = """<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf/></Document>""";
        var payment = await c.PostAsync("/api/screen/payment", Csv(Doctype, "application/xml"));
        var paymentText = await payment.Content.ReadAsStringAsync();
        Assert.True(payment.StatusCode == HttpStatusCode.BadRequest, $"{(int)payment.StatusCode} {paymentText}");
        Assert.Contains("document types and entities are refused", paymentText, StringComparison.Ordinal);
        Assert.DoesNotContain("DtdProcessing", paymentText, StringComparison.Ordinal);

        await Task.Delay(300);
        Assert.DoesNotContain("unhandled", server.Log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", server.Log, StringComparison.Ordinal);
    }
}

/// <summary>
/// One `serve --no-auth` process for the request guard tests, over a database with a portfolio (so with alerts to
/// close) and a proxy's public origin: none of the tests changes what another one checks, so they share it.
/// </summary>
public sealed class GuardedServeFixture : IAsyncLifetime
{
    private ServeProcess? _serve;

    public HttpClient Client => _serve!.Client;

    /// <summary>Everything the process printed so far.</summary>
    public string Log => _serve!.Log;

    public async Task InitializeAsync()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var customers = Path.Combine(cli.WorkDir, "customers.csv");
        File.WriteAllText(customers, "id,name,type,dob,country\nc1,Robert Mugabe,person,,ZW\nc3,Nicolas Maduro Moros,person,1962-11-23,VE\n");
        var imported = cli.Run("portfolio", "import", customers);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        _serve = await ServeProcess.Start(cli.Db, "--no-auth", "--public-origin", "https://screening.example.com");
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }
    }
}
