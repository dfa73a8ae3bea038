using BenchmarkDotNet.Attributes;
using Interdict.Sources;
using Interdict.Sources.Ofac.Advanced;
using Interdict.Sources.Ofac.Enhanced;
using Interdict.Sources.Ofac.Xml;

namespace Interdict.Bench;

/// <summary>
/// Whole-file parse of the real OFAC XML publications (read from memory, so disk speed does not count).
/// Run: dotnet run -c Release --project bench/Interdict.Bench -- --filter '*OfacXml*' --job short
/// </summary>
[MemoryDiagnoser]
public class OfacXmlParserBenchmarks
{
    private byte[] _classic = [];
    private byte[] _advanced = [];
    private byte[] _enhanced = [];
    private byte[] _enhancedZip = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(Repo.Root, "tests", "data", "ofac");
        _classic = File.ReadAllBytes(Path.Combine(data, "xml", "consolidated-2025-03-28", "CONSOLIDATED.XML"));
        _advanced = File.ReadAllBytes(Path.Combine(data, "advanced-xml", "cons-advanced-2020-03-17", "CONS_ADVANCED.XML"));
        _enhanced = File.ReadAllBytes(Path.Combine(data, "enhanced-xml", "cons-enhanced-2025-01-14", "CONS_ENHANCED.XML"));
        _enhancedZip = File.ReadAllBytes(Path.Combine(data, "enhanced-xml", "cons-enhanced-2025-01-14", "CONS_ENHANCED.ZIP"));
    }

    /// <summary>CONSOLIDATED.XML 2025-03-28: 941 KB, 443 entries.</summary>
    [Benchmark(Baseline = true)]
    public int Classic() => Count(new OfacXmlParser(), "CONSOLIDATED.XML", _classic);

    /// <summary>CONS_ADVANCED.XML 2020-03-17: 2.7 MB, 375 parties, read in two streaming passes.</summary>
    [Benchmark]
    public int Advanced() => Count(new OfacAdvancedXmlParser(), "CONS_ADVANCED.XML", _advanced);

    /// <summary>CONS_ENHANCED.XML 2025-01-10: 3.4 MB, 443 entities.</summary>
    [Benchmark]
    public int Enhanced() => Count(new OfacEnhancedXmlParser(), "CONS_ENHANCED.XML", _enhanced);

    /// <summary>The same from the published 207 KB ZIP.</summary>
    [Benchmark]
    public int EnhancedZip() => Count(new OfacEnhancedXmlParser(), "CONS_ENHANCED.ZIP", _enhancedZip);

    private static int Count(IListParser parser, string name, byte[] bytes)
    {
        var n = 0;
        foreach (var e in parser.Parse([SourceInput.FromBytes(name, bytes)], new ParseContext("ofac-cons")))
        {
            n += e.Names.Count;
        }

        return n;
    }
}
