using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Interdict.Tests.App;

/// <summary>`interdict snapshots list` and `snapshots remove` as a user runs them, on a real database.</summary>
public partial class SnapshotsCliTests
{
    [GeneratedRegex(@"as snapshot (\d+)")]
    private static partial Regex SnapshotId();

    private static string Import(CliRunner cli, params string[] args)
    {
        var r = cli.Run(["import", "--list", "ofac-sdn", "--format", "ofac-csv", .. args, TestPaths.Data("history/sdn-2024-05-03.csv")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return SnapshotId().Match(r.Stdout).Groups[1].Value;
    }

    private static string CurrentSdn(CliRunner cli)
    {
        var r = cli.Run("lists", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var sdn = doc.RootElement.EnumerateArray().Single(l => l.GetProperty("list").GetString() == "ofac-sdn").GetProperty("current");
        return sdn.GetProperty("published").GetDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_future_dated_publication_is_listed_removed_audited_and_the_previous_one_is_current_again()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var id = Import(cli, "--published", "2030-01-01", "--allow-future");
        Assert.Equal("2030-01-01", CurrentSdn(cli));

        var list = cli.Run("snapshots", "list", "--list", "ofac-sdn");
        Assert.True(list.ExitCode == 0, list.ToString());
        var row = list.Stdout.Split('\n').Single(l => l.Contains("2030-01-01", StringComparison.Ordinal));
        Assert.Contains(id, row, StringComparison.Ordinal);
        Assert.Contains("current", row, StringComparison.Ordinal);
        Assert.Contains("sdn-2024-05-03.csv", row, StringComparison.Ordinal);
        Assert.Contains("14,965", row, StringComparison.Ordinal);
        var previous = list.Stdout.Split('\n').Single(l => l.Contains("2023-12-28", StringComparison.Ordinal));
        Assert.DoesNotContain("current", previous, StringComparison.Ordinal);

        var r = cli.Run("snapshots", "remove", id, "--reason", "dated 2030 by mistake", "--actor", "alice");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"Removed snapshot {id} of ofac-sdn published 2030-01-01", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("published 2023-12-28", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("2023-12-28", CurrentSdn(cli));

        list = cli.Run("snapshots", "list");
        Assert.DoesNotContain(list.Stdout.Split('\n'), l => l.Contains("2030-01-01", StringComparison.Ordinal) && !l.StartsWith("removed", StringComparison.Ordinal));
        Assert.Contains($"removed: snapshot {id} of ofac-sdn published 2030-01-01", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("by alice: dated 2030 by mistake", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("un-sc", list.Stdout, StringComparison.Ordinal);

        var audit = cli.Run("audit", "export");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var record = audit.Stdout.Split('\n').Single(l => l.Contains("snapshot-remove", StringComparison.Ordinal));
        Assert.Contains("\"actor\":\"alice\"", record, StringComparison.Ordinal);
        Assert.Contains("dated 2030 by mistake", record, StringComparison.Ordinal);
        Assert.Contains($"\"snapshot_id\":{id}", record, StringComparison.Ordinal);

        // Mistakes in the call: clear, with the exit codes scripts rely on, and nothing changes.
        var again = cli.Run("snapshots", "remove", id);
        Assert.True(again.ExitCode == 4, again.ToString());
        Assert.Contains("was removed already", Flat(again.Stderr), StringComparison.Ordinal);
        Assert.Equal(4, cli.Run("snapshots", "remove", "987654").ExitCode);
        Assert.Equal(2, cli.Run("snapshots", "remove", "yesterday").ExitCode);
        var unknown = cli.Run("snapshots", "list", "--list", "no-such-list");
        Assert.True(unknown.ExitCode == 4, unknown.ToString());
        Assert.Contains("no snapshot of list 'no-such-list'", Flat(unknown.Stderr), StringComparison.Ordinal);
        Assert.Equal("2023-12-28", CurrentSdn(cli));
    }

    [Fact]
    public void A_snapshot_alerts_were_raised_against_is_removed_only_with_force_and_the_alerts_keep_its_id()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var id = Import(cli, "--published", "2024-05-03");
        var csv = Path.Combine(cli.WorkDir, "customers.csv");

        // SUNIGA MORFIN (ofac-sdn:34916) is designated in the 2024-05-03 publication only.
        File.WriteAllText(csv, "id,name,type,dob,country\nc2,Isel Suniga Morfin,person,,\n");
        var r = cli.Run("portfolio", "import", csv);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(id, Alert(cli).GetProperty("snapshot_id").GetInt64().ToString(CultureInfo.InvariantCulture));

        var refused = cli.Run("snapshots", "remove", id);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("referred to by 1 portfolio alert;", Flat(refused.Stderr), StringComparison.Ordinal);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("2024-05-03", CurrentSdn(cli));
        Assert.DoesNotContain("snapshot-remove", cli.Run("audit", "export").Stdout, StringComparison.Ordinal);

        var forced = cli.Run("snapshots", "remove", id, "--force", "--reason", "test publication");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("forced past 1 alerts", forced.Stdout, StringComparison.Ordinal);
        Assert.Equal("2023-12-28", CurrentSdn(cli));

        // The entry is not in the publication current again: the alert is closed by the re-screen and still names the removed snapshot.
        var alert = Alert(cli);
        Assert.StartsWith("closed", alert.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, alert.GetProperty("snapshot_id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Contains($"removed: snapshot {id} of ofac-sdn", cli.Run("snapshots", "list").Stdout, StringComparison.Ordinal);
        Assert.Contains("(1 alerts still refer to it)", cli.Run("snapshots", "list").Stdout, StringComparison.Ordinal);
        Assert.Contains("\"forced\":true", cli.Run("audit", "export").Stdout, StringComparison.Ordinal);
    }

    // Error lines go to stderr, which wraps at the terminal width: compare the words, not the line breaks.
    private static string Flat(string s) => Regex.Replace(s, @"\s+", " ");

    private static JsonElement Alert(CliRunner cli)
    {
        var r = cli.Run("alerts", "list", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var line = Assert.Single(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("ofac-sdn:34916", StringComparison.Ordinal));
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
