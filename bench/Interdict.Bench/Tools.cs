using System.Diagnostics;
using Interdict.Matching;

namespace Interdict.Bench;

internal static class Tools
{
    public static void WriteTokenFrequencies(string output)
    {
        var entities = OfacNames.Load();
        var normalized = entities.Select(e => (IReadOnlyList<NormalizedName>)e.Names.Select(n => NameNormalizer.Normalize(n.Full, e.Kind)).ToList());
        using var writer = new StreamWriter(output);
        TokenStatistics.Write(normalized, writer, minDf: 2);
        Console.WriteLine($"{entities.Count} entities written to {output}");
    }

    /// <summary>
    /// Per-query latency percentiles and throughput on one thread (BenchmarkDotNet reports means, not p99): synthetic
    /// customer names plus listed names, first on a fresh index (every word seen for the first time), then again.
    /// </summary>
    public static void Latency(int count)
    {
        var sw = Stopwatch.StartNew();
        var entities = OfacNames.Load();
        var load = sw.Elapsed.TotalMilliseconds;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        sw.Restart();
        var index = MatchIndex.Build(entities);
        var build = sw.Elapsed.TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"load {load:0} ms; index build {build:0} ms (first, includes JIT), {(after - before) / 1048576.0:0} MB managed heap growth; {index.EntityCount} entities, {index.NameCount} names, vocabulary {index.VocabularySize}");
        sw.Restart();
        index = MatchIndex.Build(entities);
        Console.WriteLine($"index build again: {sw.Elapsed.TotalMilliseconds:0} ms");

        var queries = CustomerNames.Load(count).Select(n => new ScreeningQuery { Name = n }).ToList();
        var rnd = new Random(7);
        var listed = entities.SelectMany(e => e.Names).Select(n => n.Full).ToList();
        queries.AddRange(Enumerable.Range(0, count / 10).Select(_ => new ScreeningQuery { Name = listed[rnd.Next(listed.Count)] }));
        var options = new ScreeningOptions();
        foreach (var pass in new[] { "first pass (fresh index)", "second pass (words seen)" })
        {
            var times = new double[queries.Count];
            var hits = 0;
            long candidates = 0, scored = 0, bounded = 0;
            var scratch = index.Scratch();
            var total = Stopwatch.StartNew();
            for (var i = 0; i < queries.Count; i++)
            {
                var t = Stopwatch.GetTimestamp();
                hits += index.Search(queries[i], options).Count;
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                candidates += scratch.CandidatesSeen;
                scored += scratch.Scored;
                bounded += scratch.Bounded;
            }

            var elapsed = total.Elapsed.TotalSeconds;
            Array.Sort(times);
            Console.WriteLine($"{pass}: {queries.Count} queries ({count} synthetic customers + {count / 10} listed names), {hits} hits, {queries.Count / elapsed:0} queries/s on one thread; "
                + $"{candidates / (double)queries.Count:0.0} candidates, {bounded / (double)queries.Count:0.0} word checks and {scored / (double)queries.Count:0.00} full scorings per query");
            Console.WriteLine($"  latency ms: p50 {times[times.Length / 2]:0.000}  p90 {times[(int)(times.Length * 0.9)]:0.000}  p99 {times[(int)(times.Length * 0.99)]:0.000}  max {times[^1]:0.000}");
        }

        var scan = Stopwatch.StartNew();
        var scanned = 0;
        foreach (var q in queries.Take(50))
        {
            scanned += index.ScanAll(q, options).Count;
        }

        Console.WriteLine($"exhaustive scan baseline: {scan.Elapsed.TotalMilliseconds / 50:0.0} ms per query ({scanned} hits in 50 queries)");
    }
}
