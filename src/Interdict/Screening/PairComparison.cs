using System.Text.Json;
using Interdict.Matching;

namespace Interdict.Screening;

/// <summary>
/// Scores pairs of FollowTheMoney-shaped records (the `compare` command; the shape of matching benchmarks such as
/// OpenSanctions' pairs files). Token rarity comes from the loaded lists, so a pair scores as it would in screening.
/// </summary>
public static class PairComparison
{
    public sealed record Summary(long Pairs, long Scored, long Bad, long Matches);

    public static Summary Run(MatchIndex index, TextReader input, TextWriter output, double threshold, string inputName = "input", Action<BadRow>? onBadRow = null)
    {
        long line = 0, scored = 0, bad = 0, matches = 0;
        string? text;
        while ((text = input.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            string? id = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                id = root.TryGetProperty("id", out var idEl) ? idEl.ToString() : line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var schema = root.TryGetProperty("schema", out var s) ? s.GetString() : null;
                if (!root.TryGetProperty("query", out var q) || !root.TryGetProperty("candidate", out var c))
                {
                    throw new FormatException("a pair needs \"query\" and \"candidate\" objects");
                }

                var query = FtmRecords.ToQuery(schema, FtmRecords.ReadProperties(q.TryGetProperty("properties", out var qp) ? qp : q));
                var candSchema = c.TryGetProperty("schema", out var cs) ? cs.GetString() : schema;
                var candidate = FtmRecords.ToEntity(id, candSchema, FtmRecords.ReadProperties(c.TryGetProperty("properties", out var cp) ? cp : c));
                var score = index.Score(query, candidate)?.Score ?? 0;
                scored++;
                var isMatch = score >= threshold;
                if (isMatch)
                {
                    matches++;
                }

                output.Write("{\"id\":");
                output.Write(JsonSerializer.Serialize(id));
                output.Write(",\"score\":");
                output.Write(QueryParsing.Invariant(Math.Round(score, 4)));
                output.Write(",\"match\":");
                output.Write(isMatch ? "true" : "false");
                output.WriteLine("}");
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                bad++;
                var reason = ex is JsonException ? "not valid JSON: " + ex.Message : ex.Message;
                onBadRow?.Invoke(new BadRow(line, id, reason));
                output.Write("{\"id\":");
                output.Write(JsonSerializer.Serialize(id));
                output.Write(",\"error\":");
                output.Write(JsonSerializer.Serialize($"{inputName}, line {line}: {reason}"));
                output.WriteLine("}");
            }
        }

        return new Summary(line, scored, bad, matches);
    }
}
