using BenchmarkDotNet.Running;

// "token-frequencies <output>" regenerates the bundled token statistics (src/Interdict/Matching/Data/token-frequencies.tsv)
// from the OFAC SDN names; anything else runs the benchmarks.
if (args.Length == 2 && args[0] == "token-frequencies")
{
    Interdict.Bench.Tools.WriteTokenFrequencies(args[1]);
    return;
}

// "text-payment [--db PATH] [--data DIR] [--rounds N]" measures text and payment screening in process (docs/performance.md).
if (args.Length >= 1 && args[0] == "text-payment")
{
    Interdict.Bench.TextPaymentBench.Run(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
