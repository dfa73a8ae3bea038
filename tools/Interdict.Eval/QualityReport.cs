using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Interdict.Eval;

/// <summary>Scores `screen` and `compare` output against the labelled sets and writes docs/quality.md.</summary>
internal static class QualityReport
{
    private static readonly double[] Sweep = [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95];

    public static int Score(Args args)
    {
        var dir = args.Get("dir");
        var threshold = double.Parse(args.GetOr("threshold", "0.80"), CultureInfo.InvariantCulture);
        var labels = ReadLabels(Path.Combine(dir, "queries.csv"));
        var results = ReadScreen(args.Get("screen"));
        var pairs = ReadPairs(Path.Combine(dir, "pairs.jsonl"));
        var scores = ReadCompare(args.Get("compare"));

        var sb = new StringBuilder();
        sb.AppendLine("# Screening quality");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} by `scripts/quality.sh` on the bundled lists (OFAC SDN 2023-12-28, OFAC consolidated 2025-12, UN 2026-02-27). Default threshold: **{threshold:0.00}**.");
        sb.AppendLine();
        sb.AppendLine("How the sets are built (`tools/Interdict.Eval`, fixed seed, regenerated on every run): positives are list names and");
        sb.AppendLine("synthetic variants of them, each labelled with the entry it must find; negatives are names of parties on no list");
        sb.AppendLine("(OpenSanctions' synthetic persons in US and global scripts, SEC-registered companies, Bogus fake names in ten");
        sb.AppendLine("locales) and namesakes (a listed surname with another given name and date of birth). Every query runs through");
        sb.AppendLine("`./interdict screen` (limit 10, threshold 0.5, scores kept) and every pair through `./interdict compare`.");
        sb.AppendLine("A positive counts as found when its entry is among the matches at or above the threshold; a negative is a false");
        sb.AppendLine("positive when it raises any match at or above the threshold.");
        sb.AppendLine();
        sb.AppendLine("## `screen`: recall per category (positives) and false-positive rate (negatives) at the default threshold");
        sb.AppendLine();
        sb.AppendLine("| Category | Queries | Recall | Mean score of the expected entry |");
        sb.AppendLine("|---|---:|---:|---:|");
        var positives = labels.Where(l => l.Expected.Length > 0).ToList();
        foreach (var g in positives.GroupBy(l => l.Category))
        {
            var found = g.Count(l => ExpectedScore(results, l) >= threshold);
            var mean = g.Select(l => ExpectedScore(results, l)).Average();
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count()} | {(double)found / g.Count():0.000} | {mean:0.000} |");
        }

        var allFound = positives.Count(l => ExpectedScore(results, l) >= threshold);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **all positives** | {positives.Count} | **{(double)allFound / positives.Count:0.000}** | |");
        sb.AppendLine();
        sb.AppendLine("| Negative set | Queries | False-positive rate | Examples of false positives |");
        sb.AppendLine("|---|---:|---:|---|");
        var negatives = labels.Where(l => l.Expected.Length == 0).ToList();
        foreach (var g in negatives.GroupBy(l => l.Category))
        {
            var fps = g.Where(l => TopScore(results, l.Id) >= threshold).ToList();
            var examples = string.Join("; ", fps.Take(3).Select(l => $"{l.Name} → {TopMatch(results, l.Id)}"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count()} | {(double)fps.Count / g.Count():0.0000} | {examples.Replace("|", "/", StringComparison.Ordinal)} |");
        }

        var allFp = negatives.Count(l => TopScore(results, l.Id) >= threshold);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **all negatives** | {negatives.Count} | **{(double)allFp / negatives.Count:0.0000}** | |");
        sb.AppendLine();
        sb.AppendLine("## Threshold sweep (`screen`)");
        sb.AppendLine();
        sb.AppendLine("Precision here is query-level on this set: found positives / (found positives + negatives raising an alert).");
        sb.AppendLine();
        sb.AppendLine("| Threshold | Recall | Lowest category recall | False-positive rate | Precision |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var t in Sweep)
        {
            var tp = positives.Count(l => ExpectedScore(results, l) >= t);
            var fp = negatives.Count(l => TopScore(results, l.Id) >= t);
            var worst = positives.GroupBy(l => l.Category).Min(g => (double)g.Count(l => ExpectedScore(results, l) >= t) / g.Count());
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {t:0.00} | {(double)tp / positives.Count:0.000} | {worst:0.000} | {(double)fp / negatives.Count:0.0000} | {(double)tp / Math.Max(1, tp + fp):0.000} |");
        }

        sb.AppendLine();
        sb.AppendLine("## `compare`: pairs");
        sb.AppendLine();
        sb.AppendLine("Each positive query paired with its entry (label true) and with another entry of the same kind that shares a name");
        sb.AppendLine("token (label false: a hard negative).");
        sb.AppendLine();
        sb.AppendLine("| Pairs | Count | Share with match=true |");
        sb.AppendLine("|---|---:|---:|");
        foreach (var g in pairs.GroupBy(p => p.Label ? "true: " + p.Category : "false: " + p.Category))
        {
            var hits = g.Count(p => scores.TryGetValue(p.Id, out var s) && s.Match);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count()} | {(double)hits / g.Count():0.000} |");
        }

        var posPairs = pairs.Where(p => p.Label).ToList();
        var negPairs = pairs.Where(p => !p.Label).ToList();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **all true pairs (recall)** | {posPairs.Count} | **{(double)posPairs.Count(p => scores.TryGetValue(p.Id, out var s) && s.Match) / posPairs.Count:0.000}** |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **all false pairs (false-positive rate)** | {negPairs.Count} | **{(double)negPairs.Count(p => scores.TryGetValue(p.Id, out var s) && s.Match) / negPairs.Count:0.000}** |");
        sb.AppendLine();
        sb.AppendLine("## Misses at the default threshold (first 40)");
        sb.AppendLine();
        sb.AppendLine("| Category | Query | Expected | Its score | Top match |");
        sb.AppendLine("|---|---|---|---:|---|");
        foreach (var l in positives.Where(l => ExpectedScore(results, l) < threshold).Take(40))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {l.Category} | {l.Name.Replace("|", "/", StringComparison.Ordinal)} | {l.Expected} | {ExpectedScore(results, l):0.000} | {TopMatch(results, l.Id).Replace("|", "/", StringComparison.Ordinal)} |");
        }

        File.WriteAllText(args.Get("out"), sb.ToString());
        Console.Error.WriteLine($"recall {(double)allFound / positives.Count:0.000}, false-positive rate {(double)allFp / negatives.Count:0.0000} at {threshold:0.00}");
        return 0;
    }

    private sealed record Label(string Id, string Name, string Category, string Expected);

    private sealed record Pair(string Id, bool Label, string Category);

    private static List<Label> ReadLabels(string path)
    {
        var rows = QualitySets.CsvRows(path).ToList();
        var h = rows[0];
        int Col(string n) => Array.IndexOf(h, n);
        return rows.Skip(1).Select(r => new Label(r[Col("id")], r[Col("name")], r[Col("category")], r[Col("expected")])).ToList();
    }

    private static Dictionary<string, List<(string Entity, string Name, double Score)>> ReadScreen(string path)
    {
        var d = new Dictionary<string, List<(string, string, double)>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("id").GetString()!;
            // A hit folded under a better hit of the same party (also_listed with a score) is still a hit.
            d[id] = doc.RootElement.GetProperty("matches").EnumerateArray()
                .SelectMany(m => new[] { m }.Concat(m.TryGetProperty("also_listed", out var also) ? also.EnumerateArray().Where(a => a.TryGetProperty("score", out _)) : []))
                .Select(m => (m.GetProperty("entity_id").GetString()!, m.GetProperty("matched_name").GetString()!, m.GetProperty("score").GetDouble())).ToList();
        }

        return d;
    }

    private static List<Pair> ReadPairs(string path) =>
        File.ReadLines(path).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var r = doc.RootElement;
            return new Pair(r.GetProperty("id").GetString()!, r.GetProperty("label").GetBoolean(), r.GetProperty("category").GetString()!);
        }).ToList();

    private static Dictionary<string, (double Score, bool Match)> ReadCompare(string path) =>
        File.ReadLines(path).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var r = doc.RootElement;
            return (Id: r.GetProperty("id").GetString()!, Score: r.TryGetProperty("score", out var s) ? s.GetDouble() : 0, Match: r.TryGetProperty("match", out var m) && m.GetBoolean());
        }).ToDictionary(x => x.Id, x => (x.Score, x.Match), StringComparer.Ordinal);

    private static double ExpectedScore(Dictionary<string, List<(string Entity, string Name, double Score)>> results, Label l) =>
        results.TryGetValue(l.Id, out var ms) ? ms.Where(m => m.Entity == l.Expected).Select(m => m.Score).DefaultIfEmpty(0).Max() : 0;

    private static double TopScore(Dictionary<string, List<(string Entity, string Name, double Score)>> results, string id) =>
        results.TryGetValue(id, out var ms) && ms.Count > 0 ? ms.Max(m => m.Score) : 0;

    private static string TopMatch(Dictionary<string, List<(string Entity, string Name, double Score)>> results, string id) =>
        results.TryGetValue(id, out var ms) && ms.Count > 0 ? ms.OrderByDescending(m => m.Score).Select(m => $"{m.Name} ({m.Entity}, {m.Score:0.00})").First() : "-";
}
