using System.Diagnostics;
using Interdict.Matching;
using Interdict.Model;
using Xunit.Abstractions;

namespace Interdict.Tests.Matching;

/// <summary>
/// The candidate-based search must return every entry the exhaustive scan scores at or above the threshold, with
/// the same score. Queries are real SDN names and aliases with synthetic damage: typos, reordering, dropped and
/// added tokens, merged tokens, initials.
/// </summary>
public class RetrievalCompletenessTests(ITestOutputHelper output)
{
    private static readonly string[] Common = ["Mohammed", "Ali", "Trading", "Company", "Ahmed", "International", "LLC", "Group"];

    public static string Damage(string name, Random rnd)
    {
        var tokens = name.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        var edits = rnd.Next(1, 3);
        for (var e = 0; e < edits; e++)
        {
            switch (rnd.Next(7))
            {
                case 0:
                case 1:
                    Typo(tokens, rnd);
                    break;
                case 2:
                    Shuffle(tokens, rnd);
                    break;
                case 3 when tokens.Count >= 3:
                    tokens.RemoveAt(rnd.Next(tokens.Count));
                    break;
                case 4 when tokens.Count >= 2:
                    var i = rnd.Next(tokens.Count - 1);
                    tokens[i] += tokens[i + 1];
                    tokens.RemoveAt(i + 1);
                    break;
                case 5:
                    tokens.Insert(rnd.Next(tokens.Count + 1), Common[rnd.Next(Common.Length)]);
                    break;
                case 6 when tokens.Count >= 2:
                    var k = rnd.Next(tokens.Count);
                    tokens[k] = tokens[k][..1] + ".";
                    break;
                default:
                    Typo(tokens, rnd);
                    break;
            }
        }

        return string.Join(' ', tokens);
    }

    private static void Typo(List<string> tokens, Random rnd)
    {
        var candidates = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].Length >= 4).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var t = candidates[rnd.Next(candidates.Count)];
        var w = tokens[t];
        var p = rnd.Next(w.Length - 1);
        var letter = (char)('a' + rnd.Next(26));
        tokens[t] = rnd.Next(4) switch
        {
            0 => w[..p] + letter + w[(p + 1)..],
            1 => w[..p] + w[(p + 1)..],
            2 => w[..p] + letter + w[p..],
            _ => w[..p] + w[p + 1] + w[p] + w[(p + 2)..],
        };
    }

    private static void Shuffle(List<string> tokens, Random rnd)
    {
        for (var i = tokens.Count - 1; i > 0; i--)
        {
            var j = rnd.Next(i + 1);
            (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
        }
    }

    private (int Queries, int Hits, int SourceFound) Check(int count, double threshold, int seed)
    {
        var index = OfacSample.Index;
        var names = OfacSample.Entities.SelectMany(e => e.Names.Select(n => (Entity: e, Name: n.Full))).ToList();
        var rnd = new Random(seed);
        var queries = Enumerable.Range(0, count).Select(_ =>
        {
            var (entity, name) = names[rnd.Next(names.Count)];
            return (entity.Id, Query: Damage(name, rnd));
        }).ToList();
        var options = new ScreeningOptions { Threshold = threshold, Limit = 100_000 };
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        int hits = 0, found = 0;
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(queries, new ParallelOptions { MaxDegreeOfParallelism = 2 }, q =>
        {
            var query = new ScreeningQuery { Name = q.Query };
            var search = index.Search(query, options).ToDictionary(m => m.Entity.Id, m => m.Score);
            var scan = index.ScanAll(query, options).ToDictionary(m => m.Entity.Id, m => m.Score);
            Interlocked.Add(ref hits, scan.Count);
            if (scan.ContainsKey(q.Id))
            {
                Interlocked.Increment(ref found);
            }

            foreach (var (id, score) in scan)
            {
                if (!search.TryGetValue(id, out var s) || Math.Abs(s - score) > 1e-6)
                {
                    mismatches.Add($"'{q.Query}': scan {id} {score:0.0000}, search {(search.TryGetValue(id, out var x) ? x.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "missing")}");
                }
            }

            foreach (var id in search.Keys.Where(k => !scan.ContainsKey(k)))
            {
                mismatches.Add($"'{q.Query}': search only {id}");
            }
        });
        output.WriteLine($"{count} queries at {threshold}: {hits} hits, source entry found for {found}, {sw.Elapsed.TotalSeconds:0.0} s");
        foreach (var m in mismatches.Take(20))
        {
            output.WriteLine(m);
        }

        Assert.Empty(mismatches);
        return (count, hits, found);
    }

    [Fact]
    public void Search_loses_nothing_the_exhaustive_scan_finds_at_the_default_threshold()
    {
        var (queries, hits, found) = Check(2000, ScreeningOptions.DefaultThreshold, seed: 3);
        // The damaged names are real tests of retrieval: most still find their own entry, and many find others too.
        Assert.True(found > queries * 0.6, $"source entry found for {found} of {queries}");
        Assert.True(hits > found, $"{hits} hits");
    }

    [Fact]
    public void Search_loses_nothing_at_a_low_threshold()
    {
        var (queries, _, found) = Check(400, 0.6, seed: 11);
        Assert.True(found > queries * 0.8, $"source entry found for {found} of {queries}");
    }

    [Fact]
    public void A_misspelt_distinctive_token_next_to_a_correct_common_one_is_found()
    {
        var hits = OfacSample.Index.Search(new ScreeningQuery { Name = "Nikolas Madurro" });
        Assert.Equal("ofac-sdn:22790", hits[0].Entity.Id);
        Assert.Equal("MADURO MOROS, Nicolas", hits[0].MatchedName.Full);
        var putin = OfacSample.Index.Search(new ScreeningQuery { Name = "Vladimir Poutine" }, new ScreeningOptions { Threshold = 0.7 });
        Assert.Equal("ofac-sdn:35096", putin[0].Entity.Id);
    }
}
