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
        var buildCpu = Process.GetCurrentProcess().TotalProcessorTime;
        index = MatchIndex.Build(entities);
        Console.WriteLine($"index build again: {sw.Elapsed.TotalMilliseconds:0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - buildCpu).TotalMilliseconds:0} ms CPU (normalisation runs on all cores); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

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
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
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
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            Array.Sort(times);
            Console.WriteLine($"{pass}: {queries.Count} queries ({count} synthetic customers + {count / 10} listed names), {hits} hits, {queries.Count / elapsed:0} queries/s on one thread ({queries.Count / cpu:0} per CPU-second); "
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

    /// <summary>
    /// A first look at where to put the threshold: recall on damaged list names (typos, reordering, dropped, merged
    /// and added tokens, initials; the source entry must be found) against the share of synthetic customers (not
    /// listed) with any hit. Not a labelled evaluation: the synthetic customers may share real names with the list.
    /// </summary>
    public static void Sweep(int positives, int negatives)
    {
        var entities = OfacNames.Load();
        var index = MatchIndex.Build(entities);
        var rnd = new Random(42);
        var names = entities.SelectMany(e => e.Names.Select(n => (e.Id, n.Full))).ToList();
        var options = new ScreeningOptions { Threshold = 0.5, Limit = 1000 };
        double[] thresholds = [0.70, 0.72, 0.74, 0.76, 0.78, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90];
        var found = new int[thresholds.Length];
        for (var i = 0; i < positives; i++)
        {
            var (id, name) = names[rnd.Next(names.Count)];
            var hits = index.Search(new ScreeningQuery { Name = Damage(name, rnd) }, options);
            var score = hits.FirstOrDefault(h => h.Entity.Id == id)?.Score ?? 0;
            for (var t = 0; t < thresholds.Length; t++)
            {
                found[t] += score >= thresholds[t] ? 1 : 0;
            }
        }

        var alerted = new int[thresholds.Length];
        var customers = CustomerNames.Load(negatives);
        foreach (var c in customers)
        {
            var found1 = index.Search(new ScreeningQuery { Name = c }, options);
            var top = found1.Count > 0 ? found1[0].Score : 0;
            for (var t = 0; t < thresholds.Length; t++)
            {
                alerted[t] += top >= thresholds[t] ? 1 : 0;
            }
        }

        Console.WriteLine($"threshold  recall on {positives} damaged list names  customers alerted of {customers.Count}");
        for (var t = 0; t < thresholds.Length; t++)
        {
            Console.WriteLine($"{thresholds[t]:0.00}       {found[t] / (double)positives:0.000}                        {alerted[t] / (double)customers.Count:0.0000}");
        }
    }

    private static readonly string[] Common = ["Mohammed", "Ali", "Trading", "Company", "Ahmed", "International", "LLC", "Group"];

    /// <summary>One or two kinds of damage a name suffers in customer data.</summary>
    private static string Damage(string name, Random rnd)
    {
        var tokens = name.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var e = rnd.Next(1, 3); e > 0; e--)
        {
            switch (rnd.Next(6))
            {
                case 0:
                case 1:
                    var idx = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].Length >= 4).ToList();
                    if (idx.Count > 0)
                    {
                        var t = idx[rnd.Next(idx.Count)];
                        var w = tokens[t];
                        var p = rnd.Next(w.Length - 1);
                        tokens[t] = rnd.Next(3) switch
                        {
                            0 => w[..p] + (char)('a' + rnd.Next(26)) + w[(p + 1)..],
                            1 => w[..p] + w[(p + 1)..],
                            _ => w[..p] + w[p + 1] + w[p] + w[(p + 2)..],
                        };
                    }

                    break;
                case 2:
                    tokens = tokens.OrderBy(_ => rnd.Next()).ToList();
                    break;
                case 3 when tokens.Count >= 3:
                    tokens.RemoveAt(rnd.Next(tokens.Count));
                    break;
                case 4 when tokens.Count >= 2:
                    var m = rnd.Next(tokens.Count - 1);
                    tokens[m] += tokens[m + 1];
                    tokens.RemoveAt(m + 1);
                    break;
                default:
                    tokens.Insert(rnd.Next(tokens.Count + 1), Common[rnd.Next(Common.Length)]);
                    break;
            }
        }

        return string.Join(' ', tokens);
    }
}

/// <summary>
/// Batch screening in process, without CSV or JSON: rows of a `screen` input file screened in chunks of 2,048 with
/// Parallel.For (as `screen` does), reporting the rate per slice of the file, so the cost of words seen for the first
/// time (early slices) is visible apart from the steady state.
/// </summary>
internal static class BatchThroughput
{
    public static void Run(string path, int slice)
    {
        var entities = OfacNames.Load();
        var index = MatchIndex.Build(entities);
        var queries = new List<ScreeningQuery>();
        using (var csv = CsvHelper.CsvReader.FromFile(path, new CsvHelper.CsvReaderOptions { HasHeader = true }))
        {
            while (csv.Read())
            {
                var dob = Interdict.Screening.QueryParsing.ParseDob(csv.GetString(3));
                var country = Interdict.Screening.QueryParsing.ParseCountry(csv.GetString(4));
                queries.Add(new ScreeningQuery
                {
                    Name = csv.GetString(1),
                    Kind = Interdict.Screening.QueryParsing.ParseKind(csv.GetString(2)),
                    BirthDates = dob is null ? [] : [dob],
                    Countries = country is null ? [] : [country],
                });
            }
        }

        var options = new ScreeningOptions();
        var proc = Process.GetCurrentProcess();
        foreach (var pass in new[] { "first pass", "second pass" })
        {
            var total = Stopwatch.StartNew();
            var cpuTotal = proc.TotalProcessorTime;
            for (var start = 0; start < queries.Count; start += slice)
            {
                var end = Math.Min(queries.Count, start + slice);
                var sw = Stopwatch.StartNew();
                proc.Refresh();
                var cpu0 = proc.TotalProcessorTime;
                for (var c = start; c < end; c += 2048)
                {
                    var ce = Math.Min(end, c + 2048);
                    Parallel.For(c, ce, i => index.Search(queries[i], options));
                }

                proc.Refresh();
                var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
                Console.WriteLine($"{pass} rows {start,8}-{end,8}: {(end - start) / sw.Elapsed.TotalSeconds,8:0}/s wall, {(end - start) / cpu,8:0} per CPU-second");
            }

            proc.Refresh();
            Console.WriteLine($"{pass} total: {queries.Count / total.Elapsed.TotalSeconds:0}/s wall, {queries.Count / (proc.TotalProcessorTime - cpuTotal).TotalSeconds:0} per CPU-second; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
    }
}
