using System.Globalization;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.App;

/// <summary>
/// `import` and `import-history` run as real processes: a future publication date is refused unless --allow-future, an
/// identical re-import adds no snapshot, and imports started together store each publication once.
/// </summary>
public class PublicationDateCliTests
{
    private static readonly string Csl = TestPaths.Data("us-csl/consolidated.csv");

    // The error console wraps long lines at 80 columns, after a space.
    private static string Flat(string s) => s.Replace("\n", "", StringComparison.Ordinal);

    private static int Snapshots(CliRunner cli, string list)
    {
        using var store = SqliteListStore.Open(cli.Db);
        return store.Snapshots(list).Count;
    }

    [Fact]
    public void A_future_publication_date_is_refused_unless_allow_future()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var before = Snapshots(cli, "us-csl");
        var future = DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var refused = cli.Run("import", "--list", "us-csl", "--published", future, Csl);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains(future, Flat(refused.Stderr));
        Assert.Contains("--allow-future", Flat(refused.Stderr));
        Assert.Equal(before, Snapshots(cli, "us-csl"));

        var allowed = cli.Run("import", "--list", "us-csl", "--published", future, "--allow-future", Csl);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("Imported us-csl published " + future, allowed.Stdout);
        Assert.Equal(before + 1, Snapshots(cli, "us-csl"));
    }

    [Fact]
    public void Reimporting_the_same_file_and_date_reports_already_imported_and_adds_no_snapshot()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var first = cli.Run("import", "--list", "us-csl", "--published", "2025-06-30", Csl);
        Assert.True(first.ExitCode == 0, first.ToString());
        var count = Snapshots(cli, "us-csl");

        var again = cli.Run("import", "--list", "us-csl", "--published", "2025-06-30", Csl);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Already imported", again.Stdout);
        Assert.Equal(count, Snapshots(cli, "us-csl"));

        // Another date is another publication.
        var next = cli.Run("import", "--list", "us-csl", "--published", "2025-07-01", Csl);
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.DoesNotContain("Already imported", next.Stdout);
        Assert.Equal(count + 1, Snapshots(cli, "us-csl"));
    }

    [Fact]
    public async Task Two_imports_of_the_same_file_started_together_leave_one_snapshot()
    {
        var cli = new CliRunner(BundledDbFixture.Copy());
        var before = Snapshots(cli, "us-csl");
        using var start = new Barrier(2);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return cli.Run("import", "--list", "us-csl", "--published", "2025-06-30", Csl);
            },
            TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(1, results.Count(r => r.Stdout.Contains("Already imported", StringComparison.Ordinal)));
        Assert.Equal(before + 1, Snapshots(cli, "us-csl"));
    }

    [Fact]
    public async Task Two_history_imports_started_together_store_each_date_once()
    {
        var history = TestPaths.Data("history");
        var alone = new CliRunner();
        var single = alone.Run("import-history", "--list", "ofac-sdn", history);
        Assert.True(single.ExitCode == 0, single.ToString());
        var expected = Snapshots(alone, "ofac-sdn");
        Assert.True(expected > 1, single.ToString());

        var cli = new CliRunner();
        using var start = new Barrier(2);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return cli.Run("import-history", "--list", "ofac-sdn", history);
            },
            TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(expected, Snapshots(cli, "ofac-sdn"));
    }
}
