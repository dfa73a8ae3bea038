using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Interdict.Model;
using Interdict.Store;

namespace Interdict.Screening.History;

/// <summary>
/// One field that differs between two versions of an entry. Single-valued fields (remarks, kind, vessel flag) fill
/// <see cref="Before"/> and <see cref="After"/>; multi-valued ones (names, programs, addresses, ...) list the values
/// that went and came, so a reordering alone is no change.
/// </summary>
public sealed record FieldChange(string Field, string? Before, string? After, IReadOnlyList<string> Removed, IReadOnlyList<string> Added)
{
    public static FieldChange Value(string field, string? before, string? after) => new(field, before, after, [], []);

    public static FieldChange Values(string field, IReadOnlyList<string> removed, IReadOnlyList<string> added) => new(field, null, null, removed, added);

    public override string ToString()
    {
        if (Removed.Count == 0 && Added.Count == 0)
        {
            return $"{Field}: {Before ?? "(none)"} -> {After ?? "(none)"}";
        }

        return $"{Field}: " + string.Join("; ", Removed.Select(r => "- " + r).Concat(Added.Select(a => "+ " + a)));
    }
}

/// <summary>Field-level comparison of two versions of one entry.</summary>
public static class EntityDiff
{
    /// <summary>
    /// The fields that differ, in model order. Every difference in the stored content shows up: what no named field
    /// explains is reported under "other".
    /// </summary>
    public static IReadOnlyList<FieldChange> Compare(Entity before, Entity after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FieldChange>();
        Scalar(changes, "kind", before.Kind.ToString(), after.Kind.ToString());
        List(changes, "names", before.Names, after.Names, Ctx.EntityName, NameText);
        List(changes, "birthDates", before.BirthDates, after.BirthDates, Ctx.BirthDate, b => b.Raw is { Length: > 0 } raw && raw != b.ToString() ? $"{b} ({raw})" : b.ToString());
        Strings(changes, "birthPlaces", before.BirthPlaces, after.BirthPlaces);
        Strings(changes, "nationalities", before.Nationalities, after.Nationalities);
        Strings(changes, "citizenships", before.Citizenships, after.Citizenships);
        Scalar(changes, "gender", before.Gender?.ToString(), after.Gender?.ToString());
        Strings(changes, "titles", before.Titles, after.Titles);
        List(changes, "addresses", before.Addresses, after.Addresses, Ctx.Address, a => a.Note is { Length: > 0 } n ? $"{a} ({n})" : a.ToString());
        List(changes, "identifiers", before.Identifiers, after.Identifiers, Ctx.Identifier, IdentifierText);
        Strings(changes, "programs", before.Programs, after.Programs);
        Scalar(changes, "listedOn", before.ListedOn?.ToString(), after.ListedOn?.ToString());
        Scalar(changes, "remarks", before.Remarks, after.Remarks);
        Object(changes, "vessel", before.Vessel, after.Vessel, Ctx.VesselInfo);
        Object(changes, "aircraft", before.Aircraft, after.Aircraft, Ctx.AircraftInfo);
        List(changes, "links", before.Links, after.Links, Ctx.EntityLink, l => l.TargetId is null ? $"{l.Relation}: {l.TargetName}" : $"{l.Relation}: {l.TargetName} ({l.TargetId})");
        List(changes, "other", before.Other, after.Other, Ctx.KeyValuePairStringString, kv => $"{kv.Key}: {kv.Value}");

        if (changes.Count == 0 && EntityJson.Serialize(before) != EntityJson.Serialize(after))
        {
            // A property added to the model later and not named above.
            changes.Add(FieldChange.Value("other", EntityJson.Serialize(before), EntityJson.Serialize(after)));
        }

        return changes;
    }

    private static Interdict.Store.EntityJsonContext Ctx => Interdict.Store.EntityJsonContext.Default;

    private static string NameText(EntityName n)
    {
        var text = n.Type == NameType.Primary ? n.Full : $"{n.Type.ToString().ToLowerInvariant()} {n.Full}";
        if (n.Strength == AliasStrength.Weak)
        {
            text += " (weak)";
        }

        return n.Note is { Length: > 0 } note ? $"{text} ({note})" : text;
    }

    private static string IdentifierText(Identifier i)
    {
        var parts = new List<string> { i.ToString() };
        if (i.IssueDate is { } issued)
        {
            parts.Add("issued " + issued);
        }

        if (i.ExpiryDate is { } expires)
        {
            parts.Add("expires " + expires);
        }

        if (i.Note is { Length: > 0 } note)
        {
            parts.Add(note);
        }

        return string.Join(", ", parts);
    }

    private static void Scalar(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(FieldChange.Value(field, before, after));
        }
    }

    private static void Strings(List<FieldChange> changes, string field, IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        Diff(changes, field, before, after, s => s, s => s);

    private static void List<T>(List<FieldChange> changes, string field, IReadOnlyList<T> before, IReadOnlyList<T> after, JsonTypeInfo<T> json, Func<T, string> text) =>

        // Identity is the canonical JSON of the value (records holding lists do not compare by content); the text is for people.
        Diff(changes, field, before, after, v => JsonSerializer.Serialize(v, json), text);

    private static void Diff<T>(List<FieldChange> changes, string field, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string> text)
    {
        var remaining = before.Select(key).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var value in after)
        {
            var k = key(value);
            if (remaining.TryGetValue(k, out var n) && n > 0)
            {
                remaining[k] = n - 1;
            }
            else
            {
                added.Add(text(value));
            }
        }

        var removed = new List<string>();
        foreach (var value in before)
        {
            var k = key(value);
            if (remaining.TryGetValue(k, out var n) && n > 0)
            {
                remaining[k] = n - 1;
                removed.Add(text(value));
            }
        }

        if (removed.Count > 0 || added.Count > 0)
        {
            changes.Add(FieldChange.Values(field, removed, added));
        }
    }

    private static void Object<T>(List<FieldChange> changes, string field, T? before, T? after, JsonTypeInfo<T> json)
        where T : class
    {
        JsonElement? b = before is null ? null : JsonSerializer.SerializeToElement(before, json);
        JsonElement? a = after is null ? null : JsonSerializer.SerializeToElement(after, json);
        var names = new List<string>();
        foreach (var e in new[] { b, a })
        {
            if (e is { } element)
            {
                names.AddRange(element.EnumerateObject().Select(p => p.Name).Where(n => !names.Contains(n)));
            }
        }

        foreach (var name in names)
        {
            var x = Property(b, name);
            var y = Property(a, name);
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                changes.Add(FieldChange.Value($"{field}.{name}", x, y));
            }
        }
    }

    private static string? Property(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null
            ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()
            : null;

    /// <summary>"3 individuals", "1 entity": OFAC's words for the entity kinds.</summary>
    internal static string Count(EntityKind kind, int n)
    {
        var word = (kind, n == 1) switch
        {
            (EntityKind.Person, true) => "individual",
            (EntityKind.Person, false) => "individuals",
            (EntityKind.Organization, true) => "entity",
            (EntityKind.Organization, false) => "entities",
            (EntityKind.Vessel, true) => "vessel",
            (EntityKind.Vessel, false) => "vessels",
            _ => "aircraft",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{n} {word}");
    }
}
