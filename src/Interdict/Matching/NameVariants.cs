using System.Collections.Frozen;
using Interdict.Model;

namespace Interdict.Matching;

/// <summary>
/// Knowledge of which spellings are one name: the maintained tables (Data/name-variants.txt, Data/nicknames.txt)
/// plus equivalences mined from the lists, where the aliases of one entry spell one name several ways.
/// Each group has a canonical key; immutable and safe to share between threads.
/// </summary>
public sealed class NameVariants
{
    private readonly FrozenDictionary<string, string> _keyOf;

    private NameVariants(FrozenDictionary<string, string> keyOf, int minedPairs)
    {
        _keyOf = keyOf;
        MinedPairs = minedPairs;
    }

    /// <summary>The maintained tables only.</summary>
    public static NameVariants Default { get; } = LoadDefault();

    /// <summary>How many spellings belong to some group.</summary>
    public int Count => _keyOf.Count;

    /// <summary>How many equivalences were added from the lists (0 for <see cref="Default"/>).</summary>
    public int MinedPairs { get; }

    /// <summary>The canonical key of the group a single-word name belongs to, or null when it has no known variants.</summary>
    public string? KeyOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var folded = FoldWord(word);
        return folded is null ? null : KeyOfFolded(folded);
    }

    /// <summary>Whether two single-word names are known spellings of one name (identical spellings included).</summary>
    public bool AreEquivalent(string a, string b)
    {
        var fa = FoldWord(a);
        var fb = FoldWord(b);
        if (fa is null || fb is null)
        {
            return false;
        }

        if (string.Equals(fa, fb, StringComparison.Ordinal))
        {
            return true;
        }

        var ka = KeyOfFolded(fa);
        return ka is not null && string.Equals(ka, KeyOfFolded(fb), StringComparison.Ordinal);
    }

    /// <summary>A new instance that also treats the given pairs of spellings as one name.</summary>
    public NameVariants WithEquivalents(IEnumerable<(string A, string B)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var folded = new List<(string, string)>();
        foreach (var (a, b) in pairs)
        {
            if (FoldWord(a) is { } fa && FoldWord(b) is { } fb)
            {
                folded.Add((fa, fb));
            }
        }

        return WithFoldedEquivalents(folded);
    }

    /// <summary>
    /// Spelling variants found in the lists: two names of one entry that differ in exactly one name word, the two
    /// words being close (at most 2 edits, at most a third of their length). Returned as folded spellings.
    /// </summary>
    public static IReadOnlyList<(string A, string B)> MineFromLists(IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return Mine(entities.Select(e => (IReadOnlyList<NormalizedName>)e.Names.Select(n => NameNormalizer.Normalize(n.Full, e.Kind)).ToList()));
    }

    internal static List<(string A, string B)> Mine(IEnumerable<IReadOnlyList<NormalizedName>> namesPerEntity)
    {
        var found = new HashSet<(string, string)>();
        var onlyA = new List<string>();
        var onlyB = new List<string>();
        foreach (var names in namesPerEntity)
        {
            if (names.Count < 2 || names.Count > 40)
            {
                continue;
            }

            for (var x = 0; x < names.Count; x++)
            {
                for (var y = x + 1; y < names.Count; y++)
                {
                    Difference(names[x], names[y], onlyA);
                    Difference(names[y], names[x], onlyB);
                    if (onlyA.Count != 1 || onlyB.Count != 1)
                    {
                        continue;
                    }

                    string a = onlyA[0], b = onlyB[0];
                    var min = Math.Min(a.Length, b.Length);
                    if (min < 4)
                    {
                        continue;
                    }

                    var d = EditDistance.Bounded(a, b, 2);
                    if (d <= 2 && d * 3 <= min)
                    {
                        found.Add(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
                    }
                }
            }
        }

        return [.. found];
    }

    /// <summary>Name words of <paramref name="a"/> not in <paramref name="b"/> (as multisets).</summary>
    private static void Difference(NormalizedName a, NormalizedName b, List<string> result)
    {
        result.Clear();
        Span<bool> used = stackalloc bool[Math.Min(b.Tokens.Count, 256)];
        foreach (var t in a.Tokens)
        {
            if (t.Role != TokenRole.Name)
            {
                continue;
            }

            var hit = false;
            for (var j = 0; j < b.Tokens.Count && j < used.Length; j++)
            {
                if (!used[j] && b.Tokens[j].Role == TokenRole.Name && string.Equals(b.Tokens[j].Text, t.Text, StringComparison.Ordinal))
                {
                    used[j] = true;
                    hit = true;
                    break;
                }
            }

            if (!hit)
            {
                result.Add(t.Text);
                if (result.Count > 1)
                {
                    return;
                }
            }
        }
    }

    internal string? KeyOfFolded(string folded) => _keyOf.TryGetValue(folded, out var k) ? k : null;

    internal NameVariants WithFoldedEquivalents(IReadOnlyCollection<(string A, string B)> pairs)
    {
        var uf = new UnionFind();
        // Existing groups first, so their keys stay the canonical ones.
        foreach (var (word, key) in _keyOf)
        {
            uf.Union(key, word);
            uf.Prefer(key);
        }

        foreach (var (a, b) in pairs)
        {
            uf.Union(a, b);
        }

        return new NameVariants(uf.ToKeys(), MinedPairs + pairs.Count);
    }

    private static string? FoldWord(string word)
    {
        var pieces = NameNormalizer.Split(word);
        if (pieces.Count != 1)
        {
            return null;
        }

        return TokenFolding.Fold(pieces[0].Latin);
    }

    private static NameVariants LoadDefault()
    {
        var uf = new UnionFind();
        foreach (var file in new[] { "name-variants.txt", "nicknames.txt" })
        {
            foreach (var line in MatchingData.Lines(file))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(FoldWord).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                for (var i = 1; i < words.Count; i++)
                {
                    uf.Union(words[0], words[i]);
                }

                if (words.Count > 0)
                {
                    uf.Prefer(words[0]);
                }
            }
        }

        return new NameVariants(uf.ToKeys(), 0);
    }

    private sealed class UnionFind
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        private readonly HashSet<string> _preferred = new(StringComparer.Ordinal);

        public string Find(string x)
        {
            if (_parent.TryAdd(x, x))
            {
                return x;
            }

            var root = x;
            while (!string.Equals(_parent[root], root, StringComparison.Ordinal))
            {
                root = _parent[root];
            }

            while (!string.Equals(x, root, StringComparison.Ordinal))
            {
                var next = _parent[x];
                _parent[x] = root;
                x = next;
            }

            return root;
        }

        /// <summary>Marks a word as a canonical key that should stay the key of its group.</summary>
        public void Prefer(string key) => _preferred.Add(Find(key));

        /// <summary>Joins two groups; a preferred key, else the first argument's root, stays the key.</summary>
        public void Union(string a, string b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (string.Equals(ra, rb, StringComparison.Ordinal))
            {
                return;
            }

            if (_preferred.Contains(rb) && !_preferred.Contains(ra))
            {
                (ra, rb) = (rb, ra);
            }

            _parent[rb] = ra;
        }

        public FrozenDictionary<string, string> ToKeys()
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var x in _parent.Keys.ToList())
            {
                d[x] = Find(x);
            }

            return d.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }
}
