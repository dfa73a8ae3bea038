using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Interdict.Model;

namespace Interdict.Matching;

/// <summary>One listed name that matched a query, with the score and the reasons for it.</summary>
public sealed record Match(Entity Entity, EntityName MatchedName, double Score, MatchExplanation Explanation);

/// <summary>How one query token lined up with the listed name.</summary>
public sealed record TokenAlignment
{
    /// <summary>exact | variant | fuzzy | consonants | initial | merged | query_only | candidate_only.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The query token(s) as written; null when only the listed name has the token.</summary>
    [JsonPropertyName("query_token")]
    public string? QueryToken { get; init; }

    /// <summary>The listed token(s) as written; null when only the query has the token.</summary>
    [JsonPropertyName("matched_token")]
    public string? MatchedToken { get; init; }

    [JsonPropertyName("role")]
    public TokenRole Role { get; init; }

    /// <summary>Token similarity in [0, 1] (0 for unmatched tokens).</summary>
    [JsonPropertyName("similarity")]
    public double Similarity { get; init; }

    /// <summary>The weight the pair (or the unmatched token) carries in the name score: rarity in the lists, lowered for legal forms and particles, discounted for unmatched tokens.</summary>
    [JsonPropertyName("weight")]
    public double Weight { get; init; }

    /// <summary>What this pair adds to the name score (the contributions sum to the name score before adjustments).</summary>
    [JsonPropertyName("contribution")]
    public double Contribution { get; init; }
}

/// <summary>What one record attribute (date of birth, country, gender, identifier, entity type) did to the score.</summary>
public sealed record AttributeEvidence
{
    /// <summary>birth_date | country | gender | identifier | kind.</summary>
    [JsonPropertyName("attribute")]
    public required string Attribute { get; init; }

    /// <summary>Added to the score (negative: counter-evidence).</summary>
    [JsonPropertyName("effect")]
    public double Effect { get; init; }

    [JsonPropertyName("detail")]
    public required string Detail { get; init; }
}

/// <summary>A factor applied to the name score (weak alias, numbers that disagree, nothing distinctive matched).</summary>
public sealed record ScoreAdjustment
{
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("factor")]
    public double Factor { get; init; }
}

/// <summary>
/// Why a listed name scored what it did: token alignment with weights and contributions, factors on the name
/// score, and the effect of each attribute. Serialises to snake_case JSON with System.Text.Json as is.
/// </summary>
public sealed record MatchExplanation
{
    [JsonPropertyName("query_name")]
    public required string QueryName { get; init; }

    [JsonPropertyName("matched_name")]
    public required string MatchedName { get; init; }

    /// <summary>Similarity of the two names alone, in [0, 1], after the adjustments.</summary>
    [JsonPropertyName("name_score")]
    public double NameScore { get; init; }

    /// <summary>The final score: <see cref="NameScoreScale"/> × name score + attribute effects, clamped to [0, 1].</summary>
    [JsonPropertyName("score")]
    public double Score { get; init; }

    /// <summary>The share of the score the name alone can give; attributes make up the rest.</summary>
    [JsonPropertyName("name_score_scale")]
    public double NameScoreScale { get; init; }

    [JsonPropertyName("tokens")]
    public IReadOnlyList<TokenAlignment> Tokens { get; init; } = [];

    [JsonPropertyName("adjustments")]
    public IReadOnlyList<ScoreAdjustment> Adjustments { get; init; } = [];

    [JsonPropertyName("attributes")]
    public IReadOnlyList<AttributeEvidence> Attributes { get; init; } = [];

    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"\"{QueryName}\" ~ \"{MatchedName}\": score {Score:0.000} (name {NameScore:0.000} x {NameScoreScale:0.00}");
        var attr = Attributes.Sum(a => a.Effect);
        if (Attributes.Count > 0)
        {
            sb.Append(ci, $" {(attr >= 0 ? "+" : "-")} attributes {Math.Abs(attr):0.000}");
        }

        sb.AppendLine(")");
        foreach (var t in Tokens)
        {
            var left = t.QueryToken ?? "-";
            var right = t.MatchedToken ?? "-";
            sb.AppendLine(ci, $"  {left,-22} {right,-22} {t.Kind,-14} sim {t.Similarity:0.00}  weight {t.Weight,5:0.00}  +{t.Contribution:0.000}");
        }

        foreach (var a in Adjustments)
        {
            sb.AppendLine(ci, $"  name score x {a.Factor:0.00}: {a.Reason}");
        }

        foreach (var a in Attributes)
        {
            sb.AppendLine(ci, $"  {a.Attribute,-10} {(a.Effect >= 0 ? "+" : "-")}{Math.Abs(a.Effect):0.000}  {a.Detail}");
        }

        return sb.ToString().TrimEnd();
    }
}
