using BenchmarkDotNet.Attributes;
using Interdict.Sources;

namespace Interdict.Bench.Sources;

/// <summary>Whole-file parse of each real list in tests/data, as an import would do it (entities counted, not kept).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private byte[] _bytes = [];

    [Params("un-xml", "us-csl-csv", "bis-dpl-tsv", "uk-ofsi-csv", "eu-fsf-legacy-xml")]
    public string Format { get; set; } = "un-xml";

    private static readonly Dictionary<string, (string List, string Path)> Files = new()
    {
        ["un-xml"] = ("un-sc", "un/UN_consolidated.xml"),
        ["us-csl-csv"] = ("us-csl", "us-csl/consolidated.csv"),
        ["bis-dpl-tsv"] = ("us-bis-dpl", "bis-dpl/dpl.txt"),
        ["uk-ofsi-csv"] = ("uk-ofsi", "uk/ofsi-conlist-2018-04-13/ConList.csv"),
        ["eu-fsf-legacy-xml"] = ("eu-fsf", "eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml"),
    };

    [GlobalSetup]
    public void Setup() => _bytes = File.ReadAllBytes(Path.Combine(Repo(), "tests", "data", Files[Format].Path));

    [Benchmark]
    public int Parse()
    {
        var parser = ListCatalog.CreateParser(Format)!;
        return parser.Parse([SourceInput.FromBytes(Path.GetFileName(Files[Format].Path), _bytes)], new ParseContext(Files[Format].List)).Count();
    }

    private static string Repo()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Interdict.slnx")))
        {
            d = d.Parent;
        }

        return d?.FullName ?? throw new InvalidOperationException("Interdict.slnx not found");
    }
}
