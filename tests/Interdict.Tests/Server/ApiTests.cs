using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Interdict.App.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Interdict.Tests.Server;

public class ApiTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _server;

    public ApiTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task Health_and_readiness_need_no_key()
    {
        using var c = _server.Client();
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/healthz")).StatusCode);
        var ready = await c.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.True(ready.GetProperty("entries").GetInt32() > 14000);
    }

    [Fact]
    public async Task Without_a_key_the_api_answers_401_with_a_problem()
    {
        using var c = _server.Client();
        var r = await c.GetAsync("/api/search?q=Putin");
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("API key", p.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.PostAsync("/match/default", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_401_and_a_screener_key_on_an_admin_route_is_403()
    {
        using (var revoked = _server.Client(_server.RevokedKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/lists")).StatusCode);
        }

        using var screener = _server.Client(_server.ScreenerKey, "Bearer");
        Assert.Equal(HttpStatusCode.OK, (await screener.GetAsync("/api/lists")).StatusCode);
        var audit = await screener.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        Assert.Contains("admin", (await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_x_api_key_header_is_accepted()
    {
        using var c = _server.Client();
        c.DefaultRequestHeaders.Add("X-API-Key", _server.ScreenerKey);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/programs")).StatusCode);
    }

    [Fact]
    public async Task Search_finds_Maduro_from_a_misspelling_and_is_audited()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var r = await c.GetFromJsonAsync<JsonElement>("/api/search?q=Nikolas%20Madurro&limit=5");
        var first = r.GetProperty("matches")[0];
        Assert.Equal("ofac-sdn:22790", first.GetProperty("entity_id").GetString());
        Assert.True(first.GetProperty("explanation").ValueKind == JsonValueKind.Object);
        Assert.Contains(r.GetProperty("snapshots").EnumerateArray(), s => s.GetProperty("list").GetString() == "ofac-sdn");

        await _server.App.Services.GetRequiredService<AuditWriter>().FlushAsync();
        using var admin = _server.Client(_server.AdminKey);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=10000");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("actor").GetString() == "test-screener" && a.GetProperty("query").GetString()!.Contains("Nikolas Madurro", StringComparison.Ordinal)
            && a.GetProperty("matches").GetString()!.Contains("ofac-sdn:22790", StringComparison.Ordinal) && a.GetProperty("snapshots").GetString()!.Contains("ofac-sdn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Screen_uses_the_date_of_birth()
    {
        using var c = _server.Client(_server.ScreenerKey);
        async Task<double> ScoreOf(string dob)
        {
            var r = await c.PostAsJsonAsync("/api/screen", new { name = "Nicolas Maduro Moros", type = "person", dob, threshold = 0.3 });
            r.EnsureSuccessStatusCode();
            var body = await r.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("matches").EnumerateArray().First(m => m.GetProperty("entity_id").GetString() == "ofac-sdn:22790").GetProperty("score").GetDouble();
        }

        Assert.True(await ScoreOf("1962-11-23") > await ScoreOf("1980-01-01"));
    }

    [Fact]
    public async Task Bad_requests_are_problem_details_without_stack_traces()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var r = await c.PostAsJsonAsync("/api/screen", new { name = "X Y", dob = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        Assert.Contains("dob 'yesterday'", text);
        Assert.DoesNotContain("   at ", text);

        var big = new { records = Enumerable.Range(0, 1001).Select(i => new { name = "A" + i }).ToArray() };
        var b = await c.PostAsJsonAsync("/api/screen/batch", big);
        Assert.Equal(HttpStatusCode.BadRequest, b.StatusCode);
        Assert.Contains("at most 1000", await b.Content.ReadAsStringAsync());

        var missing = await c.GetAsync("/api/entities/ofac-sdn:0");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Batch_screens_records_in_order()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var r = await c.PostAsJsonAsync("/api/screen/batch", new { records = new object[] { new { id = "a", name = "Vladimir Putin" }, new { id = "b", name = "Jane Q Ordinaryperson" } } });
        r.EnsureSuccessStatusCode();
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        var results = body.GetProperty("results");
        Assert.Equal("a", results[0].GetProperty("id").GetString());
        Assert.Equal("b", results[1].GetProperty("id").GetString());
        Assert.Empty(results[1].GetProperty("matches").EnumerateArray());
    }

    [Fact]
    public async Task Entities_lists_snapshots_and_programs()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var e = await c.GetFromJsonAsync<JsonElement>("/api/entities/ofac-sdn:22790");
        Assert.Contains("MADURO MOROS", e.ToString());
        var lists = await c.GetFromJsonAsync<JsonElement>("/api/lists");
        Assert.Contains(lists.EnumerateArray(), l => l.GetProperty("list").GetString() == "ofac-sdn" && l.GetProperty("current").GetProperty("entities").GetInt32() == 13821);
        var snaps = await c.GetFromJsonAsync<JsonElement>("/api/lists/ofac-sdn/snapshots");
        Assert.Single(snaps.EnumerateArray());
        var programs = await c.GetFromJsonAsync<JsonElement>("/api/programs");
        Assert.Contains(programs.EnumerateArray(), p => p.GetProperty("code").GetString() == "SDGT" && p.GetProperty("entries").GetInt32() > 100);
    }

    [Fact]
    public async Task OpenApi_document_and_reference_are_served_locally()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var doc = await c.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/screen", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/match/{dataset}", out _));
        var page = await c.GetStringAsync("/docs");
        Assert.DoesNotContain("cdn.jsdelivr", page);
    }

    [Fact]
    public async Task OpenApi_describes_what_the_main_endpoints_return()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var doc = await c.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = doc.GetProperty("components").GetProperty("schemas");

        // A client generator needs the response shapes, in the names the API writes (snake_case).
        JsonElement Properties(string name) => schemas.GetProperty(name).GetProperty("properties");
        JsonElement Ok(string path, string method) => doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200");
        Assert.Contains("ScreenResponse", Ok("/api/screen", "post").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText());
        Assert.True(Properties("ScreenResponse").TryGetProperty("matches", out _));
        Assert.True(Properties("MatchResult").TryGetProperty("entity_id", out _));
        Assert.True(Properties("MatchResult").TryGetProperty("also_listed", out _));
        Assert.True(Properties("BatchScreenResponse").TryGetProperty("results", out _));
        Assert.True(Properties("ListInfo").TryGetProperty("current", out _));
        Assert.True(Properties("CurrentSnapshot").TryGetProperty("imported_at", out _));
        Assert.True(Properties("ProgramInfo").TryGetProperty("entries", out _));
        Assert.True(Properties("TextScreenResponse").TryGetProperty("mentions", out _));
        Assert.True(Properties("PaymentScreenResponse").TryGetProperty("hits", out _));
        Assert.True(Properties("JobDto").TryGetProperty("id", out _));
        Assert.True(doc.GetProperty("paths").GetProperty("/api/screen").GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task Metrics_are_prometheus_text()
    {
        // Metrics need a key unless `serve --open metrics` (SecurityHeadersTests).
        using var c = _server.Client(_server.ScreenerKey);
        using (var k = _server.Client(_server.ScreenerKey))
        {
            await k.GetAsync("/api/search?q=Putin");
        }

        var m = await c.GetStringAsync("/metrics");
        Assert.Contains("interdict_screenings_total", m);
        Assert.Contains("interdict_index_entries", m);
        Assert.Contains("interdict_list_snapshot_age_seconds{list=\"ofac-sdn\"}", m);
        Assert.Contains("http_request_duration_seconds", m);
    }

    [Fact]
    public async Task A_batch_job_runs_to_completion_and_returns_results_in_the_screen_format()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var csv = "id,name,type,dob,country\nc1,Nicolas Maduro Moros,person,1962,VE\nc2,Plain Name Nobody,,,\nc3,,,,\n";
        var r = await c.PostAsync("/api/jobs", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var job = await r.Content.ReadFromJsonAsync<JsonElement>();
        var id = job.GetProperty("id").GetString();
        JsonElement status = default;
        for (var i = 0; i < 200; i++)
        {
            status = await c.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            if (status.GetProperty("status").GetString() is "done" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("done", status.GetProperty("status").GetString());
        Assert.Equal(1, status.GetProperty("bad_rows").GetInt32());
        var lines = (await c.GetStringAsync($"/api/jobs/{id}/results")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("c1", first.GetProperty("id").GetString());
        Assert.Equal("ofac-sdn:22790", first.GetProperty("matches")[0].GetProperty("entity_id").GetString());
        Assert.Contains("line 4", lines[2]);
    }

    [Fact]
    public async Task A_job_is_seen_only_by_the_key_that_submitted_it_and_by_admins()
    {
        using var admin = _server.Client(_server.AdminKey);
        using var screener = _server.Client(_server.ScreenerKey);
        var r = await admin.PostAsync("/api/jobs", new StringContent("id,name\nsecret-customer-1,Nicolas Maduro Moros\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var done = false;
        for (var i = 0; i < 200 && !done; i++)
        {
            done = (await admin.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("status").GetString() is "done" or "failed";
            await Task.Delay(done ? 0 : 100);
        }

        Assert.True(done);
        Assert.Contains("secret-customer-1", await admin.GetStringAsync($"/api/jobs/{id}/results"));
        var adminList = await admin.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Contains(adminList.EnumerateArray(), j => j.GetProperty("id").GetString() == id);

        // Another key: the job does not exist for it, in the list, by id, or for its results.
        var list = await screener.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.DoesNotContain(list.EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        Assert.All(list.EnumerateArray(), j => Assert.Equal("test-screener", j.GetProperty("owner").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await screener.GetAsync($"/api/jobs/{id}")).StatusCode);
        var results = await screener.GetAsync($"/api/jobs/{id}/results");
        Assert.Equal(HttpStatusCode.NotFound, results.StatusCode);
        Assert.DoesNotContain("secret-customer-1", await results.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Oversized_names_and_bodies_get_400_or_413_and_never_reach_the_audit_trail()
    {
        using var admin = _server.Client(_server.AdminKey);
        using var c = _server.Client(_server.ScreenerKey);
        var before = new FileInfo(_server.Db).Length;
        var longName = "Vladimir Putin " + new string('x', InputLimits.MaxNameChars);

        var screen = await c.PostAsJsonAsync("/api/screen", new { name = longName });
        Assert.Equal(HttpStatusCode.BadRequest, screen.StatusCode);
        Assert.Contains($"at most {InputLimits.MaxNameChars}", await screen.Content.ReadAsStringAsync());
        var search = await c.GetAsync("/api/search?q=" + Uri.EscapeDataString(longName));
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        var dob = await c.PostAsJsonAsync("/api/screen", new { name = "Vladimir Putin", dob = new string('1', 5000) });
        Assert.Equal(HttpStatusCode.BadRequest, dob.StatusCode);
        Assert.Contains("dob is 5,000 characters long", await dob.Content.ReadAsStringAsync());
        var yente = await c.PostAsync("/match/default", new StringContent(
            "{\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"" + longName + "\"]}}}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, yente.StatusCode);

        // A 20 MB body is refused at the JSON limit, not read whole. (Expect: 100-continue so that the client waits for
        // the answer instead of writing into a connection the server has already refused.)
        using var big = new HttpRequestMessage(HttpMethod.Post, "/api/screen") { Content = new StringContent("{\"name\":\"" + new string('a', 20 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json") };
        big.Headers.ExpectContinue = true;
        var huge = await c.SendAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        // Still serving, and nothing long was written.
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/search?q=Vladimir%20Putin")).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=10000");
        Assert.All(audit.EnumerateArray(), r => Assert.True(r.GetProperty("query").GetString()!.Length <= InputLimits.MaxAuditQueryChars + 64));
        Assert.DoesNotContain(audit.EnumerateArray(), r => r.GetProperty("query").GetString()!.Contains("xxxxxxxxxx", StringComparison.Ordinal));
        Assert.True(new FileInfo(_server.Db).Length - before < 1024 * 1024, "the database grew by more than 1 MB");
    }

    [Fact]
    public void The_audit_keeps_bounded_text_of_whatever_it_is_given()
    {
        var cut = InputLimits.ForAudit(new string('q', 100_000));
        Assert.StartsWith(new string('q', InputLimits.MaxAuditQueryChars), cut, StringComparison.Ordinal);
        Assert.EndsWith("[83,616 characters cut]", cut, StringComparison.Ordinal);
        Assert.Equal("short", InputLimits.ForAudit("short"));
    }

    [Fact]
    public async Task The_last_representable_day_is_a_valid_as_of_date_not_an_internal_error()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var r = await c.GetAsync("/api/search?q=Vladimir%20Putin&asOf=9999-12-31");
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain("un-representable", body, StringComparison.Ordinal);
        Assert.Contains("PUTIN", body, StringComparison.Ordinal);
    }
}
