using Interdict.Matching;
using Interdict.Model;
using Xunit.Abstractions;

namespace Interdict.Tests.Matching;

public class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var index = OfacSample.Index;
        output.WriteLine($"build {sw.ElapsedMilliseconds} ms, {index.EntityCount} entities, {index.NameCount} names, vocab {index.VocabularySize}, mined {index.Variants.MinedPairs}");
        sw.Restart();
        var entities = OfacSample.Entities;
        output.WriteLine($"load {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var norm = entities.SelectMany(e => e.Names).Select(n => NameNormalizer.Normalize(n.Full)).Count();
        output.WriteLine($"normalise {norm} names {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        MatchIndex.Build(entities);
        output.WriteLine($"second build {sw.ElapsedMilliseconds} ms");
        foreach (var w in new[] { "mohammed", "ali", "hassan", "trading", "company", "khoroshev", "maduro", "putin", "vladimir", "llc" })
        {
            output.WriteLine($"  weight {w} = {index.TokenWeight(w):0.00}");
        }

        foreach (var q in new[] { "Nikolas Madurro", "Nicolas Maduro", "Vladimir Putin", "Putin", "Vladimir Vladimirovich Putin", "V. Putin", "Mohammed Ali", "Mohammed Hassan", "CORP", "Trading Company", "Al Aqsa Martyrs Brigade", "Al Aqsa Martyrs Brigade 44", "محمد", "Banco Nacional de Cuba", "BNC", "John Smith", "Kim Jong Un", "김정은", "Aerocaribbean Airlines", "Abdulrahman", "Osama bin Laden", "Usama bin Ladin" })
        {
            for (var w = 0; w < 30; w++)
            {
                index.Search(new ScreeningQuery { Name = q }, new ScreeningOptions { Threshold = 0.5, Limit = 4 });
            }

            sw.Restart();
            var hits = index.Search(new ScreeningQuery { Name = q }, new ScreeningOptions { Threshold = 0.5, Limit = 4 });
            var t1 = sw.Elapsed.TotalMilliseconds;
            var scored = MatchIndex.LastScoredCount;
            index.Search(new ScreeningQuery { Name = q });
            var scored80 = MatchIndex.LastScoredCount;
            sw.Restart();
            var scan = index.ScanAll(new ScreeningQuery { Name = q }, new ScreeningOptions { Threshold = 0.5, Limit = 4 });
            var t2 = sw.Elapsed.TotalMilliseconds;
            output.WriteLine($"{q}  [{NameNormalizer.Normalize(q)}] search {t1:0.00} ms scored {scored} at 0.5, {scored80} at default; scan {t2:0.0} ms");
            foreach (var h in hits)
            {
                output.WriteLine($"   {h.Score:0.000} {h.Entity.Id} {h.MatchedName.Full}");
            }

            if (hits.Count > 0)
            {
                output.WriteLine(hits[0].Explanation.ToString());
            }

            if (scan.Count != hits.Count || scan.Zip(hits).Any(p => p.First.Entity.Id != p.Second.Entity.Id))
            {
                output.WriteLine("   MISMATCH scan: " + string.Join("; ", scan.Select(h => $"{h.Score:0.000} {h.MatchedName.Full}")));
            }
        }
    }
}
