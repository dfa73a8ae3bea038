using System.Reflection;

namespace Interdict.Matching;

/// <summary>Reads the maintained tables under Matching/Data, shipped as embedded resources so the library needs no files beside it.</summary>
internal static class MatchingData
{
    private const string Prefix = "Interdict.Matching.Data.";

    /// <summary>Non-empty, non-comment lines of one table (comments start with '#').</summary>
    public static IEnumerable<string> Lines(string file)
    {
        using var stream = typeof(MatchingData).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new InvalidOperationException($"embedded matching table '{file}' is missing from {typeof(MatchingData).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#' || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            lines.Add(line);
        }

        return lines;
    }

    public static bool Exists(string file) =>
        typeof(MatchingData).Assembly.GetManifestResourceInfo(Prefix + file) is not null;

    internal static Assembly Assembly => typeof(MatchingData).Assembly;
}
