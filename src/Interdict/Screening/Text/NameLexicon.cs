using System.Runtime.CompilerServices;
using Interdict.Matching;
using Interdict.Model;

namespace Interdict.Screening.Text;

/// <summary>
/// The words of every listed name under the keys the scorer treats as the same word (matching form, variant group,
/// consonant skeleton), each with the entries whose names contain it. Text screening asks it which entries could
/// be meant by a span before scoring: a mention in prose gives every word of the span from the listed name, so
/// the candidates are the entries holding all of them. Built once per <see cref="Screener"/>.
/// </summary>
internal sealed class NameLexicon
{
    private static readonly ConditionalWeakTable<Screener, NameLexicon> Cache = new();

    private readonly Dictionary<string, (int Entity, int Words)[]> _entriesByKey;
    private readonly Dictionary<string, (int Entity, int Words)[]> _singleWordEntriesByKey;
    private readonly MatchIndex _index;

    private NameLexicon(Screener screener)
    {
        _index = screener.Index;
        var entities = screener.Entities;
        var perEntity = new (List<(string Key, int Words)> Keys, List<(string Key, int Words)> Single)[entities.Count];
        Parallel.For(0, entities.Count, e =>
        {
            var keys = new List<(string, int)>();
            var single = new List<(string, int)>();
            foreach (var n in entities[e].Names)
            {
                var norm = NameNormalizer.Normalize(n.Full, entities[e].Kind);
                var words = norm.Tokens.Count(t => t.Role == TokenRole.Name);
                string? only = null;
                foreach (var t in norm.Tokens)
                {
                    if (t.Role == TokenRole.Name)
                    {
                        only = t.Text;
                        keys.AddRange(KeysOf(t.Text).Select(k => (k, words)));
                    }
                }

                // A one-word mention must be the listed word itself: "Joe" is a variant of YOUSEF, not a mention of it.
                if (words == 1 && n.Strength != AliasStrength.Weak)
                {
                    single.Add(("t:" + only, 1));
                }
            }

            perEntity[e] = (keys, single);
        });

        Entities = entities;
        _entriesByKey = Postings(perEntity.Select(p => p.Keys));
        _singleWordEntriesByKey = Postings(perEntity.Select(p => p.Single));
    }

    public IReadOnlyList<Entity> Entities { get; }

    /// <summary>Per key, the entries holding it, each with the fewest name words of the names that hold it.</summary>
    private static Dictionary<string, (int Entity, int Words)[]> Postings(IEnumerable<List<(string Key, int Words)>> keysPerEntity)
    {
        var lists = new Dictionary<string, List<(int Entity, int Words)>>(StringComparer.Ordinal);
        var e = 0;
        foreach (var keys in keysPerEntity)
        {
            foreach (var (k, words) in keys)
            {
                var l = lists.TryGetValue(k, out var x) ? x : lists[k] = [];
                if (l.Count == 0 || l[^1].Entity != e)
                {
                    l.Add((e, words));
                }
                else if (words < l[^1].Words)
                {
                    l[^1] = (e, words);
                }
            }

            e++;
        }

        return lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    public static NameLexicon For(Screener screener) => Cache.GetValue(screener, s => new NameLexicon(s));

    /// <summary>
    /// Entries that could be meant by a span: those holding every name word of it in a name not much longer. A one-word span only counts
    /// when some listed name is that word alone (a surname alone is handled as a partial mention elsewhere).
    /// Empty when a word is in no listed name.
    /// </summary>
    public List<int> Candidates(NormalizedName span)
    {
        List<int>? result = null;
        var words = span.Tokens.Where(t => t.Role == TokenRole.Name).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var postings = words.Count == 1 ? _singleWordEntriesByKey : _entriesByKey;
        foreach (var w in words)
        {
            var set = new HashSet<int>();
            foreach (var k in KeysOf(w.Text))
            {
                if (postings.TryGetValue(k, out var entries))
                {
                    foreach (var (e, n) in entries)
                    {
                        // Names longer than the span by more than a middle name and patronymic cannot be meant
                        // (an organisation's words must all be there, which the scorer's classification checks).
                        if (n <= words.Count + 2 && (n <= words.Count || Entities[e].Kind == EntityKind.Person))
                        {
                            set.Add(e);
                        }
                    }
                }
            }

            if (result is null)
            {
                result = [.. set];
            }
            else
            {
                result.RemoveAll(e => !set.Contains(e));
            }

            if (result.Count == 0)
            {
                return result;
            }
        }

        return result ?? [];
    }

    private IEnumerable<string> KeysOf(string word)
    {
        yield return "t:" + word;
        if (_index.Variants.KeyOfFolded(word) is { } g)
        {
            yield return "g:" + g;
        }

        var skeleton = TokenFolding.Skeleton(word);
        if (skeleton.Length >= 3)
        {
            yield return "s:" + skeleton;
        }
    }
}
