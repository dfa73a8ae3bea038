using BenchmarkDotNet.Attributes;
using Interdict.Sources;
using Interdict.Sources.Ofac;

namespace Interdict.Bench;

/// <summary>The whole 2023-12-28 SDN set (sdn.csv, add.csv, alt.csv: 13,821 entries) from tests/data, read from memory.</summary>
[MemoryDiagnoser]
public class OfacCsvParserBenchmarks
{
    private static readonly string[] SdnFiles = ["sdn.csv", "add.csv", "alt.csv"];
    private List<SourceInput> _sdnSet = [];
    private string _remarks = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(Repo.Root, "tests", "data", "ofac", "sdn-csv", "2023-12-28-sdn-add-alt");

        // Bytes are loaded once so the benchmark measures parsing, not the disk.
        _sdnSet = SdnFiles
            .Select(n => SourceInput.FromBytes(n, File.ReadAllBytes(Path.Combine(dir, n))))
            .ToList();
        _remarks = "DOB 31 Aug 1960; alt. DOB 31 Aug 1953; alt. DOB 31 Aug 1955; alt. DOB 31 Aug 1958; POB Al Basuriyah, Lebanon; " +
                   "Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Hizballah Financial Sanctions Regulations; " +
                   "Gender Male; Passport 042833 (Lebanon); Secretary General of Hizballah; Linked To: HIZBALLAH.";
    }

    [Benchmark]
    public int ParseSdnSet()
    {
        var n = 0;
        foreach (var e in new OfacCsvParser().Parse(_sdnSet, new ParseContext("ofac-sdn")))
        {
            n += e.Names.Count;
        }

        return n;
    }

    [Benchmark]
    public int ParseOneRemark() => OfacRemarks.Parse(_remarks).Other.Count;
}
