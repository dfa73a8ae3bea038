using Interdict.App.Server;
using Interdict.Sources.Refresh;
using Interdict.Store.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Interdict.Tests.Sources.Refresh;

public class RefreshHostedServiceTests
{
    [Fact]
    public async Task The_hosted_service_refreshes_on_start_and_calls_back_after_the_import()
    {
        RefreshHarness.AssertNoSourceEnvironment();
        using var server = new ListServer();
        var dir = TestPaths.TempDir();
        try
        {
            var db = Path.Combine(dir, "interdict.db");
            var off = string.Join(",\n", SourceRegistry.Official.Where(s => s.ListId != "un-sc").Select(s => $"\"{s.ListId}\": {{ \"enabled\": false }}"));
            File.WriteAllText(Path.Combine(dir, SourceRegistry.FileName), $$"""
                { "refresh": { "interval": "6h" },
                  "sources": { {{off}}, "un-sc": { "url": "{{server.Url("un.xml")}}" } } }
                """);
            server.Serve("un.xml", RefreshHarness.UnReal, "application/xml");
            var imported = new TaskCompletionSource<IReadOnlyList<RefreshOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var service = new RefreshHostedService(
                db, () => new SqliteListStore(db), (o, _) =>
                {
                    imported.TrySetResult(o);
                    return Task.CompletedTask;
                },
                NullLogger<RefreshHostedService>.Instance);

            await service.StartAsync(CancellationToken.None);
            var outcomes = await imported.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await service.StopAsync(CancellationToken.None);

            var un = Assert.Single(outcomes);
            Assert.Equal(("un-sc", RefreshResult.Imported, 1003), (un.ListId, un.Result, un.Snapshot!.EntityCount));
            Assert.Equal(1, server.Hits("un.xml"));
            using var status = new RefreshStatusStore(db);
            Assert.Equal(un.Snapshot.Id, status.Get("un-sc")!.LastSnapshotId);
            Assert.NotNull(status.Get("un-sc")!.NextRun);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
