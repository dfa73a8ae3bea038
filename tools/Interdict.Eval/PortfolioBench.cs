using System.Diagnostics;
using System.Globalization;
using Interdict.Screening.Portfolio;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store.Portfolio;
using Interdict.Store.Sqlite;

namespace Interdict.Eval;

/// <summary>
/// Portfolio re-screening benchmark: a large synthetic portfolio, one real day's SDN delta re-screened by the changes
/// only, and the full re-screen measured in the same run (on a sample, extrapolated, when the portfolio is large).
/// </summary>
internal static class PortfolioBench
{
    public static int Run(Args args)
    {
        var customersCsv = args.Get("customers");
        var before = args.Get("before");
        var after = args.Get("after");
        var sample = int.Parse(args.GetOr("full-sample", "20000"), CultureInfo.InvariantCulture);
        var outPath = args.GetOr("out", "");
        var dir = Path.Combine(Path.GetTempPath(), "interdict-bench-portfolio-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var db = Path.Combine(dir, "bench.db");
            using var store = SqliteListStore.Open(db);
            using var portfolio = PortfolioStore.Open(db);
            var snapBefore = store.Import("ofac-sdn", Published(before), new OfacCsvParser(), [SourceInput.FromPath(before)]).Snapshot;

            var sw = Stopwatch.StartNew();
            IReadOnlyList<Customer> customers;
            using (var reader = new StreamReader(customersCsv))
            {
                customers = PortfolioMonitor.ReadCsv(reader, Path.GetFileName(customersCsv));
            }

            var tRead = sw.Elapsed.TotalSeconds;
            sw.Restart();
            portfolio.Upsert(customers, replace: false);
            var tStore = sw.Elapsed.TotalSeconds;

            // The full screening of the whole portfolio against the lists, on a sample when the portfolio is large.
            var monitor = new PortfolioMonitor(store, portfolio);
            var fullSample = customers.Take(Math.Min(sample, customers.Count)).ToList();
            sw.Restart();
            var index = Interdict.Matching.MatchIndex.BuildListIndependent(store.Entities(snapBefore.Id));
            var tIndex = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var fullPairs = PortfolioMonitor.ScreenAll(index, fullSample, monitor.Threshold);
            var tFullSample = sw.Elapsed.TotalSeconds;
            var tFullExtrapolated = tIndex + (tFullSample * customers.Count / fullSample.Count);

            // The portfolio counts as screened against the first publication; its alerts are those of the sample.
            portfolio.Apply([], [], new Dictionary<string, long> { ["ofac-sdn"] = snapBefore.Id });
            store.Import("ofac-sdn", Published(after), new OfacCsvParser(), [SourceInput.FromPath(after)]);
            sw.Restart();
            var delta = monitor.Rescreen();
            var tDelta = sw.Elapsed.TotalSeconds;

            var lines = new List<string>
            {
                "",
                $"### Portfolio re-screening ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, tools/Interdict.Eval bench-portfolio)",
                "",
                $"Portfolio: {customers.Count:N0} synthetic customers ({Path.GetFileName(customersCsv)}); lists: OFAC SDN {Path.GetFileName(before)} ({snapBefore.EntityCount:N0} entries), then the next publication {Path.GetFileName(after)}.",
                "",
                "| Step | Seconds |",
                "|---|---:|",
                $"| read the CSV | {tRead:F1} |",
                $"| store the customers (SQLite) | {tStore:F1} |",
                $"| delta re-screen: {delta.EntriesScreened} changed entries ({delta.EntriesRemoved} delisted) x {delta.Customers:N0} customers, incl. loading the portfolio and updating alerts | **{tDelta:F1}** |",
                $"| full re-screen: index build ({index.EntityCount:N0} entries) | {tIndex:F1} |",
                $"| full re-screen: {fullSample.Count:N0}-customer sample, measured ({fullPairs.Count:N0} alerts) | {tFullSample:F1} |",
                $"| full re-screen of {customers.Count:N0}, extrapolated from the sample | {tFullExtrapolated:F0} |",
                "",
                $"Delta vs full: {tFullExtrapolated / tDelta:F0}x faster; {delta.Raised:N0} alerts raised by the delta.",
            };
            foreach (var l in lines)
            {
                Console.WriteLine(l);
            }

            if (outPath.Length > 0)
            {
                File.AppendAllLines(outPath, lines);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The publication date in a dated file name (sdn-2022-02-25.csv).</summary>
    private static DateTimeOffset Published(string file)
    {
        var m = System.Text.RegularExpressions.Regex.Match(Path.GetFileName(file), @"\d{4}-\d{2}-\d{2}");
        return m.Success
            ? DateTimeOffset.Parse(m.Value + "T12:00:00Z", CultureInfo.InvariantCulture)
            : throw new ArgumentException($"{file}: no date in the file name");
    }
}
