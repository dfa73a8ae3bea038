using System.Text;
using BenchmarkDotNet.Attributes;
using Interdict.Screening.Payments;
using Interdict.Screening.Text;

namespace Interdict.Bench;

/// <summary>
/// Payment parsing (goal: well under 1 ms a message, the budget for a whole screening being 10 ms p99) and free-text
/// preparation (goal: far more than 1 MB/s, since matching still has to run on the spans).
/// </summary>
[MemoryDiagnoser]
public class PaymentBenchmarks
{
    private string _pacs008 = string.Empty;
    private string _pain001 = string.Empty;
    private string _mt103 = string.Empty;
    private string _megabyte = string.Empty;
    private IReadOnlyList<TextToken> _tokens = [];
    private PaymentMessage _parsed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(Repo.Root, "tests", "data");
        _pacs008 = File.ReadAllText(Path.Combine(data, "payments", "pacs008-all-roles-sevastopol.xml"));
        _pain001 = File.ReadAllText(Path.Combine(data, "payments", "pain001-two-payments.xml"));
        _mt103 = File.ReadAllText(Path.Combine(data, "payments", "mt103-50f-person-split.fin"));
        _parsed = PaymentMessageParser.Parse(_pacs008);

        // One MiB of news and business prose: the Reuters-style article and the clean samples, repeated.
        var sources = Directory.GetFiles(Path.Combine(data, "text"), "*.txt").Select(File.ReadAllText).ToArray();
        var sb = new StringBuilder(1 << 20);
        for (var i = 0; sb.Length < 1 << 20; i++)
        {
            sb.Append(sources[i % sources.Length]).Append("\n\n");
        }

        _megabyte = sb.ToString(0, 1 << 20);
        _tokens = TextTokenizer.Tokenize(_megabyte);
    }

    [Benchmark]
    public PaymentMessage ParsePacs008() => PaymentMessageParser.Parse(_pacs008);

    [Benchmark]
    public PaymentMessage ParsePain001() => PaymentMessageParser.Parse(_pain001);

    [Benchmark]
    public PaymentMessage ParseMt103() => PaymentMessageParser.Parse(_mt103);

    [Benchmark]
    public int PlacesInPacs008() => PaymentPlaces.Find(_parsed).Count;

    [Benchmark]
    public int Tokenize1MB() => TextTokenizer.Tokenize(_megabyte).Count;

    [Benchmark]
    public int MentionCandidates1MB() => MentionCandidates.From(_tokens).Count;

    [Benchmark]
    public int SanctionedPlaces1MB() => SanctionedPlaces.Default.FindInTokens(_megabyte, _tokens).Count;
}
