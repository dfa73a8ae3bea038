using System.Globalization;
using System.Net;
using System.Text.Json;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store.Sqlite;
using Interdict.Tests.App;

namespace Interdict.Tests.Server;

/// <summary>A snapshot removed by the CLI from a running server's database: the server answers from the one before within seconds.</summary>
public class SnapshotRemovalServeTests
{
    [Fact]
    public async Task Removing_the_current_snapshot_under_a_running_server_screens_against_the_previous_one_within_seconds()
    {
        var db = BundledDbFixture.Copy();
        var cli = new CliRunner(db);

        // The publication to remove is imported in-process, without a CLI process of its own: the import from the
        // command line is the subject of other tests, here it is only the state the server starts from.
        string id;
        using (var store = SqliteListStore.Open(db))
        {
            var published = new DateTimeOffset(2024, 5, 4, 0, 0, 0, TimeSpan.Zero);
            id = store.Import("ofac-sdn", published, new OfacCsvParser(), [SourceInput.FromPath(TestPaths.Data("history/sdn-2024-05-03.csv"))])
                .Snapshot.Id.ToString(CultureInfo.InvariantCulture);
        }

        await using var serve = await ServeProcess.Start(db, "--no-auth");
        var c = serve.Client;
        const string Query = "/api/search?q=IMPORTADORA%20JIREH";
        using (var before = JsonDocument.Parse(await c.GetStringAsync(Query)))
        {
            Assert.Equal("2024-05-04", SdnPublished(before.RootElement));
            Assert.Contains("IMPORTADORA JIREH", before.RootElement.GetProperty("matches").GetRawText(), StringComparison.Ordinal);
        }

        var remove = cli.Run("snapshots", "remove", id, "--reason", "test");
        Assert.True(remove.ExitCode == 0, remove.ToString());

        string? found = null;
        for (var i = 0; i < 300 && found is null; i++)
        {
            var r = await c.GetAsync(Query);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            if (SdnPublished(doc.RootElement) == "2023-12-28")
            {
                found = doc.RootElement.GetProperty("matches").GetRawText();
            }
            else
            {
                await Task.Delay(100);
            }
        }

        Assert.True(found is not null, "the server went on screening against the removed snapshot: " + serve.Log);
        Assert.DoesNotContain("IMPORTADORA JIREH", found, StringComparison.Ordinal);
        using (var ready = JsonDocument.Parse(await c.GetStringAsync("/readyz")))
        {
            Assert.Equal("2023-12-28", SdnPublished(ready.RootElement));
        }

        Assert.Contains("2023-12-28", await c.GetStringAsync("/api/lists"), StringComparison.Ordinal);
        Assert.DoesNotContain("2024-05-04", await c.GetStringAsync("/api/lists"), StringComparison.Ordinal);
        Assert.DoesNotContain("unhandled exception", serve.Log, StringComparison.OrdinalIgnoreCase);
    }

    private static string? SdnPublished(JsonElement response) =>
        response.GetProperty("snapshots").EnumerateArray()
            .Where(s => s.GetProperty("list").GetString() == "ofac-sdn")
            .Select(s => s.GetProperty("published").GetDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .SingleOrDefault();
}
