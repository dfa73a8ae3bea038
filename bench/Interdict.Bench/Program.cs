using BenchmarkDotNet.Running;

// "token-frequencies <output>" regenerates the bundled token statistics (src/Interdict/Matching/Data/token-frequencies.tsv)
// from the OFAC SDN names; "latency [n]" measures per-query percentiles; anything else runs the benchmarks.
if (args.Length == 2 && args[0] == "token-frequencies")
{
    Interdict.Bench.Tools.WriteTokenFrequencies(args[1]);
    return;
}

if (args.Length >= 1 && args[0] == "latency")
{
    Interdict.Bench.Tools.Latency(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args.Length >= 1 && args[0] == "sweep")
{
    Interdict.Bench.Tools.Sweep(3000, 6000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
