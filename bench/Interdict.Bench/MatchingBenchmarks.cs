using BenchmarkDotNet.Attributes;
using Interdict.Matching;
using Interdict.Model;

namespace Interdict.Bench;

/// <summary>
/// Hot paths of the screening engine on the real OFAC SDN names (13,821 entries, 30,912 names and aliases):
/// index build, one query, a batch of 1,000 customer names (synthetic persons, not on the list), the exhaustive
/// scan baseline and name normalisation.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private List<Entity> _entities = [];
    private MatchIndex _index = null!;
    private ScreeningQuery[] _batch = [];
    private readonly ScreeningQuery _madurro = new() { Name = "Nikolas Madurro" };
    private readonly ScreeningOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        _entities = OfacNames.Load();
        _index = MatchIndex.Build(_entities);
        _batch = CustomerNames.Load(1000).Select(n => new ScreeningQuery { Name = n }).ToArray();
    }

    [Benchmark]
    public MatchIndex BuildIndex() => MatchIndex.Build(_entities);

    [Benchmark]
    public int SearchOne() => _index.Search(_madurro, _options).Count;

    /// <summary>1,000 customer names per invocation: divide by 1,000 for one name.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public int SearchBatch()
    {
        var hits = 0;
        foreach (var q in _batch)
        {
            hits += _index.Search(q, _options).Count;
        }

        return hits;
    }

    [Benchmark]
    public int ScanAllOne() => _index.ScanAll(_madurro, _options).Count;

    [Benchmark]
    public NormalizedName Normalize() => NameNormalizer.Normalize("Obshchestvo s Ogranichennoi Otvetstvennostyu Дмитрий Сергеевич Хорошев");
}

/// <summary>Synthetic customer names (OpenSanctions' generated persons, US and global, many scripts), none of them listed.</summary>
internal static class CustomerNames
{
    public static List<string> Load(int count)
    {
        var folder = Path.Combine(Repo.Root, "tests", "data", "names");
        var names = new List<string>();
        foreach (var file in new[] { "synthetic_persons_us.csv", "synthetic_persons_global.csv" })
        {
            using var csv = CsvHelper.CsvReader.FromFile(Path.Combine(folder, file), new CsvHelper.CsvReaderOptions { HasHeader = true });
            var taken = 0;
            while (csv.Read() && taken < count / 2)
            {
                var name = csv.GetString(0);
                if (!string.IsNullOrWhiteSpace(name))
                {
                    names.Add(name);
                    taken++;
                }
            }
        }

        return names;
    }
}
