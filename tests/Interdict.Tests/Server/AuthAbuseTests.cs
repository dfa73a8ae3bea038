using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Interdict.App.Server;
using Interdict.Store.Operations;
using Interdict.Store.Sqlite;
using Interdict.Tests.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Interdict.Tests.Server;

/// <summary>
/// #16 defect 8, authentication abuse: failed authentications are limited per client address, and the UI's cookie
/// holds a server-side session (never the key) that sign-out, key revocation and expiry end. Real servers throughout:
/// a `serve` process for the flood, in-process Kestrel on a port for the rest, the real CLI, the real SQLite file.
/// </summary>
public class AuthAbuseTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _server;

    public AuthAbuseTests(ServerFixture server) => _server = server;

    /// <summary>The default suite's flood: enough concurrent wrong keys to show each is refused, not counted and passed.</summary>
    [Fact]
    public Task A_flood_of_wrong_keys_gets_429_with_retry_after_and_then_even_a_valid_key_is_refused() => Flood(30);

    /// <summary>The flood at the volume of the security test (scripts/slow-tests.sh).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public Task A_flood_of_200_wrong_keys_gets_429_with_retry_after_and_then_even_a_valid_key_is_refused() => Flood(200);

    private static async Task Flood(int requests)
    {
        var db = BundledDbFixture.Copy();
        string key;
        using (var ops = SqliteOperationsStore.Open(db))
        {
            key = ops.CreateKey("flood-admin", ApiRole.Admin).Key;
        }

        await using var serve = await ServeProcess.Start(db);
        var c = serve.Client;
        Assert.Equal(HttpStatusCode.OK, (await Get(c, "/api/lists", key)).StatusCode);

        // The default: 10 failures per minute per address, each answered 401 (successes above were not counted).
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Get(c, "/api/lists", "idk_wrong" + i)).StatusCode);
        }

        var flood = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => Get(c, "/api/search?q=Putin", "idk_flood" + i)));
        Assert.All(flood, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(flood, r => Assert.InRange(RetryAfter(r), 1, 60));

        // Blocking the whole address is the safer choice: checking a correct key would tell a guesser it was right.
        var valid = await Get(c, "/api/lists", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, valid.StatusCode);
        Assert.Equal("application/problem+json", valid.Content.Headers.ContentType?.MediaType);
        var problem = await valid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("too many requests from this address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(RetryAfter(valid).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var signIn = await c.PostAsJsonAsync("/api/session", new { key });
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.DoesNotContain(signIn.Headers, h => h.Key == "Set-Cookie");

        // Probes stay open, so an orchestrator does not restart a server under attack.
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/healthz")).StatusCode);
        Assert.DoesNotContain("unhandled", serve.Log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_in_sets_a_session_cookie_without_the_key_and_sign_out_ends_the_session_on_the_server()
    {
        using var c = NoCookies(_server.BaseUrl);
        var signIn = await c.PostAsJsonAsync("/api/session", new { key = _server.ScreenerKey });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(UiSessions.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here
        var session = setCookie[(UiSessions.CookieName.Length + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.DoesNotContain(_server.ScreenerKey, setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.ScreenerKey[4..12], session, StringComparison.Ordinal);
        Assert.Equal(32, Base64UrlBytes(session));

        // The database holds the id's hash, never the id.
        Assert.Equal(1L, Scalar(_server.Db, "SELECT count(*) FROM sessions WHERE hash = $h", Sha256Hex(session)));
        Assert.Equal(0L, Scalar(_server.Db, "SELECT count(*) FROM sessions WHERE hash = $h", session));

        var who = await Get(c, "/api/session", session: session);
        Assert.Equal(HttpStatusCode.OK, who.StatusCode);
        Assert.Equal("test-screener", (await who.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Get(c, "/api/lists", session: session)).StatusCode);

        using (var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session"))
        {
            signOut.Headers.Add("Cookie", $"{UiSessions.CookieName}={session}");
            var r = await c.SendAsync(signOut);
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
            Assert.Contains(r.Headers.GetValues("Set-Cookie"), v => v.StartsWith(UiSessions.CookieName + "=;", StringComparison.Ordinal) && v.Contains("expires=", StringComparison.OrdinalIgnoreCase));
        }

        // The same cookie, replayed after sign-out: refused, and the browser is told to drop it.
        var replay = await Get(c, "/api/lists", session: session);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("session has ended", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(replay.Headers.GetValues("Set-Cookie"), v => v.StartsWith(UiSessions.CookieName + "=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(c, "/api/session", session: session)).StatusCode);
        Assert.Equal(0L, Scalar(_server.Db, "SELECT count(*) FROM sessions WHERE hash = $h", Sha256Hex(session)));

        // Keys in headers work as before.
        Assert.Equal(HttpStatusCode.OK, (await Get(c, "/api/lists", _server.ScreenerKey)).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_key_with_the_cli_ends_its_sessions()
    {
        string key;
        using (var ops = SqliteOperationsStore.Open(_server.Db))
        {
            key = ops.CreateKey("soon-revoked", ApiRole.Screener).Key;
        }

        using var c = NoCookies(_server.BaseUrl);
        var session = await SignIn(c, key);
        Assert.Equal(HttpStatusCode.OK, (await Get(c, "/api/lists", session: session)).StatusCode);

        var revoke = new CliRunner(_server.Db).Run("apikey", "revoke", "soon-revoked", "--db", _server.Db);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(c, "/api/lists", session: session)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.PostAsJsonAsync("/api/session", new { key })).StatusCode);
    }

    [Fact]
    public async Task A_session_past_its_lifetime_gets_401()
    {
        await using var host = await Host.Start(new ServerOptions { Urls = "http://127.0.0.1:0", DbPath = BundledDbFixture.Copy(), SessionLifetime = TimeSpan.FromSeconds(3), LoadBeforeServing = true });
        using var c = NoCookies(host.BaseUrl);
        var sinceSignIn = System.Diagnostics.Stopwatch.StartNew();
        var session = await SignIn(c, host.Key);
        Assert.Equal(HttpStatusCode.OK, (await Get(c, "/api/session", session: session)).StatusCode);

        // Polled rather than slept past: the session ends when its lifetime is over, not before (the stopwatch started
        // before the server created the session) and not long after.
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && sinceSignIn.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            status = (await Get(c, "/api/session", session: session)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(sinceSignIn.Elapsed >= TimeSpan.FromSeconds(3), $"the session ended after {sinceSignIn.Elapsed}, before its lifetime");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(c, "/api/lists", session: session)).StatusCode);

        // A new sign-in works, and the expired session's row is gone from the database.
        var again = await SignIn(c, host.Key);
        Assert.Equal(HttpStatusCode.OK, (await Get(c, "/api/lists", session: again)).StatusCode);
        Assert.Equal(0L, Scalar(host.Db, "SELECT count(*) FROM sessions WHERE hash = $h", Sha256Hex(session)));
    }

    [Fact]
    public async Task Dead_sessions_and_wrong_sign_ins_count_as_failures_and_successes_do_not()
    {
        await using var host = await Host.Start(new ServerOptions { Urls = "http://127.0.0.1:0", DbPath = BundledDbFixture.Copy(), AuthFailuresPerMinute = 3, LoadBeforeServing = true });
        using var c = NoCookies(host.BaseUrl);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Get(c, "/api/programs", host.Key)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(c, "/api/lists", session: "made-up-session-id")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.PostAsJsonAsync("/api/session", new { key = "idk_guess" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(c, "/api/lists", "idk_guess2")).StatusCode);
        var blocked = await Get(c, "/api/lists", host.Key);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.InRange(RetryAfter(blocked), 1, 60);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient c, string path, string? key = null, string? session = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            req.Headers.Add("Authorization", "ApiKey " + key);
        }

        if (session is not null)
        {
            req.Headers.Add("Cookie", $"{UiSessions.CookieName}={session}");
        }

        var r = await c.SendAsync(req);
        await r.Content.LoadIntoBufferAsync();
        return r;
    }

    private static async Task<string> SignIn(HttpClient c, string key)
    {
        var r = await c.PostAsJsonAsync("/api/session", new { key });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var cookie = r.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith(UiSessions.CookieName + "=", StringComparison.Ordinal));
        return cookie[(UiSessions.CookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static int RetryAfter(HttpResponseMessage r) => int.Parse(Assert.Single(r.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);

    // Cookies are sent by hand: the test sees exactly what the server set and replays what it chooses.
    private static HttpClient NoCookies(string baseUrl) => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(baseUrl) };

    private static int Base64UrlBytes(string s) => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (s.Length % 4)) % 4)).Length;

    private static string Sha256Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private static long Scalar(string db, string sql, string h)
    {
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$h", h);
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>An in-process server with options of its own and one admin key.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Host(WebApplication app, string db, string key, string baseUrl)
        {
            _app = app;
            Db = db;
            Key = key;
            BaseUrl = baseUrl;
        }

        public string Db { get; }

        public string Key { get; }

        public string BaseUrl { get; }

        public static async Task<Host> Start(ServerOptions options)
        {
            string key;
            using (var ops = SqliteOperationsStore.Open(options.DbPath))
            {
                key = ops.CreateKey("host-admin", ApiRole.Admin).Key;
            }

            var app = ServerHost.Build(options);
            await app.StartAsync();
            return new Host(app, options.DbPath, key, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
