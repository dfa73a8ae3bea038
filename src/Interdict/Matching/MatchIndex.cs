using Interdict.Model;

namespace Interdict.Matching;

/// <summary>
/// In-memory screening index over every name and alias of a set of entities. Immutable once built and safe for
/// concurrent <see cref="Search"/> calls.
/// <para>
/// Retrieval is exact with respect to the scorer: for each query token the index finds every listed token with a
/// non-zero similarity (exact, bigram-filtered edit distance, variant group, consonant skeleton, initial, merged
/// spellings), then accumulates per name an upper bound of the name score. Names whose bound cannot reach the
/// threshold are skipped, and query tokens too light to reach it on their own never open candidates. Every entry
/// <see cref="ScanAll"/> scores at or above the threshold is therefore returned by <see cref="Search"/>.
/// </para>
/// </summary>
public sealed partial class MatchIndex
{
    private const int BigramSlots = 128 * 128;

    private readonly Entity[] _entities;
    private readonly RecordFacts[] _facts;
    private readonly NameEntry[] _names;

    /// <summary>Each name's total token weight, apart from the entries: read for every candidate by the cheap bound.</summary>
    private readonly float[] _nameTotalWeight;
    private readonly int[][] _namesOfEntity;
    private readonly TokenStatistics _stats;

    // Vocabulary: one entry per (role, matching form); merged spellings of adjacent tokens are entries too ("virtual").
    private readonly Dictionary<string, int> _vocabByKey;
    private readonly TokenInfo[] _vocab;
    private readonly bool[] _virtual;
    private readonly int[] _df;
    private readonly int[][] _postings;
    private readonly int[][] _namesByFirstLetter;
    private readonly int[][] _bigramsReal;
    private readonly Dictionary<string, int[]> _groupMembers;
    private readonly Dictionary<string, int[]> _skeletonMembers;
    private readonly Dictionary<string, int[]> _byIdentifier;
    private readonly float _maxNameWeight;

    private readonly bool _listIndependent;

    private MatchIndex(IEnumerable<Entity> entities, bool listIndependent = false)
    {
        _entities = entities.ToArray();
        _stats = TokenStatistics.Prior;
        _listIndependent = listIndependent;
        var normalized = new NormalizedName[_entities.Length][];
        Parallel.For(0, _entities.Length, e =>
        {
            var ent = _entities[e];
            var arr = new NormalizedName[ent.Names.Count];
            for (var k = 0; k < arr.Length; k++)
            {
                arr[k] = NameNormalizer.Normalize(ent.Names[k].Full, ent.Kind);
            }

            normalized[e] = arr;
        });

        Variants = listIndependent ? NameVariants.Default : NameVariants.Default.WithFoldedEquivalents(NameVariants.Mine(normalized));
        _facts = _entities.Select(RecordFacts.From).ToArray();

        // Vocabulary and entry-level document frequencies.
        _vocabByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var vocab = new List<TokenInfo>();
        var isVirtual = new List<bool>();
        var df = new List<int>();
        var postings = new List<List<int>>();
        var names = new List<NameEntry>();
        var namesOfEntity = new int[_entities.Length][];
        var seenInEntity = new HashSet<int>();

        int Intern(string key, TokenRole role, string text, bool consonantal, bool virt)
        {
            if (!_vocabByKey.TryGetValue(key, out var id))
            {
                id = vocab.Count;
                _vocabByKey[key] = id;
                vocab.Add(new TokenInfo
                {
                    Text = text,
                    Original = text,
                    Role = role,
                    Group = role == TokenRole.Name && !virt ? Variants.KeyOfFolded(text) : null,
                    Skeleton = role == TokenRole.Name && !virt ? TokenFolding.Skeleton(text) : string.Empty,
                    Consonantal = consonantal,
                    Vocab = id,
                    Mask = Similarity.MaskOf(text),
                });
                isVirtual.Add(virt);
                df.Add(0);
                postings.Add([]);
            }
            else if (consonantal && !vocab[id].Consonantal)
            {
                var t = vocab[id];
                t.Consonantal = true;
                vocab[id] = t;
            }

            return id;
        }

        for (var e = 0; e < _entities.Length; e++)
        {
            seenInEntity.Clear();
            var ids = new List<int>(normalized[e].Length);
            for (var k = 0; k < normalized[e].Length; k++)
            {
                var norm = normalized[e][k];
                var toks = new List<TokenInfo>(norm.Tokens.Count);
                foreach (var t in norm.Tokens)
                {
                    if (!t.Scored || toks.Count >= NameAligner.MaxTokens)
                    {
                        continue;
                    }

                    var id = Intern(TokenStatistics.Key(t.Role, t.Text), t.Role, t.Text, t.Consonantal, virt: false);
                    seenInEntity.Add(id);
                    toks.Add(new TokenInfo { Text = t.Text, Original = t.Original, Role = t.Role, Vocab = id });
                }

                if (toks.Count == 0)
                {
                    continue;
                }

                var nameId = names.Count;
                var entry = new NameEntry(e, _entities[e].Names[k], norm, toks.ToArray(), new PairInfo[Math.Max(0, toks.Count - 1)]);
                for (var j = 0; j + 1 < toks.Count; j++)
                {
                    if (Similarity.CanMerge(toks[j].Role) && Similarity.CanMerge(toks[j + 1].Role))
                    {
                        var text = Similarity.Join(toks[j].Text, toks[j + 1].Text);
                        var vid = Intern("V:" + text, TokenRole.Name, text, consonantal: false, virt: true);
                        entry.Pairs[j] = new PairInfo { Text = text, Vocab = vid, Mask = Similarity.MaskOf(text) };
                    }
                    else
                    {
                        entry.Pairs[j] = new PairInfo { Text = null, Vocab = -1 };
                    }
                }

                names.Add(entry);
                ids.Add(nameId);
            }

            foreach (var id in seenInEntity)
            {
                df[id]++;
            }

            namesOfEntity[e] = ids.ToArray();
        }

        _vocab = vocab.ToArray();
        _virtual = isVirtual.ToArray();
        _df = df.ToArray();
        _names = names.ToArray();
        _namesOfEntity = namesOfEntity;

        // Weights, then the per-name token views (which copy vocabulary facts so that scoring never looks them up).
        var maxName = 0f;
        for (var v = 0; v < _vocab.Length; v++)
        {
            if (_virtual[v])
            {
                continue;
            }

            _vocab[v].Weight = _listIndependent
                ? _stats.Weight(TokenStatistics.Key(_vocab[v].Role, _vocab[v].Text), _vocab[v].Role, 0, 0)
                : _stats.Weight(TokenStatistics.Key(_vocab[v].Role, _vocab[v].Text), _vocab[v].Role, _df[v], _entities.Length);
            if (_vocab[v].Role == TokenRole.Name)
            {
                maxName = Math.Max(maxName, _vocab[v].Weight);
            }
        }

        _maxNameWeight = Math.Max(maxName, UnknownWeight(TokenRole.Name, "N:"));
        for (var nId = 0; nId < _names.Length; nId++)
        {
            var entry = _names[nId];
            for (var j = 0; j < entry.Tokens.Length; j++)
            {
                ref var t = ref entry.Tokens[j];
                var v = _vocab[t.Vocab];
                t.Weight = v.Weight;
                t.Group = v.Group;
                t.Skeleton = v.Skeleton;
                t.Consonantal = v.Consonantal;
                t.Mask = v.Mask;
                postings[t.Vocab].Add(nId);
            }

            for (var j = 0; j < entry.Pairs.Length; j++)
            {
                ref var p = ref entry.Pairs[j];
                if (p.Vocab < 0)
                {
                    continue;
                }

                p.Weight = entry.Tokens[j].Weight + entry.Tokens[j + 1].Weight;
                if (p.Weight > _vocab[p.Vocab].Weight)
                {
                    _vocab[p.Vocab].Weight = p.Weight;
                }

                postings[p.Vocab].Add(nId);
            }

            entry.Factor = entry.Name.Strength == AliasStrength.Weak ? WeakAliasFactor : 1f;
            entry.TotalWeight = entry.Tokens.Sum(t => t.Weight);
        }

        _postings = postings.Select(l => l.Distinct().ToArray()).ToArray();
        _nameTotalWeight = _names.Select(n => n.TotalWeight).ToArray();

        // Names by the first letters of their words: what a query initial can match.
        var byLetter = new List<int>[128];
        for (var nId = 0; nId < _names.Length; nId++)
        {
            foreach (var t in _names[nId].Tokens)
            {
                if (t.Role is TokenRole.Name or TokenRole.Initial && t.Text[0] < 128)
                {
                    var l = byLetter[t.Text[0]] ??= [];
                    if (l.Count == 0 || l[^1] != nId)
                    {
                        l.Add(nId);
                    }
                }
            }
        }

        _namesByFirstLetter = byLetter.Select(l => l?.ToArray() ?? []).ToArray();

        // Bigram index over name words for the edit-distance search.
        _bigramsReal = BuildBigrams(v => !_virtual[v] && _vocab[v].Role == TokenRole.Name);

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var skeletons = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var v = 0; v < _vocab.Length; v++)
        {
            if (_virtual[v] || _vocab[v].Role != TokenRole.Name)
            {
                continue;
            }

            if (_vocab[v].Group is { } g)
            {
                (groups.TryGetValue(g, out var l) ? l : groups[g] = []).Add(v);
            }

            if (_vocab[v].Skeleton.Length >= 2)
            {
                (skeletons.TryGetValue(_vocab[v].Skeleton, out var l) ? l : skeletons[_vocab[v].Skeleton] = []).Add(v);
            }
        }

        _groupMembers = groups.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _skeletonMembers = skeletons.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

        var byId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < _facts.Length; e++)
        {
            foreach (var id in _facts[e].Identifiers)
            {
                if (id.Value.Length > 0)
                {
                    var list = byId.TryGetValue(id.Value, out var l) ? l : byId[id.Value] = [];
                    if (list.Count == 0 || list[^1] != e)
                    {
                        list.Add(e);
                    }
                }
            }
        }

        _byIdentifier = byId.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        Scorer = new Scorer(Variants, this);
    }

    /// <summary>The weak-alias factor on the name score (OFAC: weak a.k.a.s are not to be screened on their own).</summary>
    public const float WeakAliasFactor = 0.80f;

    /// <summary>Builds the index over every name and alias of the entities.</summary>
    public static MatchIndex Build(IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return new MatchIndex(entities);
    }

    /// <summary>
    /// Builds an index whose scores do not depend on which entries it holds: token weights come from the bundled
    /// frequency table only and no spelling variants are mined from the entries' aliases. A pair then scores the same
    /// in any index, which is what lets portfolio monitoring re-screen only the entries that changed.
    /// </summary>
    public static MatchIndex BuildListIndependent(IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return new MatchIndex(entities, listIndependent: true);
    }

    /// <summary>Spelling variants the index uses: the maintained tables plus those mined from these entities' aliases.</summary>
    public NameVariants Variants { get; }

    /// <summary>Pairwise scoring with this index's token weights and variants.</summary>
    public Scorer Scorer { get; }

    public int EntityCount => _entities.Length;

    public int NameCount => _names.Length;

    /// <summary>Distinct tokens (excluding merged spellings).</summary>
    public int VocabularySize => _virtual.Count(v => !v);

    /// <summary>The rarity weight the index gives a single word (after normalisation), for diagnostics and tests.</summary>
    public double TokenWeight(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var norm = NameNormalizer.Normalize(word);
        var t = norm.Tokens.FirstOrDefault(x => x.Scored);
        return t is null ? 0 : WeightOf(t.Role, t.Text);
    }

    internal float WeightOf(TokenRole role, string text)
    {
        var key = TokenStatistics.Key(role, text);
        return _vocabByKey.TryGetValue(key, out var id) && !_virtual[id] ? _vocab[id].Weight : UnknownWeight(role, key);
    }

    internal float UnknownWeight(TokenRole role, string key) => _stats.Weight(key, role, 0, _listIndependent ? 0 : _entities.Length);

    /// <summary>Longest word length with its own posting bucket (longer words share the last one).</summary>
    private const int MaxBucket = 31;

    /// <summary>
    /// Bigram postings split by word length: slot = bigram × 32 + min(length, 31); each entry packs the vocabulary id
    /// with the bigram's position (vocab &lt;&lt; 5 | min(position, 31)).
    /// </summary>
    private int[][] BuildBigrams(Func<int, bool> include)
    {
        var lists = new List<int>?[BigramSlots * (MaxBucket + 1)];
        for (var v = 0; v < _vocab.Length; v++)
        {
            if (!include(v))
            {
                continue;
            }

            var text = _vocab[v].Text;
            var bucket = Math.Min(text.Length, MaxBucket);
            for (var p = 0; p <= text.Length; p++)
            {
                var slot = (Bigram(text, p) * (MaxBucket + 1)) + bucket;
                (lists[slot] ??= []).Add((v << 5) | Math.Min(p, 31));
            }
        }

        var result = new int[lists.Length][];
        for (var g = 0; g < lists.Length; g++)
        {
            result[g] = lists[g]?.ToArray() ?? [];
        }

        return result;
    }

    /// <summary>The bigram at position p of "^text$" (p = 0 .. text.Length).</summary>
    private static int Bigram(string text, int p)
    {
        var a = p == 0 ? '^' : text[p - 1];
        var b = p == text.Length ? '$' : text[p];
        return ((a & 0x7F) << 7) | (b & 0x7F);
    }

    /// <summary>A listed name as the index holds it.</summary>
    internal sealed class NameEntry(int entity, EntityName name, NormalizedName normalized, TokenInfo[] tokens, PairInfo[] pairs)
    {
        public int Entity { get; } = entity;
        public EntityName Name { get; } = name;
        public NormalizedName Normalized { get; } = normalized;
        public TokenInfo[] Tokens { get; } = tokens;
        public PairInfo[] Pairs { get; } = pairs;
        public float Factor { get; set; } = 1f;

        /// <summary>Sum of the scored tokens' weights.</summary>
        public float TotalWeight { get; set; }
    }
}
