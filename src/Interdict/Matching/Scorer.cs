using Interdict.Model;

namespace Interdict.Matching;

/// <summary>The score of one record against another, with its explanation.</summary>
public sealed record Comparison(double Score, MatchExplanation Explanation)
{
    /// <summary>Whether the score reaches the given threshold (the product default when omitted).</summary>
    public bool IsMatch(double threshold = ScreeningOptions.DefaultThreshold) => Score >= threshold;
}

/// <summary>
/// Pairwise scoring of records (the <c>compare</c> command, and scoring a query against one listed entry). Uses the
/// same token alignment and attribute rules as <see cref="MatchIndex.Search"/>; token rarity comes from the index it
/// belongs to, or for <see cref="Default"/> from the bundled token frequencies of the OFAC SDN list. Thread-safe.
/// </summary>
public sealed class Scorer
{
    private readonly NameVariants _variants;
    private readonly MatchIndex? _index;

    internal Scorer(NameVariants variants, MatchIndex? index)
    {
        _variants = variants;
        _index = index;
    }

    /// <summary>Scoring with the maintained variant tables and the bundled token frequencies.</summary>
    public static Scorer Default { get; } = new(NameVariants.Default, null);

    /// <summary>Scores a candidate record against a query record: the best pair of their names, plus attribute evidence.</summary>
    public Comparison Compare(ScreeningQuery query, ScreeningQuery candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        var qf = RecordFacts.From(query);
        var cf = RecordFacts.From(candidate);
        var candidateNames = Names(candidate).Select(n => Prepare(n, candidate.Kind)).ToList();
        var best = Best(query, candidateNames.Select(c => (c, 1f)), qf, cf);
        return best is null
            ? new Comparison(0, new MatchExplanation { QueryName = query.Name, MatchedName = candidate.Name, NameScoreScale = MatchIndex.NameScale })
            : new Comparison(best.Value.Explanation.Score, best.Value.Explanation);
    }

    /// <summary>Scores a query against one listed entry: its best name (weak aliases count less), whatever the threshold.</summary>
    public Match? Score(ScreeningQuery query, Entity entity)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(entity);
        var qf = RecordFacts.From(query);
        var cf = RecordFacts.From(entity);
        var names = entity.Names.Select(n => (Prepared: Prepare(n.Full, entity.Kind), Factor: n.Strength == AliasStrength.Weak ? MatchIndex.WeakAliasFactor : 1f)).ToList();
        var best = Best(query, names, qf, cf);
        if (best is null)
        {
            return null;
        }

        var index = names.FindIndex(n => ReferenceEquals(n.Prepared, best.Value.Candidate));
        return new Match(entity, entity.Names[index], best.Value.Explanation.Score, best.Value.Explanation);
    }

    private (Prepared Candidate, MatchExplanation Explanation)? Best(ScreeningQuery query, IEnumerable<(Prepared Name, float Factor)> candidates, RecordFacts qf, RecordFacts cf)
    {
        var queryNames = Names(query).Select(n => PrepareQuery(n, query.Kind)).Where(p => p.Tokens.Length > 0).ToList();
        (Prepared Candidate, MatchExplanation Explanation)? best = null;
        foreach (var (c, factor) in candidates)
        {
            if (c.Tokens.Length == 0)
            {
                continue;
            }

            foreach (var q in queryNames)
            {
                var e = MatchIndex.Explain(q.Normalized, q.Tokens, q.Pairs, c.Normalized, c.Tokens, c.Pairs, factor, qf, cf);
                if (best is null || e.Score > best.Value.Explanation.Score)
                {
                    best = (c, e);
                }
            }
        }

        return best;
    }

    private static IEnumerable<string> Names(ScreeningQuery q) =>
        new[] { q.Name }.Concat(q.OtherNames).Where(n => !string.IsNullOrWhiteSpace(n));

    private sealed record Prepared(NormalizedName Normalized, TokenInfo[] Tokens, PairInfo[] Pairs);

    /// <summary>A query name: with an index, weighed exactly as the index's search weighs it (misspelt words take the weight of the word they resemble).</summary>
    private Prepared PrepareQuery(string name, EntityKind? kind)
    {
        if (_index is null)
        {
            return Prepare(name, kind);
        }

        var plan = _index.Plan(name, kind, _index.Scratch());
        return new Prepared(plan.Normalized, plan.Tokens, plan.Pairs);
    }

    private Prepared Prepare(string name, EntityKind? kind)
    {
        var norm = NameNormalizer.Normalize(name, kind);
        var tokens = norm.Tokens.Where(t => t.Scored).Take(NameAligner.MaxTokens).Select(t =>
        {
            var isName = t.Role == TokenRole.Name;
            return new TokenInfo
            {
                Text = t.Text,
                Original = t.Original,
                Role = t.Role,
                Weight = Weight(t.Role, t.Text),
                Group = isName ? _variants.KeyOfFolded(t.Text) : null,
                Skeleton = isName ? TokenFolding.Skeleton(t.Text) : string.Empty,
                Consonantal = t.Consonantal,
                Vocab = -1,
                Mask = Similarity.MaskOf(t.Text),
            };
        }).ToArray();
        var pairs = new PairInfo[Math.Max(0, tokens.Length - 1)];
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            pairs[i] = Similarity.CanMerge(tokens[i].Role) && Similarity.CanMerge(tokens[i + 1].Role)
                ? new PairInfo { Text = Similarity.Join(tokens[i].Text, tokens[i + 1].Text), Weight = tokens[i].Weight + tokens[i + 1].Weight, Vocab = -1, Mask = tokens[i].Mask | tokens[i + 1].Mask }
                : new PairInfo { Text = null, Vocab = -1 };
        }

        return new Prepared(norm, tokens, pairs);
    }

    private float Weight(TokenRole role, string text) =>
        _index?.WeightOf(role, text) ?? TokenStatistics.Prior.Weight(TokenStatistics.Key(role, text), role, 0, 0);
}
