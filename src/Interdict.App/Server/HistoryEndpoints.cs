using System.Text.Json;
using Interdict.App.Commands;
using Interdict.Screening.History;
using Interdict.Store;

namespace Interdict.App.Server;

/// <summary>What changed in each publication, and each entry's own history (issue: list history).</summary>
internal static class HistoryEndpoints
{
    private static readonly JsonSerializerOptions Json = new(ChangeLog.JsonOptions) { WriteIndented = false };

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("History");

        api.MapGet("/changes", (string? list, string? since, string? until, bool? entries, DbPath db, ReadStore reads) =>
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                throw new FormatException("list is required (e.g. list=ofac-sdn)");
            }

            using var lease = reads.Take();
            var store = lease.Store;
            if (store.Snapshots(list).Count == 0)
            {
                throw new KeyNotFoundException($"no snapshot of list '{list}' is stored");
            }

            var report = new ChangeLog(store).Changes(list, CliDates.ParseOptional(since, "since", endOfDay: false), CliDates.ParseOptional(until, "until"));
            if (entries == false)
            {
                // The timeline needs the counts and summaries only; entries can be thousands per publication.
                report = report with { Publications = report.Publications.Select(p => p with { Entries = [] }).ToList() };
            }

            return Results.Json(new
            {
                report.ListId,
                report.Since,
                report.Until,
                Publications = report.Publications.Select(p => new { publication = p, summary = p.Summary() }),
            }, Json);
        }).WithSummary("The publications of a list in a date range: entries added, removed and modified, with field differences and a summary per program.");

        api.MapGet("/entities/{id}/history", (string id, DbPath db, ReadStore reads) =>
        {
            using var lease = reads.Take();
            var store = lease.Store;
            var history = new ChangeLog(store).History(id) ?? throw new KeyNotFoundException($"no entity '{id}' in any stored snapshot");
            return Results.Json(history, Json);
        }).WithSummary("An entry's own history: first listed, every change, delisting, relisting.");
    }
}
