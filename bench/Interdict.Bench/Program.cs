using BenchmarkDotNet.Running;
using Interdict.Bench;

// A single timed run that is too long for BenchmarkDotNet's iterations has its own verb.
if (args.Length > 0 && args[0] == "history")
{
    return HistoryImportMeasurement.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
