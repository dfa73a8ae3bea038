using Interdict.Matching;
using Interdict.Model;
using Interdict.Store;

namespace Interdict.Screening;

/// <summary>
/// The lists as they stood at one moment, indexed for matching. Every screening result carries the snapshots it
/// used, so that a decision can later be tied to the exact list versions (the audit requirement).
/// </summary>
public sealed class Screener
{
    private Screener(MatchIndex index, IReadOnlyList<Entity> entities, IReadOnlyList<ListSnapshot> snapshots, DateTimeOffset? asOf, CrossListLinks links)
    {
        Index = index;
        Entities = entities;
        Snapshots = snapshots;
        AsOf = asOf;
        Links = links;
    }

    public MatchIndex Index { get; }

    /// <summary>The listed entries indexed (every snapshot's), for lookups the name index does not serve (BICs of payment messages).</summary>
    public IReadOnlyList<Entity> Entities { get; }

    /// <summary>The snapshot of each list that this screener matches against.</summary>
    public IReadOnlyList<ListSnapshot> Snapshots { get; }

    public DateTimeOffset? AsOf { get; }

    public int EntityCount => Snapshots.Sum(s => s.EntityCount);

    /// <summary>
    /// Indexes the snapshots in force at <paramref name="asOf"/> (the newest when null) of the given lists (all when null).
    /// An as-of date before a list's first snapshot leaves that list out; before every list's first snapshot it is an error,
    /// because an empty result would wrongly read as "not listed".
    /// </summary>
    public static Screener Load(IListStore store, DateTimeOffset? asOf = null, IReadOnlyCollection<string>? lists = null)
    {
        var snaps = new List<ListSnapshot>();
        foreach (var l in store.Lists())
        {
            if (lists is not null && lists.Count > 0 && !lists.Contains(l.ListId))
            {
                continue;
            }

            if (store.SnapshotAt(l.ListId, asOf) is { } s)
            {
                snaps.Add(s);
            }
        }

        if (snaps.Count == 0)
        {
            if (asOf is { } at)
            {
                var earliest = store.Lists().Where(l => lists is null || lists.Count == 0 || lists.Contains(l.ListId))
                    .SelectMany(l => store.Snapshots(l.ListId)).Select(s => (DateTimeOffset?)s.Published).Min();
                throw new InvalidOperationException(earliest is { } e
                    ? $"no list snapshot exists as of {at:yyyy-MM-dd}: the earliest snapshot in the database was published {e:yyyy-MM-dd}"
                    : "the database holds no list snapshots");
            }

            throw new InvalidOperationException(lists is { Count: > 0 } ? $"no snapshots of {string.Join(", ", lists)} in the database" : "the database holds no list snapshots");
        }

        var entities = snaps.SelectMany(s => store.Entities(s.Id)).ToList();

        // Links are computed with the index, once per set of snapshots, so no query waits for them: on the bundled lists
        // they took 0.5 to 1 s of a 4 to 5 s build on the shared 2-core machine (docs/cross-list-links.md).
        // Index and links are independent: built side by side they take the longer of the two, not the sum.
        var links = Task.Run(() => CrossListLinks.Build(entities));
        var index = MatchIndex.Build(entities);
        return new Screener(index, entities, snaps, asOf, links.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Runs a sample of listed names, some of them misspelt, through the screening path for up to
    /// <paramref name="budget"/>, so that a server's first requests find the matching code compiled at its optimised
    /// tier and the commonest words already looked up, instead of paying for both (p99 of the first seconds after
    /// start-up was several times the steady state). Returns the number of queries run.
    /// </summary>
    public int WarmUp(TimeSpan budget)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var options = new ScreeningOptions();
        var step = Math.Max(1, Entities.Count / 2000);
        var run = 0;
        for (var round = 0; round < 3 && clock.Elapsed < budget; round++)
        {
            for (var i = round; i < Entities.Count && clock.Elapsed < budget; i += step)
            {
                var name = Entities[i].Names.Count > 0 ? Entities[i].Names[0].Full : null;
                if (string.IsNullOrWhiteSpace(name))
                {
                    continue;
                }

                // A dropped letter in the middle exercises the fuzzy lookups as well as the exact ones.
                var query = round == 1 && name.Length > 6 ? name.Remove(name.Length / 2, 1) : name;
                var hits = Screen(new ScreeningQuery { Name = query, Kind = Entities[i].Kind }, options);
                if (hits.Count > 0)
                {
                    _ = Links.Group(hits);
                }

                run++;
            }
        }

        return run;
    }

    /// <summary>Entries of different lists that denote the same party, among the snapshots this screener holds.</summary>
    public CrossListLinks Links { get; }

    public IReadOnlyList<Match> Screen(ScreeningQuery query, ScreeningOptions options) => Index.Search(query, options);

    /// <summary>Hits grouped by party, with the other lists' entries of each (see <see cref="CrossListLinks.Group"/>).</summary>
    public IReadOnlyList<LinkedMatch> Group(IReadOnlyList<Match> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        return matches.Count == 0 ? [] : Links.Group(matches);
    }
}
