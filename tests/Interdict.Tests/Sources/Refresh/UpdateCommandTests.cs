using Interdict.App;
using Interdict.Sources.Refresh;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.Sources.Refresh;

/// <summary>
/// <c>interdict update</c> as a user runs it, with interdict.sources.json beside the database pointing every source
/// at the loopback server (the official ones are switched off, so nothing can leave the machine).
/// </summary>
public class UpdateCommandTests
{
    [Fact]
    public void Update_exits_0_on_success_and_3_when_a_list_fails_keeping_its_snapshot()
    {
        RefreshHarness.AssertNoSourceEnvironment();
        using var server = new ListServer();
        var dir = TestPaths.TempDir();
        try
        {
            var db = Path.Combine(dir, "interdict.db");
            var off = string.Join(",\n", SourceRegistry.Official.Select(s => $"\"{s.ListId}\": {{ \"enabled\": false }}"));
            File.WriteAllText(Path.Combine(dir, SourceRegistry.FileName), $$"""
                {
                  "refresh": { "retries": 1, "retryDelay": "0.01s" },
                  "sources": {
                    {{off.Replace("\"un-sc\": { \"enabled\": false }", $"\"un-sc\": {{ \"url\": \"{server.Url("un/consolidated.xml")}\" }}", StringComparison.Ordinal)}}
                  }
                }
                """);
            server.Serve("un/consolidated.xml", RefreshHarness.UnReal, "application/xml");

            Assert.Equal(ExitCodes.Ok, Cli.Run(["update", "--db", db]));
            Assert.Equal(ExitCodes.Usage, Cli.Run(["update", "--db", db, "--list", "no-such-list"]));
            server.Status("un/consolidated.xml", 500);
            Assert.Equal(ExitCodes.DataError, Cli.Run(["update", "--db", db, "--list", "un-sc"]));

            // One request for the import, two (one retry) for the failure; no other source was contacted.
            Assert.Equal(3, server.Hits("un/consolidated.xml"));
            using var store = new SqliteListStore(db);
            Assert.Equal(1003, store.SnapshotAt("un-sc")!.EntityCount);
            Assert.Single(store.Snapshots("un-sc"));
            // The bundled lists are the baseline of an offline installation; a disabled source leaves its list alone.
            Assert.Equal(13821, store.SnapshotAt("ofac-sdn")!.EntityCount);
            Assert.Single(store.Snapshots("ofac-sdn"));
            using var status = new RefreshStatusStore(db);
            var un = status.Get("un-sc")!;
            Assert.Equal(RefreshResult.Failed, un.LastResult);
            Assert.StartsWith("consolidated.xml: HTTP 500 (Internal Server Error)", un.LastError, StringComparison.Ordinal);
            Assert.NotNull(un.LastSuccess);
            Assert.Equal(["un-sc"], status.All().Select(s => s.ListId));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
