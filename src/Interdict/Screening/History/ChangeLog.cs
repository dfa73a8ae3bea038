using System.Text.Json;
using System.Text.Json.Serialization;
using Interdict.Model;
using Interdict.Store;

namespace Interdict.Screening.History;

[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    Added,
    Removed,
    Modified,
}

/// <summary>One entry added, removed or modified by a publication; <see cref="Fields"/> lists what changed in a modification.</summary>
public sealed record EntryChange(
    ChangeKind Change, string EntityId, string Name, EntityKind Kind, IReadOnlyList<string> Programs, IReadOnlyList<FieldChange> Fields);

/// <summary>How many entries of one kind one publication added, removed and modified under one program.</summary>
public sealed record ProgramChange(string Program, EntityKind Kind, int Added, int Removed, int Modified);

/// <summary>
/// What one publication changed relative to the one before it. The first stored snapshot of a list is a
/// <see cref="Baseline"/>: there is nothing to compare it with, so it reports no entries.
/// </summary>
public sealed record PublicationChanges(
    long SnapshotId,
    DateTimeOffset Published,
    DateTimeOffset? PreviousPublished,
    bool Baseline,
    int EntityCount,
    int Added,
    int Removed,
    int Modified,
    IReadOnlyList<ProgramChange> Programs,
    IReadOnlyList<EntryChange> Entries)
{
    /// <summary>One line per program: "RUSSIA-EO14024: +91 individuals, +3 entities, ~1 vessel, -2 entities".</summary>
    public IReadOnlyList<string> Summary() => Programs
        .GroupBy(p => p.Program, StringComparer.Ordinal)
        .Select(g => $"{g.Key}: " + string.Join(", ",
            g.Where(p => p.Added > 0).Select(p => "+" + EntityDiff.Count(p.Kind, p.Added))
                .Concat(g.Where(p => p.Removed > 0).Select(p => "-" + EntityDiff.Count(p.Kind, p.Removed)))
                .Concat(g.Where(p => p.Modified > 0).Select(p => "~" + EntityDiff.Count(p.Kind, p.Modified)))))
        .ToList();
}

/// <summary>The publications of a list in a date range, oldest first.</summary>
public sealed record ChangeReport(string ListId, DateTimeOffset? Since, DateTimeOffset? Until, IReadOnlyList<PublicationChanges> Publications);

[JsonConverter(typeof(JsonStringEnumConverter<EntityEventKind>))]
public enum EntityEventKind
{
    /// <summary>First appearance. In a list's first stored snapshot it means "listed on or before".</summary>
    Listed,
    Modified,
    Delisted,
    Relisted,
}

/// <summary>One event in the life of an entry: the publication where it happened, and the field differences for a modification or a relisting.</summary>
public sealed record EntityEvent(EntityEventKind Event, long SnapshotId, DateTimeOffset Published, bool Baseline, string Name, IReadOnlyList<FieldChange> Fields);

/// <summary>An entry's own history, oldest event first.</summary>
public sealed record EntityHistory(
    string EntityId, string Name, EntityKind Kind, bool Listed, DateTimeOffset FirstListed, DateTimeOffset? Delisted, IReadOnlyList<EntityEvent> Events);

/// <summary>
/// What changed in a list over time, read from the versioned store: per publication the entries added, removed and
/// modified with field-level differences and a summary per program and entity kind; per entry its listing, every
/// change, delisting and relisting. The results are plain records; <see cref="JsonOptions"/> serialises them.
/// </summary>
public sealed class ChangeLog
{
    private readonly IListStore _store;
    private readonly IListHistory _history;

    public ChangeLog(IListStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _history = store as IListHistory ?? throw new ArgumentException($"{store.GetType().Name} does not keep a readable history (IListHistory)", nameof(store));
    }

    /// <summary>camelCase, enums as names, indented: the JSON form of the records here.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The publications of <paramref name="listId"/> published within [<paramref name="since"/>, <paramref name="until"/>]
    /// (either end open when null), each compared with the publication before it, even when that one is before the range.
    /// </summary>
    public ChangeReport Changes(string listId, DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        var snapshots = _store.Snapshots(listId);
        var publications = new List<PublicationChanges>();
        for (var i = 0; i < snapshots.Count; i++)
        {
            var s = snapshots[i];
            if ((since is { } from && s.Published < from) || (until is { } to && s.Published > to))
            {
                continue;
            }

            publications.Add(i == 0
                ? new PublicationChanges(s.Id, s.Published, null, true, s.EntityCount, 0, 0, 0, [], [])
                : Publication(s, snapshots[i - 1]));
        }

        return new ChangeReport(listId, since, until, publications);
    }

    /// <summary>The history of one entry, or null when the store never held it.</summary>
    public EntityHistory? History(string entityId)
    {
        var versions = _history.VersionsOf(entityId);
        if (versions.Count == 0)
        {
            return null;
        }

        var listId = versions[0].Entity.ListId;
        var firstSnapshot = _store.Snapshots(listId)[0].Id;
        var events = new List<EntityEvent>();
        EntityVersionSpan? previous = null;
        foreach (var v in versions)
        {
            var name = v.Entity.PrimaryName.Full;
            if (previous is null)
            {
                events.Add(new EntityEvent(EntityEventKind.Listed, v.FirstSnapshotId, v.FirstPublished, v.FirstSnapshotId == firstSnapshot, name, []));
            }
            else if (previous.NextSnapshotId == v.FirstSnapshotId)
            {
                events.Add(new EntityEvent(EntityEventKind.Modified, v.FirstSnapshotId, v.FirstPublished, false, name, EntityDiff.Compare(previous.Entity, v.Entity)));
            }
            else
            {
                events.Add(new EntityEvent(EntityEventKind.Relisted, v.FirstSnapshotId, v.FirstPublished, false, name, EntityDiff.Compare(previous.Entity, v.Entity)));
            }

            if (v.NextSnapshotId is { } next && !versions.Any(w => w.FirstSnapshotId == next))
            {
                events.Add(new EntityEvent(EntityEventKind.Delisted, next, v.NextPublished!.Value, false, name, []));
            }

            previous = v;
        }

        var last = versions[^1];
        var delisted = last.NextPublished;
        return new EntityHistory(entityId, last.Entity.PrimaryName.Full, last.Entity.Kind, delisted is null, versions[0].FirstPublished, delisted, events);
    }

    private PublicationChanges Publication(ListSnapshot snapshot, ListSnapshot previous)
    {
        var entries = new List<EntryChange>();
        var programs = new Dictionary<(string Program, EntityKind Kind), (int Added, int Removed, int Modified)>();
        void Count(IEnumerable<string> codes, EntityKind kind, int added, int removed, int modified)
        {
            foreach (var code in codes.Distinct(StringComparer.Ordinal))
            {
                var c = programs.GetValueOrDefault((code, kind));
                programs[(code, kind)] = (c.Added + added, c.Removed + removed, c.Modified + modified);
            }
        }

        foreach (var change in _history.ChangesIn(snapshot.Id))
        {
            switch (change)
            {
                case { Before: null, After: { } added }:
                    entries.Add(new EntryChange(ChangeKind.Added, change.EntityId, added.PrimaryName.Full, added.Kind, added.Programs, []));
                    Count(added.Programs, added.Kind, 1, 0, 0);
                    break;
                case { Before: { } removed, After: null }:
                    entries.Add(new EntryChange(ChangeKind.Removed, change.EntityId, removed.PrimaryName.Full, removed.Kind, removed.Programs, []));
                    Count(removed.Programs, removed.Kind, 0, 1, 0);
                    break;
                case { Before: { } before, After: { } after }:
                    entries.Add(new EntryChange(ChangeKind.Modified, change.EntityId, after.PrimaryName.Full, after.Kind, after.Programs, EntityDiff.Compare(before, after)));
                    Count(before.Programs.Concat(after.Programs), after.Kind, 0, 0, 1);
                    break;
            }
        }

        return new PublicationChanges(
            snapshot.Id,
            snapshot.Published,
            previous.Published,
            false,
            snapshot.EntityCount,
            entries.Count(e => e.Change == ChangeKind.Added),
            entries.Count(e => e.Change == ChangeKind.Removed),
            entries.Count(e => e.Change == ChangeKind.Modified),
            programs
                .OrderBy(p => p.Key.Program, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Kind)
                .Select(p => new ProgramChange(p.Key.Program, p.Key.Kind, p.Value.Added, p.Value.Removed, p.Value.Modified))
                .ToList(),
            entries);
    }
}
