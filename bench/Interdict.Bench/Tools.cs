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
}
