using Interdict.Store;
using Prometheus;

namespace Interdict.App.Server;

internal static class HealthEndpoints
{
    public static readonly Counter Screenings = Metrics.CreateCounter("interdict_screenings_total", "Records screened.", "channel");
    public static readonly Counter MatchesReturned = Metrics.CreateCounter("interdict_matches_total", "Matches returned by screenings.", "channel");
    private static readonly Gauge IndexEntries = Metrics.CreateGauge("interdict_index_entries", "Entries in the screening index.");
    private static readonly Gauge SnapshotAge = Metrics.CreateGauge("interdict_list_snapshot_age_seconds", "Age of the current snapshot of each list (since its publication).", "list");

    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapGet("/readyz", (ScreeningState state) => state.Ready
            ? Results.Ok(new { status = "ready", entries = state.Current.EntityCount, loaded_at = state.LoadedAt, snapshots = ApiEndpoints.SnapshotRefs(state.Current) })
            : Results.Json(new { status = state.LoadError is null ? "loading" : "failed", error = state.LoadError }, statusCode: 503)).ExcludeFromDescription();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            var state = app.Services.GetRequiredService<ScreeningState>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (state.Ready)
            {
                IndexEntries.Set(state.Current.EntityCount);
                foreach (var s in state.Current.Snapshots)
                {
                    SnapshotAge.WithLabels(s.ListId).Set((now - s.Published).TotalSeconds);
                }
            }
        });
    }
}
