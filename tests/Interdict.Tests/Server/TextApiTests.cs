using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Interdict.Tests.Server;

public class TextApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string News = File.ReadAllText(TestPaths.Data("text/news-2021-04-16-us-sanctions-russia.txt"));

    [Fact]
    public async Task Text_as_json_finds_Putin_and_Peskov_and_Crimea_and_is_audited()
    {
        using var c = server.Client(server.ScreenerKey);
        var r = await c.PostAsJsonAsync("/api/screen/text", new { text = News });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        var mentions = body.GetProperty("mentions").EnumerateArray().ToList();
        var peskov = Assert.Single(mentions, m => m.GetProperty("entity_id").GetString() == "ofac-sdn:35320");
        Assert.Equal((296, "Dmitry Peskov", "full"), (peskov.GetProperty("start").GetInt32(), peskov.GetProperty("text").GetString(), peskov.GetProperty("kind").GetString()));
        Assert.Equal("PESKOV", peskov.GetProperty("explanation").GetProperty("tokens").EnumerateArray().First(t => t.GetProperty("query_token").GetString() == "Peskov").GetProperty("matched_token").GetString());
        Assert.Equal(4, mentions.Count(m => m.GetProperty("entity_id").GetString() == "ofac-sdn:35096"));
        Assert.Equal(5, mentions.Count);
        var place = Assert.Single(body.GetProperty("places").EnumerateArray());
        Assert.Equal(("Crimea", "UKRAINE-EO13685"), (place.GetProperty("text").GetString(), place.GetProperty("program").GetString()));
        Assert.Contains(body.GetProperty("snapshots").EnumerateArray(), s => s.GetProperty("list").GetString() == "ofac-sdn");

        using var admin = server.Client(server.AdminKey);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=10000");
        var record = Assert.Single(audit.EnumerateArray(), a => a.GetProperty("channel").GetString() == "api-text" && a.GetProperty("query").GetString()!.Contains("Kremlin spokesperson", StringComparison.Ordinal));
        Assert.Equal("test-screener", record.GetProperty("actor").GetString());
        Assert.Equal(5, record.GetProperty("match_count").GetInt32());
        Assert.Contains("ofac-sdn:35320", record.GetProperty("matches").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_as_plain_text_with_a_threshold_in_the_query()
    {
        using var c = server.Client(server.ScreenerKey);
        var r = await c.PostAsync("/api/screen/text?threshold=0.95", new StringContent(News, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0.95, body.GetProperty("threshold").GetDouble());
        Assert.Empty(body.GetProperty("mentions").EnumerateArray());
        Assert.Single(body.GetProperty("places").EnumerateArray());
    }

    [Fact]
    public async Task Text_before_the_earliest_snapshot_is_a_conflict_not_an_empty_result()
    {
        using var c = server.Client(server.ScreenerKey);
        var r = await c.PostAsJsonAsync("/api/screen/text", new { text = News, as_of = "1990-01-01" });
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Contains("no list snapshot exists as of 1990-01-01", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payment_mt103_reports_bics_and_parties_with_their_paths()
    {
        using var c = server.Client(server.ScreenerKey);
        var message = File.ReadAllText(TestPaths.Data("payments/mt103-50k-wrapped-name.fin"));
        var r = await c.PostAsync("/api/screen/payment", new StringContent(message, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("MT103", true), (body.GetProperty("format").GetString(), body.GetProperty("alert").GetBoolean()));
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.Contains(hits, h => h.GetProperty("kind").GetString() == "bic" && h.GetProperty("path").GetString() == ":56A:" && h.GetProperty("entity_id").GetString() == "ofac-sdn:17018");
        Assert.Contains(hits, h => h.GetProperty("kind").GetString() == "party" && h.GetProperty("path").GetString() == ":59:" && h.GetProperty("field").GetString() == "creditor");
    }

    [Fact]
    public async Task Payment_xml_reports_the_vessel_in_remittance_information()
    {
        using var c = server.Client(server.ScreenerKey);
        var message = File.ReadAllText(TestPaths.Data("payments/pacs008-two-transactions-vessel.xml"));
        var r = await c.PostAsync("/api/screen/payment", new StringContent(message, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var hits = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray().ToList();
        var vessel = Assert.Single(hits, h => h.GetProperty("kind").GetString() == "text");
        Assert.Equal(("CdtTrfTxInf[1]/RmtInf/Ustrd", "ofac-sdn:21115", "MARSHAL ZHUKOV"), (vessel.GetProperty("path").GetString(), vessel.GetProperty("entity_id").GetString(), vessel.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Malformed_payment_is_a_400_naming_the_field()
    {
        using var c = server.Client(server.ScreenerKey);
        var r = await c.PostAsync("/api/screen/payment", new StringContent("{1:F01DEUTDEFFAXXX0000000000}{2:I103MORKUAUKXXXXN}{4:\n:20:X\n:32A:231228EUR7450,00\n-}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("field :23B:", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_payment_xml_is_refused_and_the_server_keeps_answering()
    {
        // 700 KB of 100,000-deep nesting, three at once: refused at the depth bound, not 18 s of CPU each.
        var xml = Interdict.Tests.Sources.HostileXmlTests.Nested("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>", "x", 100_000);
        using var c = server.Client(server.ScreenerKey);
        var posts = Enumerable.Range(0, 3).Select(_ => c.PostAsync("/api/screen/payment", new StringContent(xml, Encoding.UTF8, "application/xml"))).ToList();
        foreach (var r in await Task.WhenAll(posts))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("nested more than 48 deep", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var search = await c.GetAsync("/api/search?q=Vladimir%20Putin");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task Both_endpoints_are_documented_in_openapi()
    {
        using var c = server.Client(server.ScreenerKey);
        var doc = await c.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/screen/text", doc, StringComparison.Ordinal);
        Assert.Contains("Find listed parties and sanctioned places in a text.", doc, StringComparison.Ordinal);
        Assert.Contains("/api/screen/payment", doc, StringComparison.Ordinal);
    }
}
