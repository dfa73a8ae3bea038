namespace Interdict.Matching;

/// <summary>A scored token ready for comparison: matching form, role, rarity weight and the keys that make variants meet.</summary>
internal struct TokenInfo
{
    public string Text;
    public string Original;
    public TokenRole Role;
    public float Weight;

    /// <summary>Canonical key of the token's spelling group (name variants), or null.</summary>
    public string? Group;

    /// <summary>Consonant skeleton (names only), compared when one side is written without short vowels.</summary>
    public string Skeleton;
    public bool Consonantal;

    /// <summary>Vocabulary id in the index, or -1 outside an index.</summary>
    public int Vocab;

    /// <summary>Which letters and digits occur (<see cref="Similarity.MaskOf"/>): a cheap edit-distance lower bound.</summary>
    public ulong Mask;
}

/// <summary>Two adjacent tokens written together ("abdul" + "rahman" → "abdulrahman"), for split/merged matching.</summary>
internal struct PairInfo
{
    /// <summary>The concatenation, or null when the two tokens cannot merge (initials, numbers).</summary>
    public string? Text;
    public float Weight;
    public int Vocab;
    public ulong Mask;
}

/// <summary>Token similarity: the one definition both the index and the exhaustive scan use.</summary>
internal static class Similarity
{
    public const float Variant = 0.95f;
    public const float Consonants = 0.80f;
    public const float Initial = 0.80f;
    public const float InitialWeight = 1.0f;

    /// <summary>How many edits a name word may have and still match, by the shorter word's length.</summary>
    public static int AllowedEdits(int minLength) => minLength switch
    {
        <= 3 => 0,
        <= 7 => 1,
        <= 11 => 2,
        _ => 3,
    };

    public static float Single(in TokenInfo q, in TokenInfo c)
    {
        if (q.Role != c.Role)
        {
            if (q.Role == TokenRole.Initial && c.Role == TokenRole.Name && c.Text[0] == q.Text[0])
            {
                return Initial;
            }

            if (c.Role == TokenRole.Initial && q.Role == TokenRole.Name && q.Text[0] == c.Text[0])
            {
                return Initial;
            }

            return 0;
        }

        if (string.Equals(q.Text, c.Text, StringComparison.Ordinal))
        {
            return 1;
        }

        if (q.Role != TokenRole.Name)
        {
            return 0;
        }

        var s = Fuzzy(q.Text, c.Text, q.Mask, c.Mask);
        if (q.Group is not null && string.Equals(q.Group, c.Group, StringComparison.Ordinal) && s < Variant)
        {
            s = Variant;
        }

        if ((q.Consonantal || c.Consonantal) && s < Consonants && q.Skeleton.Length >= 2 && string.Equals(q.Skeleton, c.Skeleton, StringComparison.Ordinal))
        {
            s = Consonants;
        }

        return s;
    }

    /// <summary>Typo and transliteration tolerance on folded spellings: 1 − 0.6 × edits / length, within the allowed edits.</summary>
    public static float Fuzzy(string a, string b, ulong maskA, ulong maskB)
    {
        var min = Math.Min(a.Length, b.Length);
        var k = AllowedEdits(min);
        if (k == 0 || Math.Abs(a.Length - b.Length) > k || System.Numerics.BitOperations.PopCount(maskA ^ maskB) > 2 * k)
        {
            return 0;
        }

        var d = EditDistance.Bounded(a, b, k);
        return d > k ? 0 : 1f - (0.6f * d / Math.Max(a.Length, b.Length));
    }

    /// <summary>
    /// A word against two words written together ("abdulrahman" ~ "abdul" + "rahman"): the spellings must be equal.
    /// Typos on top of a merge are left out on purpose: an exact rule keeps the lookup a dictionary probe.
    /// </summary>
    public static float Merged(string joined, string word) => string.Equals(joined, word, StringComparison.Ordinal) ? 1 : 0;

    /// <summary>Two words written together, folded again so the seam reads as one word would ("jsc" + "argument" → "jskargument").</summary>
    public static string Join(string left, string right) => TokenFolding.Fold(left + right);

    /// <summary>
    /// One bit per letter or digit present. An edit changes at most two bits of this set (a substitution removes one
    /// letter and adds another), so more than 2k differing bits prove more than k edits.
    /// </summary>
    public static ulong MaskOf(string text)
    {
        ulong m = 0;
        foreach (var ch in text)
        {
            var bit = ch switch
            {
                >= 'a' and <= 'z' => ch - 'a',
                >= '0' and <= '9' => 26 + (ch - '0'),
                _ => 36 + (ch % 28),
            };
            m |= 1UL << bit;
        }

        return m;
    }

    public static bool CanMerge(TokenRole r) => r is TokenRole.Name or TokenRole.Particle or TokenRole.LegalForm;

    public static float PairWeight(in TokenInfo q, in TokenInfo c) =>
        q.Role == TokenRole.Initial || c.Role == TokenRole.Initial ? 2 * InitialWeight : q.Weight + c.Weight;
}

/// <summary>Where the aligner gets token similarities from.</summary>
internal interface ISimilarity
{
    float Single(int qi, int cj);

    /// <summary>Query tokens qi and qi+1 written together against candidate token cj.</summary>
    float QueryMerged(int qi, int cj);

    /// <summary>Query token qi against candidate tokens cj and cj+1 written together.</summary>
    float CandidateMerged(int qi, int cj);
}

/// <summary>Similarities computed from the spellings: the exhaustive scan and pairwise comparison.</summary>
internal readonly struct DirectSimilarity(TokenInfo[] q, PairInfo[] qp, TokenInfo[] c, PairInfo[] cp) : ISimilarity
{
    public float Single(int qi, int cj) => Similarity.Single(q[qi], c[cj]);

    public float QueryMerged(int qi, int cj) =>
        qp[qi].Text is { } joined && c[cj].Role == TokenRole.Name ? Similarity.Merged(joined, c[cj].Text) : 0;

    public float CandidateMerged(int qi, int cj) =>
        cp[cj].Text is { } joined && q[qi].Role == TokenRole.Name ? Similarity.Merged(joined, q[qi].Text) : 0;
}

/// <summary>The outcome of aligning two names.</summary>
internal readonly record struct NameScore(float Score, float Raw, float Factor, bool NothingDistinctive = false, bool NumbersDiffer = false, bool NumberOneSide = false);

/// <summary>One aligned pair or unmatched token, kept only when an explanation is asked for.</summary>
internal readonly record struct AlignedPart(string Kind, int Q0, int Q1, int C0, int C1, float Similarity, float Weight, float Numerator);

/// <summary>
/// Order-free token alignment of two names. Every token pair (and every pair of adjacent tokens written together
/// against one token) is an option; options are taken greedily by similarity, then by weight, each token used once.
/// The name score is Σ sim × pair weight over Σ pair weight + discounted weight of the tokens left unmatched.
/// </summary>
internal static class NameAligner
{
    /// <summary>Share of an unmatched query token's weight that counts against the score (a missing middle name costs little).</summary>
    public const float UnmatchedQuery = 0.5f;

    /// <summary>Share of an unmatched listed token's weight (lists add patronymics and second surnames the customer may not give).</summary>
    public const float UnmatchedCandidate = 0.35f;

    public const float NothingDistinctive = 0.5f;
    public const float NumbersDiffer = 0.5f;
    public const float NumberOneSide = 0.85f;
    public const int MaxTokens = 64;

    [ThreadStatic]
    private static Option[]? _options;

    private struct Option
    {
        public byte Kind; // 0 single, 1 query merged (qi, qi+1 → cj), 2 candidate merged (qi → cj, cj+1)
        public byte Q;
        public byte C;
        public float S;
        public float P;
    }

    public static NameScore Align<TSim>(TokenInfo[] q, TokenInfo[] c, in TSim sim, List<AlignedPart>? parts)
        where TSim : struct, ISimilarity
    {
        var n = Math.Min(q.Length, MaxTokens);
        var m = Math.Min(c.Length, MaxTokens);
        if (n == 0 || m == 0)
        {
            return default;
        }

        var cap = (n * m * 3) + 8;
        var options = _options;
        if (options is null || options.Length < cap)
        {
            _options = options = new Option[Math.Max(cap, 256)];
        }

        var count = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var s = sim.Single(i, j);
                if (s > 0)
                {
                    options[count++] = new Option { Kind = 0, Q = (byte)i, C = (byte)j, S = s, P = Similarity.PairWeight(q[i], c[j]) };
                }

                if (i + 1 < n)
                {
                    var sq = sim.QueryMerged(i, j);
                    if (sq > 0)
                    {
                        options[count++] = new Option { Kind = 1, Q = (byte)i, C = (byte)j, S = sq, P = q[i].Weight + q[i + 1].Weight + c[j].Weight };
                    }
                }

                if (j + 1 < m)
                {
                    var sc = sim.CandidateMerged(i, j);
                    if (sc > 0)
                    {
                        options[count++] = new Option { Kind = 2, Q = (byte)i, C = (byte)j, S = sc, P = q[i].Weight + c[j].Weight + c[j + 1].Weight };
                    }
                }
            }
        }

        // Insertion sort: by similarity, then weight, then merged options after single ones (stable, deterministic).
        for (var a = 1; a < count; a++)
        {
            var x = options[a];
            var b = a - 1;
            while (b >= 0 && Before(x, options[b]))
            {
                options[b + 1] = options[b];
                b--;
            }

            options[b + 1] = x;
        }

        ulong usedQ = 0, usedC = 0;
        float num = 0, matchedWeight = 0;
        var distinctive = false;
        for (var k = 0; k < count; k++)
        {
            var o = options[k];
            var qMask = o.Kind == 1 ? 3UL << o.Q : 1UL << o.Q;
            var cMask = o.Kind == 2 ? 3UL << o.C : 1UL << o.C;
            if ((usedQ & qMask) != 0 || (usedC & cMask) != 0)
            {
                continue;
            }

            usedQ |= qMask;
            usedC |= cMask;
            num += o.S * o.P;
            matchedWeight += o.P;
            var qr = q[o.Q].Role;
            var cr = c[o.C].Role;
            if (o.Kind != 0 || (qr is TokenRole.Name or TokenRole.Number && cr is TokenRole.Name or TokenRole.Number))
            {
                distinctive = true;
            }

            if (parts is not null)
            {
                var kind = o.Kind != 0 ? "merged" : PairKind(q[o.Q], c[o.C], o.S);
                parts.Add(new AlignedPart(kind, o.Q, o.Kind == 1 ? o.Q + 1 : o.Q, o.C, o.Kind == 2 ? o.C + 1 : o.C, o.S, o.P, o.S * o.P));
            }
        }

        float unmatched = 0;
        int qNumbers = 0, cNumbers = 0, numbersUnmatched = 0;
        for (var i = 0; i < n; i++)
        {
            if (q[i].Role == TokenRole.Number)
            {
                qNumbers++;
            }

            if ((usedQ & (1UL << i)) == 0)
            {
                unmatched += UnmatchedQuery * q[i].Weight;
                numbersUnmatched += q[i].Role == TokenRole.Number ? 1 : 0;
                parts?.Add(new AlignedPart("query_only", i, i, -1, -1, 0, UnmatchedQuery * q[i].Weight, 0));
            }
        }

        for (var j = 0; j < m; j++)
        {
            if (c[j].Role == TokenRole.Number)
            {
                cNumbers++;
            }

            if ((usedC & (1UL << j)) == 0)
            {
                unmatched += UnmatchedCandidate * c[j].Weight;
                numbersUnmatched += c[j].Role == TokenRole.Number ? 1 : 0;
                parts?.Add(new AlignedPart("candidate_only", -1, -1, j, j, 0, UnmatchedCandidate * c[j].Weight, 0));
            }
        }

        var den = matchedWeight + unmatched;
        var raw = den > 0 ? num / den : 0;
        var factor = 1f;
        var numbersDiffer = qNumbers > 0 && cNumbers > 0 && numbersUnmatched > 0;
        var oneSide = (qNumbers > 0) != (cNumbers > 0);
        if (!distinctive)
        {
            factor *= NothingDistinctive;
        }

        if (numbersDiffer)
        {
            factor *= NumbersDiffer;
        }
        else if (oneSide)
        {
            factor *= NumberOneSide;
        }

        return new NameScore(raw * factor, raw, factor, !distinctive, numbersDiffer, oneSide && !numbersDiffer);
    }

    private static bool Before(in Option x, in Option y)
    {
        if (x.S != y.S)
        {
            return x.S > y.S;
        }

        if (x.Kind != y.Kind)
        {
            return x.Kind < y.Kind;
        }

        return x.P > y.P;
    }

    private static string PairKind(in TokenInfo q, in TokenInfo c, float s)
    {
        if (q.Role == TokenRole.Initial || c.Role == TokenRole.Initial)
        {
            return s >= 1 ? "exact" : "initial";
        }

        if (s >= 1)
        {
            return "exact";
        }

        if (s >= Similarity.Variant && q.Group is not null && string.Equals(q.Group, c.Group, StringComparison.Ordinal))
        {
            return "variant";
        }

        if (s <= Similarity.Consonants && (q.Consonantal || c.Consonantal) && string.Equals(q.Skeleton, c.Skeleton, StringComparison.Ordinal))
        {
            return "consonants";
        }

        return "fuzzy";
    }
}
