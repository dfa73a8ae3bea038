using System.Diagnostics;
using System.Globalization;
using System.Text;
using Interdict.Screening;
using Interdict.Screening.Payments;
using Interdict.Screening.Text;
using Interdict.Store;

namespace Interdict.Bench;

/// <summary>
/// In-process measurement of text screening throughput and payment screening latency on one thread, over a
/// database with the bundled lists (create one with `./interdict lists`). A Stopwatch loop rather than
/// BenchmarkDotNet: the figures wanted are a throughput over a megabyte and per-message percentiles.
/// </summary>
internal static class TextPaymentBench
{
    public static void Run(string[] args)
    {
        var db = Option(args, "--db") ?? Environment.GetEnvironmentVariable("INTERDICT_DB") ?? "interdict.db";
        var data = Option(args, "--data") ?? Path.Combine("tests", "data");
        var rounds = int.Parse(Option(args, "--rounds") ?? "200", CultureInfo.InvariantCulture);
        if (!File.Exists(db))
        {
            throw new FileNotFoundException($"no database at {db}: run `./interdict lists` first or pass --db");
        }

        var sw = Stopwatch.StartNew();
        Screener screener;
        using (var store = StoreFactory.Open(db))
        {
            screener = Screener.Load(store);
        }

        Console.WriteLine($"screener: {screener.EntityCount:N0} entries loaded in {sw.Elapsed.TotalSeconds:0.0} s");
        var text = new TextScreener(screener);
        sw.Restart();
        text.Screen("Warm up: Vladimir Putin.");
        Console.WriteLine($"text screener ready (name lexicon built) in {sw.Elapsed.TotalSeconds:0.0} s");

        var news = File.ReadAllText(Path.Combine(data, "text", "news-2021-04-16-us-sanctions-russia.txt"));
        var clean = Directory.GetFiles(Path.Combine(data, "text"), "clean-*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

        // Cold: the first time each reading is seen (nothing remembered yet); warm: names seen before, as in a news stream.
        Throughput("cold: news + clean prose, each file a document, first pass", text, [news, .. clean], 1);
        Throughput("warm: news replicated to 1 MB (one document)", text, [Replicate(news, 1 << 20)], 3);
        Throughput("warm: clean prose replicated to 1 MB (one document)", text, [Replicate(string.Join("\n\n", clean), 1 << 20)], 3);
        Throughput("warm: news + clean prose, each file a document", text, [news, .. clean], 20);

        // First sight at scale: prose in which a person never seen before is named every few hundred bytes, so the
        // engine's per-name cost shows, not only the memo's.
        // Latin script only: payment messages are in the SWIFT character set.
        var people = CustomerNames.Load(int.MaxValue).Where(n => n.All(c => c < 128)).ToList();
        Throughput("first sight: 1 MB of prose naming a new person every ~400 bytes (one document)", text, [NewNamesProse([news, .. clean], people, 1 << 20)], 1);

        var payments = new PaymentScreener(screener);
        var messages = Directory.GetFiles(Path.Combine(data, "payments")).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Body: File.ReadAllText(f))).ToList();
        Console.WriteLine();
        Console.WriteLine("payment screening, cold (first sight of each message's names):");
        foreach (var (name, body) in messages)
        {
            var t0 = Stopwatch.GetTimestamp();
            payments.Screen(body);
            Console.WriteLine($"  {name,-40} {Stopwatch.GetElapsedTime(t0).TotalMilliseconds,7:0.00} ms");
        }

        var firstSight = new List<double>();
        var generated = 0;
        var nameSource = 0;
        for (var i = 0; i < 2000; i++)
        {
            var (_, body) = messages[i % messages.Count];
            var fresh = WithNewNames(body, people, ref nameSource);
            generated++;
            var t = Stopwatch.GetTimestamp();
            payments.Screen(fresh);
            firstSight.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine($"payment screening, first sight: {generated} messages made from the {messages.Count} above with every party renamed to a synthetic person never seen before ({nameSource} names), one thread:");
        Console.WriteLine($"  p50 {Percentile(firstSight, 50):0.00} ms, p90 {Percentile(firstSight, 90):0.00} ms, p99 {Percentile(firstSight, 99):0.00} ms, max {firstSight.Max():0.00} ms");

        var all = new List<double>();
        var perMessage = messages.ToDictionary(m => m.Name, _ => new List<double>());
        for (var r = 0; r < rounds; r++)
        {
            foreach (var (name, body) in messages)
            {
                var t = Stopwatch.GetTimestamp();
                payments.Screen(body);
                var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                all.Add(ms);
                perMessage[name].Add(ms);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"payment screening, warm (parse + screen; party names remembered), {rounds} rounds of {messages.Count} messages, one thread:");
        Console.WriteLine($"  all: p50 {Percentile(all, 50):0.00} ms, p99 {Percentile(all, 99):0.00} ms, max {all.Max():0.00} ms");
        foreach (var (name, times) in perMessage)
        {
            Console.WriteLine($"  {name,-40} p50 {Percentile(times, 50),6:0.00} ms  p99 {Percentile(times, 99),6:0.00} ms");
        }
    }

    private static void Throughput(string label, TextScreener screener, IReadOnlyList<string> documents, int repeat)
    {
        long chars = 0, bytes = 0;
        var mentions = 0;
        var sw = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
        {
            foreach (var d in documents)
            {
                mentions += screener.Screen(d).Mentions.Count;
                chars += d.Length;
                bytes += Encoding.UTF8.GetByteCount(d);
            }
        }

        var s = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{label}: {bytes / 1e6 / s:0.00} MB/s ({bytes / (double)repeat / 1e3:N0} kB x {repeat} in {s:0.00} s, {mentions / repeat} mentions per pass)");
    }

    private static string NewNamesProse(IReadOnlyList<string> documents, List<string> people, int size)
    {
        var paragraphs = documents.SelectMany(d => d.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
        var sb = new StringBuilder(size + 4096);
        var i = 0;
        while (sb.Length < size)
        {
            sb.Append(paragraphs[i % paragraphs.Count]).Append(' ')
                .Append(people[i % people.Count]).Append(", a spokesperson for the company, said the figures were in line with expectations.\n\n");
            i++;
        }

        return sb.ToString();
    }

    /// <summary>The message with every party name replaced by the next synthetic name: XML Nm elements, and the name line of MT103 fields 50K and 59.</summary>
    private static string WithNewNames(string message, List<string> people, ref int next)
    {
        var n = next;
        string Next() => people[n++ % people.Count];
        string result;
        if (message.TrimStart().StartsWith('<'))
        {
            result = System.Text.RegularExpressions.Regex.Replace(message, "<Nm>[^<]*</Nm>", _ => $"<Nm>{System.Security.SecurityElement.Escape(Next())}</Nm>");
        }
        else
        {
            result = System.Text.RegularExpressions.Regex.Replace(message, "(:(?:50K|59):/[^\r\n]*\r?\n)[^\r\n]*", m => m.Groups[1].Value + Next().ToUpperInvariant());
        }

        next = n;
        return result;
    }

    private static string Replicate(string text, int size)
    {
        var sb = new StringBuilder(size + text.Length);
        while (sb.Length < size)
        {
            sb.Append(text).Append("\n\n");
        }

        return sb.ToString();
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
