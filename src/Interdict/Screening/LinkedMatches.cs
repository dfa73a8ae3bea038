using Interdict.Matching;
using Interdict.Model;

namespace Interdict.Screening;

/// <summary>
/// Another list's entry for the same party as a screening hit: "also listed by United Nations Security Council as
/// QDi.263 (same National ID No. ...)". <see cref="Score"/> and <see cref="MatchedName"/> are set when that entry
/// was itself a hit and was folded under the better-scoring one.
/// </summary>
public sealed record AlsoListed
{
    public required string EntityId { get; init; }

    public required string List { get; init; }

    /// <summary>The other entry's primary name.</summary>
    public required string Name { get; init; }

    public required LinkReason Reason { get; init; }

    /// <summary>Why the two entries were linked ("same Passport A1234567 (Egypt)").</summary>
    public required string Explanation { get; init; }

    /// <summary>The line a result shows: "also listed by ... as ... (...)".</summary>
    public required string Description { get; init; }

    /// <summary>The entry of the group this one is linked to when it is not linked to the hit itself (OFAC ↔ UN ↔ UK).</summary>
    public string? Via { get; init; }

    public double? Score { get; init; }

    public string? MatchedName { get; init; }
}

/// <summary>A screening hit with the entries of other lists that denote the same party.</summary>
public sealed record LinkedMatch(Match Match, IReadOnlyList<AlsoListed> AlsoListed);

/// <summary>
/// The cross-list links of a screener's entities (see <see cref="CrossListLinker"/>), indexed for grouping results.
/// </summary>
public sealed class CrossListLinks
{
    private readonly Dictionary<string, List<CrossListLink>> _byEntity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _group = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entity> _entities = new(StringComparer.Ordinal);

    public CrossListLinks(IReadOnlyList<Entity> entities, IReadOnlyList<CrossListLink> links)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(links);
        All = links;
        foreach (var l in links)
        {
            Add(l.EntityId, l);
            Add(l.OtherEntityId, l);
        }

        var groups = CrossListLinker.Groups(links);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var id in groups[g])
            {
                _group[id] = g;
            }
        }

        foreach (var e in entities)
        {
            if (_byEntity.ContainsKey(e.Id))
            {
                _entities[e.Id] = e;
            }
        }
    }

    /// <summary>Links the entries of <paramref name="entities"/> (typically the snapshots a screener holds).</summary>
    public static CrossListLinks Build(IReadOnlyList<Entity> entities) => new(entities, CrossListLinker.Link(entities));

    public IReadOnlyList<CrossListLink> All { get; }

    public IReadOnlyList<CrossListLink> Of(string entityId) => _byEntity.TryGetValue(entityId, out var l) ? l : [];

    /// <summary>
    /// The other members of <paramref name="entityId"/>'s group, nearest first; each with the link that reaches it
    /// (directly from the entry, or through another member).
    /// </summary>
    public IReadOnlyList<AlsoListed> AlsoListed(string entityId)
    {
        if (!_byEntity.ContainsKey(entityId))
        {
            return [];
        }

        var result = new List<AlsoListed>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { entityId };
        var queue = new Queue<string>();
        queue.Enqueue(entityId);
        while (queue.Count > 0)
        {
            var from = queue.Dequeue();
            foreach (var link in Of(from))
            {
                var other = link.OtherThan(from);
                if (!seen.Add(other))
                {
                    continue;
                }

                queue.Enqueue(other);
                var via = from == entityId ? null : from;
                var entity = _entities.GetValueOrDefault(other);
                var list = entity?.ListId ?? other[..Math.Max(0, other.IndexOf(':', StringComparison.Ordinal))];
                result.Add(new AlsoListed
                {
                    EntityId = other,
                    List = list,
                    Name = entity?.PrimaryName.Full ?? other,
                    Reason = link.Reason,
                    Explanation = link.Explanation,
                    Description = link.Describe(from) + (via is null ? "" : $", linked through {via}"),
                    Via = via,
                });
            }
        }

        return result;
    }

    /// <summary>
    /// Groups hits (best first) by party: each hit carries the other lists' entries of its group, and a hit whose
    /// group already has a better-scoring hit is folded into that one's <see cref="LinkedMatch.AlsoListed"/> with its
    /// score, so one party on OFAC, the UN and the UK is one result.
    /// </summary>
    public IReadOnlyList<LinkedMatch> Group(IReadOnlyList<Match> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var result = new List<(Match Match, List<AlsoListed> Also)>(matches.Count);
        var keptByGroup = new Dictionary<int, int>();

        // Between hits of one party with the same score, the list the catalogue names first leads (OFAC's SDN entry
        // before its non-SDN twin), rather than whichever id sorts first.
        foreach (var m in matches.Select((m, i) => (m, i)).OrderByDescending(x => x.m.Score).ThenBy(x => Precedence(x.m.Entity.ListId)).ThenBy(x => x.i).Select(x => x.m))
        {
            if (_group.TryGetValue(m.Entity.Id, out var g) && keptByGroup.TryGetValue(g, out var kept))
            {
                if (Fold(result[kept].Also, m.Entity.Id, m.Score, m.MatchedName.Full))
                {
                    continue;
                }
            }

            if (_group.TryGetValue(m.Entity.Id, out g))
            {
                keptByGroup[g] = result.Count;
            }

            result.Add((m, AlsoListed(m.Entity.Id).ToList()));
        }

        return result.Select(r => new LinkedMatch(r.Match, r.Also)).ToList();
    }

    /// <summary>
    /// Records a hit on <paramref name="entityId"/> in the other listings of a better hit of the same party: the
    /// entry keeps its place there and gains the hit's score and matched name. False when it is not among them.
    /// </summary>
    internal static bool Fold(List<AlsoListed> also, string entityId, double score, string matchedName)
    {
        var i = also.FindIndex(a => a.EntityId == entityId);
        if (i < 0)
        {
            return false;
        }

        also[i] = also[i] with { Score = Math.Round(score, 4), MatchedName = matchedName };
        return true;
    }

    private static readonly Dictionary<string, int> CatalogOrder =
        Interdict.Sources.ListCatalog.Lists.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

    private static int Precedence(string listId) => CatalogOrder.TryGetValue(listId, out var i) ? i : int.MaxValue;

    private void Add(string id, CrossListLink link)
    {
        if (!_byEntity.TryGetValue(id, out var list))
        {
            _byEntity[id] = list = [];
        }

        list.Add(link);
    }
}
