using System.Net;
using System.Text;
using System.Text.Json;

namespace Interdict.Tests.Server;

/// <summary>Real yente request bodies and response-shape assertions (see OpenSanctions' yente API).</summary>
public class YenteTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _server;

    public YenteTests(ServerFixture server) => _server = server;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string json)
    {
        using var c = _server.Client(_server.ScreenerKey);
        var r = await c.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Match_answers_in_yentes_shape()
    {
        var (status, body) = await Post("/match/default?limit=3", """
            {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Nicolas Maduro"], "birthDate": ["1962"], "nationality": ["ve"]}},
                         "q2": {"schema": "Company", "properties": {"name": "Nothing Like Any Listed Party Ltd"}}}}
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("limit").GetInt32());
        var q1 = body.GetProperty("responses").GetProperty("q1");
        Assert.Equal(200, q1.GetProperty("status").GetInt32());
        var top = q1.GetProperty("results")[0];
        Assert.Equal("ofac-sdn:22790", top.GetProperty("id").GetString());
        Assert.Equal("Person", top.GetProperty("schema").GetString());
        Assert.Equal("MADURO MOROS, Nicolas", top.GetProperty("caption").GetString());
        Assert.True(top.GetProperty("match").GetBoolean());
        Assert.InRange(top.GetProperty("score").GetDouble(), 0.7, 1.0);
        Assert.Contains(top.GetProperty("properties").GetProperty("birthDate").EnumerateArray(), d => d.GetString() == "1962-11-23");
        Assert.Contains(top.GetProperty("datasets").EnumerateArray(), d => d.GetString() == "ofac-sdn");
        Assert.Equal(JsonValueKind.Object, top.GetProperty("explanations").ValueKind);
        Assert.Equal("eq", q1.GetProperty("total").GetProperty("relation").GetString());
        Assert.Equal("Person", q1.GetProperty("query").GetProperty("schema").GetString());
        var q2 = body.GetProperty("responses").GetProperty("q2");
        Assert.DoesNotContain(q2.GetProperty("results").EnumerateArray(), r => r.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task One_party_on_OFAC_and_the_UN_is_one_result_with_both_datasets_and_the_other_entry_as_referent()
    {
        var (status, body) = await Post("/match/default?limit=10", """
            {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Hafiz Muhammad Saeed"]}}}}
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        var results = body.GetProperty("responses").GetProperty("q1").GetProperty("results").EnumerateArray().ToList();
        Assert.DoesNotContain(results, r => r.GetProperty("id").GetString() == "un-sc:QDi.263");
        var saeed = Assert.Single(results, r => r.GetProperty("id").GetString() == "ofac-sdn:10689");
        Assert.Equal(new[] { "ofac-sdn", "un-sc" }, saeed.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()!).ToArray());
        Assert.Equal(new[] { "un-sc:QDi.263" }, saeed.GetProperty("referents").EnumerateArray().Select(d => d.GetString()!).ToArray());

        // A namesake sharing no identifier or date of birth stays a result of its own, with no referents.
        var khan = Assert.Single(results, r => r.GetProperty("id").GetString() == "ofac-sdn:18619");
        Assert.Empty(khan.GetProperty("referents").EnumerateArray());
        Assert.Equal(results.Count, body.GetProperty("responses").GetProperty("q1").GetProperty("total").GetProperty("value").GetInt32());

        using var c = _server.Client(_server.ScreenerKey);
        var search = JsonDocument.Parse(await c.GetStringAsync("/search/default?q=Hafiz%20Muhammad%20Saeed&limit=20")).RootElement;
        var hit = Assert.Single(search.GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetString() == "ofac-sdn:10689");
        Assert.Contains(hit.GetProperty("referents").EnumerateArray(), r => r.GetString() == "un-sc:QDi.263");
        Assert.DoesNotContain(search.GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetString() == "un-sc:QDi.263");
    }

    [Fact]
    public async Task Match_honours_exclusions_and_datasets()
    {
        var (_, all) = await Post("/match/sanctions", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Nicolas Maduro Moros"]}}}}""");
        Assert.Equal("ofac-sdn:22790", all.GetProperty("responses").GetProperty("q").GetProperty("results")[0].GetProperty("id").GetString());
        var (_, excluded) = await Post("/match/sanctions?exclude_entity_ids=ofac-sdn:22790", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Nicolas Maduro Moros"]}}}}""");
        Assert.DoesNotContain(excluded.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetString() == "ofac-sdn:22790");
        var (_, un) = await Post("/match/un-sc", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Nicolas Maduro Moros"]}}}}""");
        Assert.All(un.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray(), r => Assert.StartsWith("un-sc:", r.GetProperty("id").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Match_errors_follow_yente()
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post("/match/default", """{"queries": {"q": {"properties": {"name": ["x"]}}}}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/match/default", """{"queries": {}}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/match/default?algorithm=nope", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["x"]}}}}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/match/default", """{"queries": {"q": {"schema": "Sanction", "properties": {"name": ["x"]}}}}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Post("/match/no-such-dataset", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["x"]}}}}""")).Status);
    }

    [Fact]
    public async Task Search_entities_and_catalog()
    {
        using var c = _server.Client(_server.ScreenerKey);
        var s = JsonDocument.Parse(await c.GetStringAsync("/search/default?q=Maduro&limit=5")).RootElement;
        Assert.Contains(s.GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetString() == "ofac-sdn:22790");
        Assert.True(s.GetProperty("facets").TryGetProperty("countries", out _));
        Assert.Equal(5, s.GetProperty("limit").GetInt32());
        var e = JsonDocument.Parse(await c.GetStringAsync("/entities/ofac-sdn:22790")).RootElement;
        Assert.Equal("Person", e.GetProperty("schema").GetString());
        Assert.Contains(e.GetProperty("properties").GetProperty("name").EnumerateArray(), n => n.GetString() == "MADURO MOROS, Nicolas");
        var cat = JsonDocument.Parse(await c.GetStringAsync("/catalog")).RootElement;
        var names = cat.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Contains("default", names);
        Assert.Contains("ofac-sdn", names);
        Assert.Contains("un-sc", names);
    }
}
