using BenchmarkDotNet.Running;
using Interdict.Bench;

// A single timed run that is too long for BenchmarkDotNet's iterations has its own verb.
if (args.Length > 0 && args[0] == "history")
{
    return HistoryImportMeasurement.Run(args[1..]);
}

// "token-frequencies <output>" regenerates the bundled token statistics (src/Interdict/Matching/Data/token-frequencies.tsv)
// from the OFAC SDN names; "latency [n]" measures per-query percentiles; anything else runs the benchmarks.
if (args.Length == 2 && args[0] == "token-frequencies")
{
    Interdict.Bench.Tools.WriteTokenFrequencies(args[1]);
    return 0;
}

if (args.Length >= 1 && args[0] == "latency")
{
    Interdict.Bench.Tools.Latency(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return 0;
}

// "batch PATH [slice]" screens a `screen` input file in process, rate per slice (first sight of words vs steady state).
if (args.Length >= 2 && args[0] == "batch")
{
    Interdict.Bench.BatchThroughput.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return 0;
}

if (args.Length >= 1 && args[0] == "sweep")
{
    Interdict.Bench.Tools.Sweep(3000, 6000);
    return 0;
}

// "text-payment [--db PATH] [--data DIR] [--rounds N]" measures text and payment screening in process (docs/performance.md).
if (args.Length >= 1 && args[0] == "text-payment")
{
    Interdict.Bench.TextPaymentBench.Run(args[1..]);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
