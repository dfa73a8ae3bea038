using BenchmarkDotNet.Attributes;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store.Sqlite;

namespace Interdict.Bench;

/// <summary>
/// End to end: the bundled OFAC SDN set (2023-12-28, 13,821 entries) parsed and imported into a new SQLite file, as
/// first use does. Parsing alone is the baseline measured in the same run, so the ratio shows what storage costs.
/// </summary>
[MemoryDiagnoser]
public class BundledImportBenchmarks
{
    private static readonly string[] Files = ["sdn.csv", "add.csv", "alt.csv"];
    private List<SourceInput> _files = [];
    private string _dir = "";
    private string _db = "";

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(Repo.Root, "data", "ofac-sdn", "2023-12-28");
        _files = Files.Select(n => SourceInput.FromBytes(n, File.ReadAllBytes(Path.Combine(dir, n)))).ToList();
        _dir = Path.Combine(Path.GetTempPath(), "interdict-bench-import-" + Environment.ProcessId);
        Directory.CreateDirectory(_dir);
    }

    [IterationSetup(Target = nameof(ParseAndImportIntoNewDatabase))]
    public void NewDatabase() => _db = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");

    [Benchmark(Baseline = true)]
    public int ParseOnly() => new OfacCsvParser().Parse(_files, new ParseContext("ofac-sdn")).Count();

    [Benchmark]
    public int ParseAndImportIntoNewDatabase()
    {
        using var store = SqliteListStore.Open(_db);
        return store.Import("ofac-sdn", new DateTimeOffset(2023, 12, 28, 18, 43, 24, TimeSpan.Zero), new OfacCsvParser(), _files).Snapshot.EntityCount;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);
}
