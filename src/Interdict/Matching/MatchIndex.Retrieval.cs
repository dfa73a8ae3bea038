using Interdict.Model;

namespace Interdict.Matching;

public sealed partial class MatchIndex
{
    /// <summary>A query name prepared against this index: tokens with weights, and every listed token each one can match.</summary>
    internal sealed class QueryPlan
    {
        private readonly int[] _keys;
        private readonly int[] _slots;
        private readonly int _mask;
        private readonly float[] _singleRows;
        private readonly float[] _mergedRows;
        private readonly List<int> _slotVocab = [];

        public QueryPlan(NormalizedName normalized, TokenInfo[] tokens, PairInfo[] pairs, KeyValuePair<int, float>[][] single, KeyValuePair<int, float>[]?[] merged)
        {
            Normalized = normalized;
            Tokens = tokens;
            Pairs = pairs;
            Single = single;
            Merged = merged;

            // Scoring a listed name asks for the similarity of every (query token, listed token) pair: one open-addressed
            // lookup per listed token gives the row of all query tokens' similarities, instead of a dictionary lookup
            // per pair (the bound check of candidate names was a third of the search time).
            var count = 0;
            foreach (var d in single)
            {
                count += d.Length;
            }

            foreach (var d in merged)
            {
                count += d?.Length ?? 0;
                HasMerged |= d is { Length: > 0 };
            }

            var capacity = 16;
            while (capacity < count * 2)
            {
                capacity <<= 1;
            }

            _mask = capacity - 1;
            _keys = new int[capacity];
            _slots = new int[capacity];
            Array.Fill(_keys, -1);
            var n = tokens.Length;
            var rows = 0;
            foreach (var d in single)
            {
                foreach (var (v, _) in d)
                {
                    Reserve(v, ref rows);
                }
            }

            foreach (var d in merged)
            {
                foreach (var (v, _) in d ?? [])
                {
                    Reserve(v, ref rows);
                }
            }

            _singleRows = new float[rows * n];
            _mergedRows = new float[rows * n];
            for (var i = 0; i < n; i++)
            {
                foreach (var (v, sim) in single[i])
                {
                    _singleRows[(SlotOf(v) * n) + i] = sim;
                }

                foreach (var (v, sim) in merged[i] ?? [])
                {
                    _mergedRows[(SlotOf(v) * n) + i] = sim;
                }
            }
        }

        public NormalizedName Normalized { get; }

        /// <summary>Whether two adjacent query tokens written together match any listed word (rare: most bounds skip that check).</summary>
        public bool HasMerged { get; }

        public TokenInfo[] Tokens { get; }
        public PairInfo[] Pairs { get; }

        /// <summary>Per query token: vocabulary id (real or merged spelling) → similarity, for every id with a non-zero one.</summary>
        public KeyValuePair<int, float>[][] Single { get; }

        /// <summary>Per query token i: tokens i and i+1 written together → vocabulary id → similarity.</summary>
        public KeyValuePair<int, float>[]?[] Merged { get; }

        /// <summary>The vocabulary id of each row.</summary>
        public IReadOnlyList<int> SlotVocab => _slotVocab;

        /// <summary>Row of a vocabulary id in <see cref="SingleSim"/> and <see cref="MergedSim"/>, or -1 when no query token can match it.</summary>
        public int SlotOf(int vocab)
        {
            if (vocab < 0)
            {
                return -1;
            }

            var h = (int)(((uint)vocab * 0x9E3779B1u) >> 7) & _mask;
            while (true)
            {
                var k = _keys[h];
                if (k == vocab)
                {
                    return _slots[h];
                }

                if (k < 0)
                {
                    return -1;
                }

                h = (h + 1) & _mask;
            }
        }

        /// <summary>Similarity of query token <paramref name="qi"/> to the vocabulary id in row <paramref name="slot"/>.</summary>
        public float SingleSim(int slot, int qi) => slot < 0 ? 0 : _singleRows[(slot * Tokens.Length) + qi];

        /// <summary>Similarity of query tokens qi and qi+1 written together to the vocabulary id in row <paramref name="slot"/>.</summary>
        public float MergedSim(int slot, int qi) => slot < 0 ? 0 : _mergedRows[(slot * Tokens.Length) + qi];

        private void Reserve(int vocab, ref int rows)
        {
            var h = (int)(((uint)vocab * 0x9E3779B1u) >> 7) & _mask;
            while (_keys[h] >= 0)
            {
                if (_keys[h] == vocab)
                {
                    return;
                }

                h = (h + 1) & _mask;
            }

            _keys[h] = vocab;
            _slots[h] = rows++;
            _slotVocab.Add(vocab);
        }
    }

    /// <summary>Similarities looked up from the plan: the same values <see cref="DirectSimilarity"/> computes.</summary>
    private readonly struct PlanSimilarity(QueryPlan plan, NameEntry entry) : ISimilarity
    {
        public float Single(int qi, int cj)
        {
            ref var q = ref plan.Tokens[qi];
            ref var c = ref entry.Tokens[cj];
            if (q.Role != c.Role)
            {
                return Similarity.Single(q, c);
            }

            return plan.SingleSim(plan.SlotOf(c.Vocab), qi);
        }

        public float QueryMerged(int qi, int cj) =>
            entry.Tokens[cj].Role == TokenRole.Name ? plan.MergedSim(plan.SlotOf(entry.Tokens[cj].Vocab), qi) : 0;

        public float CandidateMerged(int qi, int cj) =>
            plan.Tokens[qi].Role == TokenRole.Name ? plan.SingleSim(plan.SlotOf(entry.Pairs[cj].Vocab), qi) : 0;
    }

    internal QueryPlan Plan(string name, EntityKind? kind, SearchScratch s) => Plan(NameNormalizer.Normalize(name, kind), s);

    internal QueryPlan Plan(NormalizedName norm, SearchScratch s)
    {
        var tokens = new List<TokenInfo>(norm.Tokens.Count);
        foreach (var t in norm.Tokens)
        {
            if (!t.Scored || tokens.Count >= NameAligner.MaxTokens)
            {
                continue;
            }

            var isName = t.Role == TokenRole.Name;
            tokens.Add(new TokenInfo
            {
                Text = t.Text,
                Original = t.Original,
                Role = t.Role,
                Group = isName ? Variants.KeyOfFolded(t.Text) : null,
                Skeleton = isName ? TokenFolding.Skeleton(t.Text) : string.Empty,
                Consonantal = t.Consonantal,
                Vocab = _vocabByKey.TryGetValue(TokenStatistics.Key(t.Role, t.Text), out var id) ? id : -1,
                Mask = Similarity.MaskOf(t.Text),
            });
        }

        var q = tokens.ToArray();
        var n = q.Length;
        var single = new KeyValuePair<int, float>[n][];
        var merged = new KeyValuePair<int, float>[]?[n];
        var pairs = new PairInfo[Math.Max(0, n - 1)];
        for (var i = 0; i < n; i++)
        {
            ref var t = ref q[i];
            var found = t.Role == TokenRole.Name ? NameMatches(t, s) : [];
            if (t.Vocab < 0)
            {
                single[i] = found;
                continue;
            }

            var d = s.PlanMatches;
            d.Clear();
            d[t.Vocab] = Similarity.Single(t, _vocab[t.Vocab]);
            foreach (var (v, sim) in found)
            {
                Add(d, v, sim);
            }

            single[i] = d.ToArray();
        }

        for (var i = 0; i + 1 < n; i++)
        {
            if (!Similarity.CanMerge(q[i].Role) || !Similarity.CanMerge(q[i + 1].Role))
            {
                pairs[i] = new PairInfo { Text = null, Vocab = -1 };
                continue;
            }

            var joined = Similarity.Join(q[i].Text, q[i + 1].Text);
            pairs[i] = new PairInfo { Text = joined, Vocab = -1, Mask = Similarity.MaskOf(joined) };
            var found = MergedMatches(joined);
            merged[i] = found.Length == 0 ? null : found;
        }

        // Query weights: the listed token's weight when the word is known; a misspelt word takes the weight of the
        // word it most resembles (a typo in "Mohammed" must not make it rare); an unknown word is rare.
        for (var i = 0; i < n; i++)
        {
            ref var t = ref q[i];
            if (t.Vocab >= 0 && !_virtual[t.Vocab])
            {
                t.Weight = _vocab[t.Vocab].Weight;
                continue;
            }

            if (t.Role == TokenRole.Initial)
            {
                t.Weight = Similarity.InitialWeight;
                continue;
            }

            float bestSim = 0, bestWeight = 0;
            foreach (var (v, sim) in single[i])
            {
                if (_virtual[v] || _vocab[v].Role != TokenRole.Name || sim < 0.8f)
                {
                    continue;
                }

                if (sim > bestSim || (sim == bestSim && _vocab[v].Weight > bestWeight))
                {
                    bestSim = sim;
                    bestWeight = _vocab[v].Weight;
                }
            }

            t.Weight = bestSim > 0 ? bestWeight : UnknownWeight(t.Role, TokenStatistics.Key(t.Role, t.Text));
        }

        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Text is not null)
            {
                pairs[i].Weight = q[i].Weight + q[i + 1].Weight;
            }
        }

        return new QueryPlan(norm, q, pairs, single, merged);
    }

    /// <summary>Upper bound on cached token analyses, so that a stream of unique names cannot grow memory without end.</summary>
    private const int TokenCacheLimit = 200_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KeyValuePair<int, float>[]> _tokenCache = new(StringComparer.Ordinal);
    private int _tokenCacheCount;

    /// <summary>
    /// Every listed word (and merged pair of listed words) a query name word can match, with its similarity: edit
    /// distance within the allowed edits, variant group, consonant skeleton, initials. Cached per spelling: customer
    /// names repeat their words, and the answer depends only on the spelling and the index.
    /// </summary>
    private KeyValuePair<int, float>[] NameMatches(in TokenInfo token, SearchScratch s)
    {
        var key = (token.Consonantal ? "C|" : "L|") + token.Text;
        if (_tokenCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var t = token;
        var d = s.Matches;
        d.Clear();
        if (t.Text.Length >= 4)
        {
            foreach (var v in Fuzzy(t.Text, _bigramsReal, s))
            {
                Add(d, v, Similarity.Single(t, _vocab[v]));
            }
        }

        if (t.Group is { } g && _groupMembers.TryGetValue(g, out var members))
        {
            foreach (var v in members)
            {
                Add(d, v, Similarity.Single(t, _vocab[v]));
            }
        }

        if (t.Skeleton.Length >= 2 && _skeletonMembers.TryGetValue(t.Skeleton, out var sk))
        {
            foreach (var v in sk)
            {
                if (t.Consonantal || _vocab[v].Consonantal)
                {
                    Add(d, v, Similarity.Single(t, _vocab[v]));
                }
            }
        }

        if (_vocabByKey.TryGetValue("I:" + t.Text[0], out var initial))
        {
            Add(d, initial, Similarity.Single(t, _vocab[initial]));
        }

        // The query word against two listed words written together.
        if (_vocabByKey.TryGetValue("V:" + t.Text, out var exactJoined))
        {
            Add(d, exactJoined, 1f);
        }

        var result = d.ToArray();
        if (Interlocked.Increment(ref _tokenCacheCount) <= TokenCacheLimit)
        {
            _tokenCache.TryAdd(key, result);
        }

        return result;
    }

    /// <summary>The listed name word spelled like two query words written together.</summary>
    private KeyValuePair<int, float>[] MergedMatches(string joined) =>
        _vocabByKey.TryGetValue("N:" + joined, out var exact) ? [new KeyValuePair<int, float>(exact, 1f)] : [];

    private static void Add(Dictionary<int, float> d, int v, float sim)
    {
        if (sim > 0 && (!d.TryGetValue(v, out var old) || old < sim))
        {
            d[v] = sim;
        }
    }

    /// <summary>
    /// Every word in the bigram index within the allowed edit distance of <paramref name="text"/>, by the q-gram
    /// lemma: k edits destroy at most 3k of the |text|+1 bigrams of "^text$", and move the others by at most k
    /// positions, so a word sharing fewer within that window cannot be within k. Survivors are only candidates:
    /// the caller computes the similarity.
    /// </summary>
    private List<int> Fuzzy(string text, int[][] bigrams, SearchScratch s)
    {
        var gen = s.NextCountGeneration();
        var touched = s.CountTouched;
        touched.Clear();
        var qlen = text.Length;
        var kMax = Similarity.AllowedEdits(qlen);
        var result = s.FuzzyResult;
        result.Clear();
        if (kMax == 0)
        {
            return result;
        }

        // Only words of a compatible length, and only bigrams near the same position, can survive k edits.
        var lo = Math.Max(1, qlen - kMax);
        var hi = Math.Min(MaxBucket, qlen + kMax);
        var counters = s.Counters;
        for (var p = 0; p <= qlen; p++)
        {
            var g = Bigram(text, p) * (MaxBucket + 1);
            for (var len = lo; len <= hi; len++)
            {
                foreach (var packed in bigrams[g + len])
                {
                    var pos = packed & 31;
                    if (Math.Abs(pos - p) > kMax && pos < 31 && p < 31)
                    {
                        continue;
                    }

                    ref var c = ref counters[packed >> 5];
                    if (c.Stamp != gen)
                    {
                        c.Stamp = gen;
                        c.Count = 1;
                        c.LastPosition = (short)p;
                        c.Length = (short)len;
                        touched.Add(packed >> 5);
                    }
                    else if (c.LastPosition != p)
                    {
                        c.LastPosition = (short)p;
                        c.Count++;
                    }
                }
            }
        }

        foreach (var v in touched)
        {
            ref var c = ref counters[v];
            var len = c.Length == MaxBucket ? _vocab[v].Text.Length : c.Length;
            var k = Similarity.AllowedEdits(Math.Min(len, qlen));
            if (k == 0 || Math.Abs(len - qlen) > k || c.Count < qlen + 1 - (3 * k))
            {
                continue;
            }

            result.Add(v);
        }

        return result;
    }

    /// <summary>
    /// Candidate retrieval for one query name. Upper bound of a name's score: with A the sum over query tokens of the
    /// best share (similarity × pair weight) any of its words can give, and D the discounted weight of the query
    /// tokens that touch none of its words, the name score is at most A / (A + D).
    /// </summary>
    private void Retrieve(QueryPlan plan, int planIndex, RecordFacts facts, ScreeningOptions options, float nameThreshold, SearchScratch s)
    {
        var q = plan.Tokens;
        var n = q.Length;
        Span<float> maxShare = stackalloc float[n];
        Span<float> maxCandidateWeight = stackalloc float[n];
        Span<int> order = stackalloc int[n];
        var total = 0f;
        for (var i = 0; i < n; i++)
        {
            float m = 0f, cw = 0f;
            foreach (var (v, sim) in plan.Single[i])
            {
                m = Math.Max(m, sim * ShareWeight(q[i], v));
                cw = Math.Max(cw, _vocab[v].Weight);
            }

            if (plan.Merged[i] is { } mi)
            {
                foreach (var (v, sim) in mi)
                {
                    m = Math.Max(m, sim * (q[i].Weight + _vocab[v].Weight));
                    cw = Math.Max(cw, _vocab[v].Weight);
                }
            }

            if (i > 0 && plan.Merged[i - 1] is { } mp)
            {
                foreach (var (v, sim) in mp)
                {
                    m = Math.Max(m, sim * q[i].Weight);
                    cw = Math.Max(cw, _vocab[v].Weight);
                }
            }

            if (q[i].Role == TokenRole.Initial)
            {
                m = Math.Max(m, 2 * Similarity.InitialWeight);
                cw = _maxNameWeight;
            }

            maxShare[i] = m;
            maxCandidateWeight[i] = cw;
            order[i] = i;
            total += q[i].Weight;
        }

        // Sort token indices by their best share, lightest first (n is small).
        for (var a = 1; a < n; a++)
        {
            var x = order[a];
            var b = a - 1;
            while (b >= 0 && maxShare[order[b]] > maxShare[x])
            {
                order[b + 1] = order[b];
                b--;
            }

            order[b + 1] = x;
        }

        // The lightest tokens that together (with every other token missing) still cannot reach the threshold never
        // open candidates; a listed name must share something with one of the others.
        float lightShare = 0, lightWeight = 0, lightCandidateWeight = 0;
        var light = 0;
        while (light < n)
        {
            var i = order[light];
            var a = lightShare + maxShare[i];
            var d = NameAligner.UnmatchedQuery * (total - lightWeight - q[i].Weight);
            var canReach = a > 0 && (d <= 0 || (a / (a + d)) + 1e-4f >= nameThreshold);
            if (canReach)
            {
                break;
            }

            lightShare = a;
            lightWeight += q[i].Weight;
            lightCandidateWeight += maxCandidateWeight[i];
            light++;
        }

        if (light == n)
        {
            return;
        }

        if (nameThreshold <= 0)
        {
            // A threshold at zero admits names sharing nothing with the query: score every name.
            for (var nameId = 0; nameId < _names.Length; nameId++)
            {
                if (Allowed(_names[nameId].Entity, options))
                {
                    ScoreName(plan, planIndex, nameId, facts, s, exhaustive: false);
                }
            }

            return;
        }

        // The plan's rows by vocabulary id in a dense, stamped array: the bound below looks up every word of every
        // candidate name, and an array index is cheaper than the plan's hash.
        var slotGen = s.NextSlotGeneration();
        var slotMap = s.SlotMap;
        for (var r = 0; r < plan.SlotVocab.Count; r++)
        {
            slotMap[plan.SlotVocab[r]] = new SlotCell { Stamp = slotGen, Slot = r };
        }

        // Per token, the most the tokens from it onwards can still add: lets the bound stop as soon as it cannot pass.
        Span<float> remaining = stackalloc float[n + 1];
        remaining[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            remaining[i] = remaining[i + 1] + maxShare[i];
        }

        var nameGen = s.NextNameGeneration();
        var cells = s.Cells;
        var candidates = s.Candidates;
        candidates.Clear();
        var essentialWeight = 0f;
        for (var k = light; k < n; k++)
        {
            var i = order[k];
            essentialWeight += q[i].Weight;
            var bestGen = s.NextBestGeneration();
            s.BestTouched.Clear();
            foreach (var (v, sim) in plan.Single[i])
            {
                Bump(_postings[v], sim * ShareWeight(q[i], v), _vocab[v].Weight, bestGen, s);
            }

            if (q[i].Role == TokenRole.Initial && q[i].Text[0] < 128)
            {
                // An initial can match any word with its letter.
                Bump(_namesByFirstLetter[q[i].Text[0]], 2 * Similarity.InitialWeight, _maxNameWeight, bestGen, s);
            }

            if (plan.Merged[i] is { } mi)
            {
                foreach (var (v, sim) in mi)
                {
                    Bump(_postings[v], sim * (q[i].Weight + _vocab[v].Weight), _vocab[v].Weight, bestGen, s);
                }
            }

            if (i > 0 && plan.Merged[i - 1] is { } mp)
            {
                foreach (var (v, sim) in mp)
                {
                    Bump(_postings[v], sim * q[i].Weight, _vocab[v].Weight, bestGen, s);
                }
            }

            foreach (var nameId in s.BestTouched)
            {
                ref var cell = ref cells[nameId];
                if (cell.AccStamp != nameGen)
                {
                    cell.AccStamp = nameGen;
                    cell.Acc = 0;
                    cell.AccWeight = 0;
                    cell.AccCandidateWeight = 0;
                    candidates.Add(nameId);
                }

                cell.Acc += cell.Best;
                cell.AccWeight += q[i].Weight;
                cell.AccCandidateWeight += cell.BestCandidateWeight;
            }
        }

        s.CandidatesSeen += candidates.Count;
        foreach (var nameId in candidates)
        {
            // Cheap bound first (light tokens assumed to match at their best), then the bound from this name's words.
            // Listed words beyond what the query tokens can have matched stay unmatched.
            ref var cell = ref cells[nameId];
            var a = cell.Acc + lightShare;
            var d = (NameAligner.UnmatchedQuery * (essentialWeight - cell.AccWeight))
                + (NameAligner.UnmatchedCandidate * Math.Max(0, _nameTotalWeight[nameId] - cell.AccCandidateWeight - lightCandidateWeight));
            if (a / (a + d) + 1e-4f < nameThreshold || !Allowed(_names[nameId].Entity, options))
            {
                continue;
            }

            s.Bounded++;
            if (NameBound(plan, _names[nameId], slotMap, slotGen, remaining, nameThreshold) + 1e-4f < nameThreshold)
            {
                continue;
            }

            ScoreName(plan, planIndex, nameId, facts, s, exhaustive: false);
        }
    }

    /// <summary>
    /// Upper bound of the name score of one listed name: every query token takes its best share among the name's
    /// words (as if it could have each of them), and tokens with none count as unmatched.
    /// </summary>
    private static float NameBound(QueryPlan plan, NameEntry entry, SlotCell[] slotMap, int slotGen, ReadOnlySpan<float> remaining, float threshold)
    {
        var q = plan.Tokens;
        var c = entry.Tokens;
        var n = Math.Min(q.Length, NameAligner.MaxTokens);
        var m = Math.Min(c.Length, NameAligner.MaxTokens);

        // The same similarities as PlanSimilarity, with each listed token's row looked up once.
        Span<int> slot = stackalloc int[m];
        Span<int> pairSlot = stackalloc int[m];
        for (var j = 0; j < m; j++)
        {
            var cell = slotMap[c[j].Vocab];
            slot[j] = cell.Stamp == slotGen ? cell.Slot : -1;
            var pv = j + 1 < m ? entry.Pairs[j].Vocab : -1;
            if (pv >= 0)
            {
                var pc = slotMap[pv];
                pairSlot[j] = pc.Stamp == slotGen ? pc.Slot : -1;
            }
            else
            {
                pairSlot[j] = -1;
            }
        }

        float a = 0, d = 0;
        ulong reachable = 0;
        for (var i = 0; i < n; i++)
        {
            ref var qi = ref q[i];
            var best = 0f;
            for (var j = 0; j < m; j++)
            {
                ref var cj = ref c[j];

                // Across roles only an initial and a word with its letter are alike (Similarity.Single, inlined).
                var s1 = qi.Role == cj.Role ? plan.SingleSim(slot[j], i)
                    : ((qi.Role == TokenRole.Initial && cj.Role == TokenRole.Name) || (cj.Role == TokenRole.Initial && qi.Role == TokenRole.Name)) && qi.Text[0] == cj.Text[0] ? Similarity.Initial : 0;
                if (s1 > 0)
                {
                    best = Math.Max(best, s1 * Similarity.PairWeight(qi, cj));
                    reachable |= 1UL << j;
                }

                if (pairSlot[j] >= 0 && qi.Role == TokenRole.Name)
                {
                    var s2 = plan.SingleSim(pairSlot[j], i);
                    if (s2 > 0)
                    {
                        best = Math.Max(best, s2 * (qi.Weight + cj.Weight + c[j + 1].Weight));
                        reachable |= 3UL << j;
                    }
                }

                if (plan.HasMerged && slot[j] >= 0 && cj.Role == TokenRole.Name)
                {
                    if (i + 1 < n)
                    {
                        var s3 = plan.MergedSim(slot[j], i);
                        if (s3 > 0)
                        {
                            best = Math.Max(best, s3 * (qi.Weight + cj.Weight));
                            reachable |= 1UL << j;
                        }
                    }

                    if (i > 0)
                    {
                        var s4 = plan.MergedSim(slot[j], i - 1);
                        if (s4 > 0)
                        {
                            best = Math.Max(best, s4 * qi.Weight);
                        }
                    }
                }
            }

            if (best > 0)
            {
                a += best;
            }
            else
            {
                d += NameAligner.UnmatchedQuery * qi.Weight;
            }

            // Even if every later token took its best share anywhere, the bound would stay under the threshold.
            var most = a + remaining[i + 1];
            if (most <= 0 || most / (most + d) + 1e-4f < threshold)
            {
                return most > 0 ? most / (most + d) : 0;
            }
        }

        // Listed words no query token can pair with stay unmatched whatever the alignment.
        for (var j = 0; j < m; j++)
        {
            if ((reachable & (1UL << j)) == 0)
            {
                d += NameAligner.UnmatchedCandidate * c[j].Weight;
            }
        }

        return a > 0 ? a / (a + d) : 0;
    }

    private float ShareWeight(in TokenInfo q, int v) =>
        _virtual[v] ? q.Weight + _vocab[v].Weight : Similarity.PairWeight(q, _vocab[v]);

    private static void Bump(int[] names, float share, float candidateWeight, int gen, SearchScratch s)
    {
        var cells = s.Cells;
        foreach (var nameId in names)
        {
            ref var cell = ref cells[nameId];
            if (cell.BestStamp != gen)
            {
                cell.BestStamp = gen;
                cell.Best = share;
                cell.BestCandidateWeight = candidateWeight;
                s.BestTouched.Add(nameId);
                continue;
            }

            if (share > cell.Best)
            {
                cell.Best = share;
            }

            if (candidateWeight > cell.BestCandidateWeight)
            {
                cell.BestCandidateWeight = candidateWeight;
            }
        }
    }

    /// <summary>A vocabulary id's row in the current plan, valid when <see cref="Stamp"/> is the scratch's slot generation.</summary>
    internal struct SlotCell
    {
        public int Stamp;
        public int Slot;
    }

    /// <summary>
    /// Per listed name, what retrieval accumulates for the current query: the best share of the query token being
    /// processed, and the sums over tokens. Kept together so one name's updates touch one cache line.
    /// </summary>
    internal struct NameCell
    {
        public int BestStamp;
        public float Best;
        public float BestCandidateWeight;
        public int AccStamp;
        public float Acc;
        public float AccWeight;
        public float AccCandidateWeight;
    }

    internal struct BigramCounter
    {
        public int Stamp;
        public short Count;
        public short LastPosition;
        public short Length;
    }

    /// <summary>Per-thread working memory of a search, reused across queries (generation stamps instead of clearing).</summary>
    internal sealed class SearchScratch(int names, int vocab, int entities)
    {
        private int _countGen;
        private int _bestGen;
        private int _nameGen;
        private int _slotGen;
        private int _entityGen;

        public int NameCapacity { get; } = names;
        public int VocabCapacity { get; } = vocab;
        public int EntityCapacity { get; } = entities;

        /// <summary>Per vocabulary word: bigram count for the word being looked up, kept together for cache locality.</summary>
        public BigramCounter[] Counters { get; } = new BigramCounter[vocab];
        public List<int> CountTouched { get; } = new(1024);
        public List<int> FuzzyResult { get; } = new(256);
        public Dictionary<int, float> Matches { get; } = new(256);
        public Dictionary<int, float> PlanMatches { get; } = new(256);

        public NameCell[] Cells { get; } = new NameCell[names];
        public SlotCell[] SlotMap { get; } = new SlotCell[vocab];
        public List<int> BestTouched { get; } = new(1024);
        public List<int> Candidates { get; } = new(1024);

        private readonly float[] _entityScore = new float[entities];
        private readonly int[] _entityName = new int[entities];
        private readonly int[] _entityPlan = new int[entities];
        private readonly int[] _entityStamp = new int[entities];
        private readonly double[] _attributes = new double[entities];
        private readonly int[] _attributeStamp = new int[entities];

        public List<int> Entities { get; } = new(64);

        public int NextCountGeneration() => ++_countGen;

        public int NextBestGeneration() => ++_bestGen;

        public int NextNameGeneration() => ++_nameGen;

        public int NextSlotGeneration() => ++_slotGen;

        public int Scored { get; set; }

        /// <summary>Names opened as candidates by the last query (diagnostics).</summary>
        public int CandidatesSeen { get; set; }

        /// <summary>Candidates that passed the cheap bound and had their words checked (diagnostics).</summary>
        public int Bounded { get; set; }

        public void NextQuery()
        {
            Scored = 0;
            CandidatesSeen = 0;
            Bounded = 0;
            _entityGen++;
            Entities.Clear();
        }

        public bool TryGetAttributes(int entity, out double value)
        {
            value = _attributes[entity];
            return _attributeStamp[entity] == _entityGen;
        }

        public void SetAttributes(int entity, double value)
        {
            _attributes[entity] = value;
            _attributeStamp[entity] = _entityGen;
        }

        public void Offer(int entity, float score, int name, int plan)
        {
            if (_entityStamp[entity] != _entityGen)
            {
                _entityStamp[entity] = _entityGen;
                _entityScore[entity] = score;
                _entityName[entity] = name;
                _entityPlan[entity] = plan;
                Entities.Add(entity);
            }
            else if (score > _entityScore[entity])
            {
                _entityScore[entity] = score;
                _entityName[entity] = name;
                _entityPlan[entity] = plan;
            }
        }

        public (float Score, int Name, int Plan) BestOf(int entity) => (_entityScore[entity], _entityName[entity], _entityPlan[entity]);
    }
}
