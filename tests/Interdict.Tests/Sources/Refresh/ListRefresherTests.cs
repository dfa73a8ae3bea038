using System.Text;
using Interdict.Sources;
using Interdict.Sources.Refresh;

namespace Interdict.Tests.Sources.Refresh;

/// <summary>
/// Refresh against a real HTTP server on 127.0.0.1 serving the real UN and OFAC files, and faults. In every failure
/// the previous snapshot stays current and whole, the status says what happened, and a following good refresh works.
/// </summary>
public class ListRefresherTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Html = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Down for maintenance</h1></body></html>";

    [Fact]
    public async Task A_new_publication_is_imported_with_file_hashes_and_status()
    {
        using var h = new RefreshHarness();
        var baseline = h.ImportUnBaseline();
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");

        var outcome = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Imported, outcome.Result);
        Assert.NotNull(outcome.Import);
        Assert.Equal((10, 0, 0), (outcome.Import.Added, outcome.Import.Removed, outcome.Import.Changed));
        Assert.Equal($"imported snapshot #{outcome.Snapshot!.Id}: 1,003 entries (+10 -0 ~0)", outcome.Message);
        Assert.NotEqual(baseline.Id, outcome.Snapshot.Id);
        Assert.Equal(RefreshHarness.UnPublished, outcome.Snapshot.Published);

        var file = Assert.Single(outcome.Snapshot.Files);
        Assert.Equal("consolidated.xml", file.Name);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(RefreshHarness.UnReal)), file.Sha256);
        Assert.Equal(RefreshHarness.UnReal.LongLength, file.Bytes);

        Assert.Equal(1003, h.Store.SnapshotAt("un-sc")!.EntityCount);
        var status = h.Status.Get("un-sc");
        Assert.NotNull(status);
        Assert.Equal(RefreshResult.Imported, status.LastResult);
        Assert.Equal(outcome.Snapshot.Id, status.LastSnapshotId);
        Assert.Equal(status.LastAttempt, status.LastSuccess);
        Assert.Null(status.LastError);
        Assert.Equal(outcome.Message, status.Message);
    }

    [Fact]
    public async Task A_second_refresh_of_the_same_files_imports_nothing()
    {
        using var h = new RefreshHarness();
        h.ImportUnBaseline();
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");
        var first = await h.RefreshAsync("un-sc");
        Assert.Equal(RefreshResult.Imported, first.Result);

        var second = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Unchanged, second.Result);
        Assert.Equal($"unchanged: the files are those of snapshot #{first.Snapshot!.Id} (1,003 entries)", second.Message);
        Assert.Null(second.Import);
        Assert.Equal(first.Snapshot.Id, second.Snapshot!.Id);
        Assert.Equal(2, h.Store.Snapshots("un-sc").Count);
        Assert.Equal(2, h.Server.Hits(RefreshHarness.UnPath));
        Assert.Equal(RefreshResult.Unchanged, h.Status.Get("un-sc")!.LastResult);
    }

    [Fact]
    public async Task New_bytes_with_the_same_entries_import_nothing()
    {
        using var h = new RefreshHarness();
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");
        var first = await h.RefreshAsync("un-sc");
        Assert.Equal(RefreshResult.Imported, first.Result);
        var reformatted = RefreshHarness.UnReformatted();
        Assert.NotEqual(RefreshHarness.UnReal, reformatted);
        h.Server.Serve(RefreshHarness.UnPath, reformatted, "application/xml");

        var second = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Unchanged, second.Result);
        Assert.Equal($"unchanged: new files, but the same 1,003 entries as snapshot #{first.Snapshot!.Id}", second.Message);
        Assert.Single(h.Store.Snapshots("un-sc"));
    }

    [Fact]
    public async Task Http_404_is_not_retried_and_keeps_the_snapshot()
    {
        using var h = new RefreshHarness();
        await AssertFailureKeepsSnapshot(
            h,
            s => s.Status(RefreshHarness.UnPath, 404),
            $"consolidated.xml: HTTP 404 (Not Found) from {h.Server.Url(RefreshHarness.UnPath)} (1 attempt)");

        // One request for the 404 (not retried), one for the good refresh.
        Assert.Equal(2, h.Server.Hits(RefreshHarness.UnPath));
    }

    [Fact]
    public async Task Http_500_is_retried_with_backoff_then_fails_and_keeps_the_snapshot()
    {
        using var h = new RefreshHarness();
        await AssertFailureKeepsSnapshot(
            h,
            s => s.Status(RefreshHarness.UnPath, 500),
            $"consolidated.xml: HTTP 500 (Internal Server Error) from {h.Server.Url(RefreshHarness.UnPath)} (3 attempts)");

        // Two retries after the first attempt, then the good refresh's single request.
        Assert.Equal(4, h.Server.Hits(RefreshHarness.UnPath));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_on_every_attempt()
    {
        using var h = new RefreshHarness();
        h.Options = h.Options with { AttemptTimeout = TimeSpan.FromMilliseconds(300), Retries = 1 };
        await AssertFailureKeepsSnapshot(
            h,
            s => s.Hang(RefreshHarness.UnPath),
            $"consolidated.xml: timed out: no complete response within 0.3 s from {h.Server.Url(RefreshHarness.UnPath)} (2 attempts)");
        Assert.Equal(3, h.Server.Hits(RefreshHarness.UnPath));
    }

    [Fact]
    public async Task A_connection_reset_in_the_middle_of_the_body_is_retried_then_fails()
    {
        using var h = new RefreshHarness();
        var outcome = await AssertFailureKeepsSnapshot(
            h,
            s => s.ResetMidBody(RefreshHarness.UnPath, RefreshHarness.UnReal),
            "consolidated.xml: transfer broken: ");
        output.WriteLine(outcome.Message);
        Assert.EndsWith($"from {h.Server.Url(RefreshHarness.UnPath)} (3 attempts)", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(4, h.Server.Hits(RefreshHarness.UnPath));
    }

    [Fact]
    public async Task Retries_recover_from_transient_failures()
    {
        using var h = new RefreshHarness();
        h.ImportUnBaseline();
        h.Server.Handle(RefreshHarness.UnPath, (ctx, n) => n switch
        {
            1 => ListServer.ResetAfterHalf(ctx, RefreshHarness.UnReal),
            2 => Status(ctx, 503),
            _ => ListServer.Write(ctx, RefreshHarness.UnReal, "application/xml"),
        });

        var outcome = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Imported, outcome.Result);
        Assert.Equal(1003, outcome.Snapshot!.EntityCount);
        Assert.Equal(3, h.Server.Hits(RefreshHarness.UnPath));
    }

    [Fact]
    public async Task A_truncated_file_fails_the_parse_and_keeps_the_snapshot()
    {
        using var h = new RefreshHarness();
        var cut = RefreshHarness.UnReal.AsSpan(0, RefreshHarness.UnReal.Length * 3 / 5).ToArray();
        var outcome = await AssertFailureKeepsSnapshot(h, s => s.Serve(RefreshHarness.UnPath, cut, "application/xml"), "consolidated.xml, line ");
        output.WriteLine(outcome.Message);
        Assert.Contains("truncated XML: the file ends before the document is complete", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_html_error_page_with_status_200_is_refused()
    {
        using var h = new RefreshHarness();
        await AssertFailureKeepsSnapshot(
            h,
            s => s.Serve(RefreshHarness.UnPath, Encoding.UTF8.GetBytes(Html), "text/html; charset=utf-8"),
            $"consolidated.xml: the server sent an HTML page (Content-Type text/html), not the list file from {h.Server.Url(RefreshHarness.UnPath)} (1 attempt)");
    }

    [Fact]
    public async Task An_html_page_with_a_neutral_content_type_is_refused_by_its_content()
    {
        using var h = new RefreshHarness();
        await AssertFailureKeepsSnapshot(
            h,
            s => s.Serve(RefreshHarness.UnPath, Encoding.UTF8.GetBytes("\n  " + Html), "application/octet-stream"),
            "consolidated.xml: the server sent an HTML page (Content-Type application/octet-stream), not the list file");
    }

    [Fact]
    public async Task Another_lists_file_is_refused_by_the_parser()
    {
        using var h = new RefreshHarness();
        var sdn = File.ReadAllBytes(TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/sdn.csv"));
        await AssertFailureKeepsSnapshot(h, s => s.Serve(RefreshHarness.UnPath, sdn, "text/csv"), "consolidated.xml, line 1");
    }

    [Fact]
    public async Task An_empty_list_is_refused()
    {
        using var h = new RefreshHarness();
        var empty = RefreshHarness.UnKeeping(0);
        await AssertFailureKeepsSnapshot(
            h,
            s => s.Serve(RefreshHarness.UnPath, empty, "application/xml"),
            "consolidated.xml: contains no entries; an empty list is never imported");
    }

    [Fact]
    public async Task A_list_that_shrank_by_80_percent_is_refused_unless_forced()
    {
        using var h = new RefreshHarness();
        var shrunk = RefreshHarness.UnKeeping(0.2);
        var baseline = h.ImportUnBaseline();
        h.Server.Serve(RefreshHarness.UnPath, shrunk, "application/xml");

        var refused = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Failed, refused.Result);
        Assert.Equal(
            $"200 entries, fewer than 50% of the 993 in the current snapshot #{baseline.Id}: refused as a probably broken publication (use --force to accept it)",
            refused.Message);
        h.AssertUnBaselineIntact(baseline);
        Assert.Equal(refused.Message, h.Status.Get("un-sc")!.LastError);

        var forced = await h.RefreshAsync("un-sc", force: true);

        Assert.Equal(RefreshResult.Imported, forced.Result);
        Assert.Equal(200, forced.Snapshot!.EntityCount);
        Assert.Equal((0, 793), (forced.Import!.Added, forced.Import.Removed));
        Assert.EndsWith(", forced although below 50% of the previous 993", forced.Message, StringComparison.Ordinal);
        Assert.Equal(200, h.Store.SnapshotAt("un-sc")!.EntityCount);
        Assert.Null(h.Store.GetEntity("un-sc:" + LastIndividual()));
    }

    [Fact]
    public async Task The_minimum_fraction_is_configurable()
    {
        using var h = new RefreshHarness();
        h.Options = h.Options with { MinimumFraction = 0.1 };
        h.ImportUnBaseline();
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnKeeping(0.2), "application/xml");

        var outcome = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Imported, outcome.Result);
        Assert.Equal(200, outcome.Snapshot!.EntityCount);
    }

    [Fact]
    public async Task Ofac_sdn_set_is_downloaded_file_by_file_and_imported_once()
    {
        using var h = new RefreshHarness();
        var baseline = h.Store.Import(
            "ofac-sdn", new DateTimeOffset(2021, 8, 18, 9, 39, 1, TimeSpan.Zero), ParserTestKit.Parser("ofac-csv"),
            [new SourceInput("sdn.csv", () => File.OpenRead(TestPaths.Data("history/sdn-2021-08-18.csv")))]).Snapshot;
        ServeSdn2023(h);

        var first = await h.RefreshAsync("ofac-sdn");
        var second = await h.RefreshAsync("ofac-sdn");

        Assert.Equal(RefreshResult.Imported, first.Result);
        Assert.Equal(13821, first.Snapshot!.EntityCount);
        Assert.Equal(["sdn.csv", "add.csv", "alt.csv"], first.Snapshot.Files.Select(f => f.Name));
        Assert.Equal(9083, baseline.EntityCount);
        Assert.Equal("PESKOV, Dmitriy Sergeevich", h.Store.GetEntity("ofac-sdn:35320")!.PrimaryName.Full);
        Assert.Equal(RefreshResult.Unchanged, second.Result);
        Assert.Equal(first.Snapshot.Id, second.Snapshot!.Id);
        Assert.Equal(2, h.Store.Snapshots("ofac-sdn").Count);
        Assert.All(new[] { "ofac/SDN.CSV", "ofac/ADD.CSV", "ofac/ALT.CSV" }, p => Assert.Equal(2, h.Server.Hits(p)));
    }

    [Fact]
    public async Task A_consolidated_file_served_as_the_sdn_list_is_refused_by_the_count_check()
    {
        using var h = new RefreshHarness();
        var baseline = h.Store.Import(
            "ofac-sdn", new DateTimeOffset(2023, 12, 28, 18, 43, 24, TimeSpan.Zero), ParserTestKit.Parser("ofac-csv"),
            [new SourceInput("sdn.csv", () => File.OpenRead(TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/sdn.csv")))]).Snapshot;
        h.Server.ServeFile("ofac/SDN.CSV", TestPaths.Data("ofac/cons-csv/2025-12/cons_prim.csv"));
        h.Server.ServeFile("ofac/ADD.CSV", TestPaths.Data("ofac/cons-csv/2025-12/cons_add.csv"));
        h.Server.ServeFile("ofac/ALT.CSV", TestPaths.Data("ofac/cons-csv/2025-12/cons_alt.csv"));

        var outcome = await h.RefreshAsync("ofac-sdn");

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.StartsWith($"442 entries, fewer than 50% of the 13,821 in the current snapshot #{baseline.Id}", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(baseline.Id, h.Store.SnapshotAt("ofac-sdn")!.Id);
        Assert.Equal(13821, h.Store.Entities(baseline.Id).Count());
    }

    [Fact]
    public async Task An_xml_file_served_as_sdn_csv_is_refused_and_the_first_refresh_leaves_no_snapshot()
    {
        using var h = new RefreshHarness();
        h.Server.Serve("ofac/SDN.CSV", RefreshHarness.UnReal, "text/csv");
        h.Server.ServeFile("ofac/ADD.CSV", TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/add.csv"));
        h.Server.ServeFile("ofac/ALT.CSV", TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/alt.csv"));

        var outcome = await h.RefreshAsync("ofac-sdn");

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.Equal("sdn.csv, line 1: this is an XML document, not an OFAC CSV file", outcome.Message);
        Assert.Null(h.Store.SnapshotAt("ofac-sdn"));
        var status = h.Status.Get("ofac-sdn")!;
        Assert.Null(status.LastSuccess);
        Assert.Null(status.LastSnapshotId);

        ServeSdn2023(h);
        var good = await h.RefreshAsync("ofac-sdn");
        Assert.Equal(RefreshResult.Imported, good.Result);
        Assert.Equal(13821, good.Snapshot!.EntityCount);
    }

    [Fact]
    public async Task An_older_publication_is_not_imported_over_a_newer_one()
    {
        using var h = new RefreshHarness();
        var newer = h.Store.Import(
            "un-sc", RefreshHarness.UnPublished.AddDays(1), ParserTestKit.Parser("un-xml"),
            [SourceInput.FromBytes("consolidated.xml", RefreshHarness.UnWithoutLastIndividuals(10))]).Snapshot;
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");

        var outcome = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.Equal(
            $"the download is published 2026-02-27 00:00Z, before the current snapshot #{newer.Id} (2026-02-28 00:00Z): an older publication is not imported over a newer one",
            outcome.Message);
        Assert.Equal(newer.Id, h.Store.SnapshotAt("un-sc")!.Id);
    }

    [Fact]
    public async Task Enabled_sources_are_refreshed_by_default_and_unknown_lists_are_refused()
    {
        using var h = new RefreshHarness();
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");
        using var refresher = h.Refresher();

        // ofac-sdn is disabled in the harness: a default refresh does not touch it.
        var outcomes = await refresher.RefreshAsync();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => refresher.RefreshAsync(["un-sc", "eu-nowhere"]));

        Assert.Equal(["un-sc"], outcomes.Select(o => o.ListId));
        Assert.Equal(0, h.Server.Hits("ofac/SDN.CSV"));
        Assert.StartsWith("no download source for eu-nowhere (known: ofac-sdn, un-sc)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staging_files_are_removed_after_success_and_failure()
    {
        using var h = new RefreshHarness();
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");
        await h.RefreshAsync("un-sc");
        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal.AsSpan(0, 1000).ToArray(), "application/xml");
        var failed = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Failed, failed.Result);
        var staging = Path.Combine(h.Options.StagingDirectory!, "interdict-refresh");
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
    }

    private static void ServeSdn2023(RefreshHarness h)
    {
        h.Server.ServeFile("ofac/SDN.CSV", TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/sdn.csv"), "text/csv");
        h.Server.ServeFile("ofac/ADD.CSV", TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/add.csv"), "text/csv");
        h.Server.ServeFile("ofac/ALT.CSV", TestPaths.Data("ofac/sdn-csv/2023-12-28-sdn-add-alt/alt.csv"), "text/csv");
    }

    private static string LastIndividual()
    {
        var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(RefreshHarness.UnReal));
        return doc.Root!.Element("INDIVIDUALS")!.Elements("INDIVIDUAL").Last().Element("REFERENCE_NUMBER")!.Value.Trim();
    }

    private static Task Status(System.Net.HttpListenerContext ctx, int code)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.Close();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts from the UN baseline, installs <paramref name="fault"/>, refreshes, and checks: the refresh failed with
    /// <paramref name="expected"/> in its message and status; the baseline is current and whole; then a good
    /// publication is imported normally and the status records the success while keeping the earlier error.
    /// </summary>
    private static async Task<RefreshOutcome> AssertFailureKeepsSnapshot(RefreshHarness h, Action<ListServer> fault, string expected)
    {
        var baseline = h.ImportUnBaseline();
        fault(h.Server);

        var outcome = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.StartsWith(expected, outcome.Message, StringComparison.Ordinal);
        Assert.Equal(baseline.Id, outcome.Snapshot?.Id);
        Assert.Null(outcome.Import);
        h.AssertUnBaselineIntact(baseline);

        var status = h.Status.Get("un-sc");
        Assert.NotNull(status);
        Assert.Equal(RefreshResult.Failed, status.LastResult);
        Assert.True(status.Failing);
        Assert.Equal(outcome.Message, status.LastError);
        Assert.Equal(status.LastAttempt, status.LastErrorAt);
        Assert.Null(status.LastSuccess);
        Assert.Null(status.LastSnapshotId);

        h.Server.Serve(RefreshHarness.UnPath, RefreshHarness.UnReal, "application/xml");
        var good = await h.RefreshAsync("un-sc");

        Assert.Equal(RefreshResult.Imported, good.Result);
        Assert.Equal(1003, h.Store.SnapshotAt("un-sc")!.EntityCount);
        Assert.Equal(2, h.Store.Snapshots("un-sc").Count);
        var after = h.Status.Get("un-sc")!;
        Assert.Equal(RefreshResult.Imported, after.LastResult);
        Assert.Equal(good.Snapshot!.Id, after.LastSnapshotId);
        Assert.Equal(outcome.Message, after.LastError);
        Assert.False(after.Failing);
        return outcome;
    }
}
