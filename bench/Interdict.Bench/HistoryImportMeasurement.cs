using System.Diagnostics;
using Interdict.Screening.History;
using Interdict.Store.Sqlite;

namespace Interdict.Bench;

/// <summary>
/// One timed run of the real OFAC SDN history import (all versions of sdn.csv in the git bundle), too long for
/// BenchmarkDotNet's repeated iterations: <c>dotnet run -c Release --project bench/Interdict.Bench -- history [BUNDLE]</c>.
/// Prints the import time and the database size against one snapshot of the newest and of the oldest version.
/// </summary>
internal static class HistoryImportMeasurement
{
    public static int Run(string[] args)
    {
        var bundle = args.Length > 0 ? args[0] : Path.Combine(Repo.Root, "tests", "data", "history", "ofac-sdn-history.bundle");
        var dir = Path.Combine(Path.GetTempPath(), "interdict-history-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            long historyBytes;
            HistoryImportReport report;
            var clock = Stopwatch.StartNew();
            using (var store = SqliteListStore.Open(Path.Combine(dir, "history.db")))
            {
                report = new HistoryImport(store).ImportGit("ofac-sdn", bundle);
                clock.Stop();
                historyBytes = store.MeasureDatabaseBytes();
            }

            if (Environment.GetEnvironmentVariable("INTERDICT_KEEP_DB") is { Length: > 0 } keep)
            {
                File.Copy(Path.Combine(dir, "history.db"), keep, overwrite: true);
            }

            Console.WriteLine($"versions: {report.Imported} imported, {report.Skipped} skipped ({string.Join("; ", report.Warnings)})");
            Console.WriteLine($"import of the whole history: {clock.Elapsed.TotalSeconds:F1} s ({clock.Elapsed.TotalMilliseconds / Math.Max(1, report.Imported):F0} ms per version)");
            Console.WriteLine($"database after the history: {historyBytes:N0} bytes");

            var imported = report.Items.Where(i => i.Outcome == HistoryOutcome.Imported).ToList();
            foreach (var (label, item) in new[] { ("newest", imported[^1]), ("oldest", imported[0]) })
            {
                var one = SingleSnapshotBytes(bundle, item, Path.Combine(dir, label + ".db"));
                Console.WriteLine($"one snapshot ({label}, {item.Source}, {item.Entities:N0} entries): {one:N0} bytes; history / one = {(double)historyBytes / one:F2}");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static long SingleSnapshotBytes(string bundle, HistoryImportItem item, string path)
    {
        // The same version through the same path: a one-commit "history" would need its own bundle, so the file is
        // read back from the bundle via a folder of one dated file.
        var folder = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        Directory.CreateDirectory(folder);
        var sha = item.Source[(item.Source.IndexOf('@', StringComparison.Ordinal) + 1)..];
        using (var clone = new Process { StartInfo = new ProcessStartInfo("git", ["-C", Path.GetDirectoryName(path)!, "clone", "--quiet", bundle, "clone-" + sha]) })
        {
            clone.Start();
            clone.WaitForExit();
        }

        var repo = Path.Combine(Path.GetDirectoryName(path)!, "clone-" + sha);
        using (var show = new Process { StartInfo = new ProcessStartInfo("git", ["-C", repo, "show", sha + ":sdn.csv"]) { RedirectStandardOutput = true } })
        {
            show.Start();
            using var file = File.Create(Path.Combine(folder, $"sdn-{item.Published:yyyy-MM-dd}.csv"));
            show.StandardOutput.BaseStream.CopyTo(file);
            show.WaitForExit();
        }

        using var store = SqliteListStore.Open(path);
        var r = new HistoryImport(store).ImportFolder("ofac-sdn", folder);
        if (r.Imported != 1 || r.Items[0].Entities != item.Entities)
        {
            throw new InvalidOperationException($"single snapshot import of {item.Source} went wrong");
        }

        return store.MeasureDatabaseBytes();
    }
}
