using Interdict.Model;

namespace Interdict.Matching;

public sealed partial class MatchIndex
{
    [ThreadStatic]
    private static SearchScratch? _scratch;

    /// <summary>Candidate-based screening: the entries whose best name scores at or above the threshold, best first.</summary>
    public IReadOnlyList<Match> Search(ScreeningQuery query, ScreeningOptions? options = null) => Run(query, options ?? new ScreeningOptions(), exhaustive: false);

    /// <summary>
    /// Exhaustive baseline: scores every name of every entry with similarities computed from the spellings, bypassing
    /// the candidate retrieval. Same results as <see cref="Search"/> by construction; used to test retrieval and as
    /// the benchmark baseline.
    /// </summary>
    public IReadOnlyList<Match> ScanAll(ScreeningQuery query, ScreeningOptions? options = null) => Run(query, options ?? new ScreeningOptions(), exhaustive: true);

    /// <summary>Scores one query against one listed entry (its best name), whatever the threshold.</summary>
    public Match? Score(ScreeningQuery query, Entity entity) => Scorer.Score(query, entity);

    private List<Match> Run(ScreeningQuery query, ScreeningOptions options, bool exhaustive)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        var s = Scratch();
        s.NextQuery();
        var facts = RecordFacts.From(query);
        var plans = QueryNames(query).Select(n => Plan(n, query.Kind, s)).Where(p => p.Tokens.Length > 0).ToList();
        var threshold = (float)options.Threshold;

        // Entries sharing an identifier are always scored: an exact passport or IMO number is evidence on its own.
        foreach (var id in facts.Identifiers)
        {
            if (_byIdentifier.TryGetValue(id.Value, out var ents))
            {
                foreach (var e in ents)
                {
                    if (Allowed(e, options))
                    {
                        foreach (var nameId in _namesOfEntity[e])
                        {
                            for (var p = 0; p < plans.Count; p++)
                            {
                                ScoreName(plans[p], p, nameId, facts, s, exhaustive);
                            }
                        }
                    }
                }
            }
        }

        var bonus = (float)AttributeScorer.MaxBonusWithoutIdentifiers(facts);
        for (var p = 0; p < plans.Count; p++)
        {
            var plan = plans[p];
            if (exhaustive)
            {
                for (var nameId = 0; nameId < _names.Length; nameId++)
                {
                    if (Allowed(_names[nameId].Entity, options))
                    {
                        ScoreName(plan, p, nameId, facts, s, exhaustive: true);
                    }
                }

                continue;
            }

            Retrieve(plan, p, facts, options, (threshold - bonus) / NameScale, s);
        }

        return Collect(plans, facts, options, s);
    }

    private static IEnumerable<string> QueryNames(ScreeningQuery query)
    {
        yield return query.Name;
        foreach (var n in query.OtherNames)
        {
            if (!string.IsNullOrWhiteSpace(n))
            {
                yield return n;
            }
        }
    }

    private bool Allowed(int entity, ScreeningOptions options)
    {
        var e = _entities[entity];
        return (options.Kind is not { } k || e.Kind == k) && (options.Lists is null || options.Lists.Contains(e.ListId));
    }

    /// <summary>Final score of one listed name for the query, remembered when it is the entry's best so far.</summary>
    private void ScoreName(QueryPlan plan, int planIndex, int nameId, RecordFacts facts, SearchScratch s, bool exhaustive)
    {
        var entry = _names[nameId];
        s.Scored++;
        var ns = exhaustive
            ? NameAligner.Align(plan.Tokens, entry.Tokens, new DirectSimilarity(plan.Tokens, plan.Pairs, entry.Tokens, entry.Pairs), null)
            : NameAligner.Align(plan.Tokens, entry.Tokens, new PlanSimilarity(plan, entry), null);
        var e = entry.Entity;
        if (!s.TryGetAttributes(e, out var attr))
        {
            attr = AttributeScorer.Evaluate(facts, _facts[e], null);
            s.SetAttributes(e, attr);
        }

        var score = Final(ns.Score * entry.Factor, attr);
        s.Offer(e, score, nameId, planIndex);
    }

    internal const float NameScale = 0.9f;

    internal static float Final(float nameScore, double attributes) => (float)Math.Clamp((NameScale * nameScore) + attributes, 0, 1);

    private List<Match> Collect(List<QueryPlan> plans, RecordFacts facts, ScreeningOptions options, SearchScratch s)
    {
        var hits = new List<(int Entity, float Score, int Name, int Plan)>();
        foreach (var e in s.Entities)
        {
            var (score, name, plan) = s.BestOf(e);
            if (score >= options.Threshold)
            {
                hits.Add((e, score, name, plan));
            }
        }

        hits.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(_entities[a.Entity].Id, _entities[b.Entity].Id));
        var result = new List<Match>(Math.Min(hits.Count, Math.Max(0, options.Limit)));
        foreach (var h in hits.Take(Math.Max(0, options.Limit)))
        {
            var entry = _names[h.Name];
            var plan = plans[h.Plan];
            var explanation = Explain(plan.Normalized, plan.Tokens, plan.Pairs, entry.Normalized, entry.Tokens, entry.Pairs, entry.Factor, facts, _facts[h.Entity]);
            result.Add(new Match(_entities[h.Entity], entry.Name, h.Score, explanation));
        }

        return result;
    }

    /// <summary>Builds the explanation of one name pair (and checks nothing: the score is recomputed the same way).</summary>
    internal static MatchExplanation Explain(NormalizedName qn, TokenInfo[] q, PairInfo[] qp, NormalizedName cn, TokenInfo[] c, PairInfo[] cp, float aliasFactor, RecordFacts qf, RecordFacts cf)
    {
        var parts = new List<AlignedPart>();
        var ns = NameAligner.Align(q, c, new DirectSimilarity(q, qp, c, cp), parts);
        var evidence = new List<AttributeEvidence>();
        var attr = AttributeScorer.Evaluate(qf, cf, evidence);
        var den = parts.Sum(p => p.Weight);
        var tokens = parts.Select(p => new TokenAlignment
        {
            Kind = p.Kind,
            QueryToken = p.Q0 < 0 ? null : Originals(q, p.Q0, p.Q1),
            MatchedToken = p.C0 < 0 ? null : Originals(c, p.C0, p.C1),
            Role = p.Q0 >= 0 ? q[p.Q0].Role : c[p.C0].Role,
            Similarity = Math.Round(p.Similarity, 4),
            Weight = Math.Round(p.Weight, 4),
            Contribution = den > 0 ? Math.Round(p.Numerator / den, 4) : 0,
        }).ToList();
        var adjustments = new List<ScoreAdjustment>();
        if (ns.NothingDistinctive)
        {
            adjustments.Add(new ScoreAdjustment { Reason = "only legal forms, particles or initials matched", Factor = NameAligner.NothingDistinctive });
        }

        if (ns.NumbersDiffer)
        {
            adjustments.Add(new ScoreAdjustment { Reason = "numbers differ", Factor = NameAligner.NumbersDiffer });
        }

        if (ns.ThinEvidence < 1)
        {
            adjustments.Add(new ScoreAdjustment { Reason = "an organisation matched on one word only, inexact or short among other words", Factor = ns.ThinEvidence });
        }

        if (ns.NumberOneSide)
        {
            adjustments.Add(new ScoreAdjustment { Reason = "a number on one side only", Factor = NameAligner.NumberOneSide });
        }

        if (aliasFactor < 1)
        {
            adjustments.Add(new ScoreAdjustment { Reason = "weak alias (not to be screened on its own)", Factor = aliasFactor });
        }

        var nameScore = ns.Score * aliasFactor;
        return new MatchExplanation
        {
            QueryName = qn.Original,
            MatchedName = cn.Original,
            NameScore = Math.Round(nameScore, 4),
            Score = Math.Round(Final(nameScore, attr), 4),
            NameScoreScale = NameScale,
            Tokens = tokens,
            Adjustments = adjustments,
            Attributes = evidence,
        };
    }

    private static string Originals(TokenInfo[] t, int from, int to) =>
        from == to ? t[from].Original : string.Join(' ', Enumerable.Range(from, to - from + 1).Select(i => t[i].Original));

    /// <summary>How many names the calling thread's last search scored in full (diagnostics for tests and benchmarks).</summary>
    internal static int LastScoredCount => _scratch?.Scored ?? 0;

    internal SearchScratch Scratch()
    {
        var s = _scratch;
        if (s is null || s.NameCapacity < _names.Length || s.VocabCapacity < _vocab.Length || s.EntityCapacity < _entities.Length)
        {
            _scratch = s = new SearchScratch(Math.Max(_names.Length, s?.NameCapacity ?? 0), Math.Max(_vocab.Length, s?.VocabCapacity ?? 0), Math.Max(_entities.Length, s?.EntityCapacity ?? 0));
        }

        return s;
    }
}
