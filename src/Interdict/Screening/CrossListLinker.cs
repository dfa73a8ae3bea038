using System.Globalization;
using System.Text;
using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Screening;

/// <summary>Why two entries of different lists were taken to be the same party.</summary>
public enum LinkReason
{
    /// <summary>The same identifying number (passport, national id, IMO, registration, ...) with compatible countries.</summary>
    SharedIdentifier,

    /// <summary>The same normalised name and the same date of birth, each unique within its list.</summary>
    NameAndBirthDate,

    /// <summary>One list's entry gives the UN Security Council reference number of the other (EU <c>unitedNationId</c>).</summary>
    UnReference,
}

/// <summary>
/// Two entries of different lists that denote the same party, and why. <see cref="Explanation"/> is the sentence a
/// screening result shows next to "also listed by ...".
/// </summary>
public sealed record CrossListLink(string EntityId, string OtherEntityId, LinkReason Reason, string Explanation)
{
    /// <summary>The entry at the other end of the link, seen from <paramref name="entityId"/>.</summary>
    public string OtherThan(string entityId) => entityId == EntityId ? OtherEntityId : EntityId;

    /// <summary>
    /// "also listed by United Nations Security Council as QDi.001 (same Passport A1234567 (Egypt))": the line a
    /// screening hit on <paramref name="entityId"/> shows for this link.
    /// </summary>
    public string Describe(string entityId)
    {
        var other = OtherThan(entityId);
        var colon = other.IndexOf(':', StringComparison.Ordinal);
        var list = colon > 0 ? other[..colon] : other;
        var publisher = ListCatalog.Find(list)?.Publisher ?? list;
        return $"also listed by {publisher} as {other[(colon + 1)..]} ({Explanation})";
    }
}

/// <summary>
/// Finds entries of different lists that are the same party, conservatively: a wrong link would merge two people in
/// a screening result, so only strong evidence links.
/// </summary>
/// <remarks>
/// <para><b>Shared identifier</b>: the same kind of identifier with the same normalised number (letters and digits, at
/// least <see cref="MinimumIdentifierLength"/> of them). Globally unique numbers (IMO, LEI, SWIFT/BIC, digital-currency
/// address) link alone. Nationally issued ones (passport, national id, tax id, registration, ...) need countries that
/// do not contradict each other (equal, or one unknown) and at least one name word in common, so that a number reused by
/// another country or a typo does not join strangers. Phones, e-mails and websites never link: related companies share them.</para>
/// <para><b>Name and date of birth</b> (persons only): a strong name of each (weak aliases are ignored) with the same
/// words after transliteration, in any order, at least two words long (or one name's words all contained in the other's,
/// when that is at least three words); and the same full date of birth (day precision). The name-and-date key must be
/// unique within each list, so two same-named people born the same day stay apart; a gender or nationality that
/// contradicts vetoes the link.</para>
/// <para><b>UN reference</b>: an entry that gives a UN Security Council reference number ("LYi.006", the EU's
/// <c>unitedNationId</c>) is linked to the UN entry with that reference: the publisher says so itself.</para>
/// <para>Entries of the same list are never linked (a list does not list a party twice), and kinds must agree.</para>
/// </remarks>
public static class CrossListLinker
{
    public const int MinimumIdentifierLength = 5;

    private static readonly HashSet<IdentifierKind> GlobalKinds =
        [IdentifierKind.Imo, IdentifierKind.Lei, IdentifierKind.SwiftBic, IdentifierKind.DigitalCurrencyAddress];

    private static readonly HashSet<IdentifierKind> NeverLink =
        [IdentifierKind.Other, IdentifierKind.Email, IdentifierKind.Website, IdentifierKind.Phone, IdentifierKind.CallSign];

    /// <summary>Links among <paramref name="entities"/> (typically the current snapshots of all lists), each pair once.</summary>
    public static IReadOnlyList<CrossListLink> Link(IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var all = entities.Select(e => new Prepared(e)).ToList();
        MarkCommonNames(all);
        var links = new Dictionary<(string, string), CrossListLink>();

        foreach (var link in UnReferenceLinks(all).Concat(IdentifierLinks(all)).Concat(NameAndBirthDateLinks(all)))
        {
            var key = string.CompareOrdinal(link.EntityId, link.OtherEntityId) < 0 ? (link.EntityId, link.OtherEntityId) : (link.OtherEntityId, link.EntityId);

            // The publisher's own reference, then an identifier, are the stronger reasons; they are found first and kept.
            links.TryAdd(key, link);
        }

        return links.Values.OrderBy(l => l.EntityId, StringComparer.Ordinal).ThenBy(l => l.OtherEntityId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Joins linked entries into groups (a party on OFAC, the UN and the UK is one group of three).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Groups(IEnumerable<CrossListLink> links)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                parent[x] = parent.GetValueOrDefault(p, p);
                x = p;
            }

            return x;
        }

        foreach (var l in links)
        {
            parent.TryAdd(l.EntityId, l.EntityId);
            parent.TryAdd(l.OtherEntityId, l.OtherEntityId);
            var (a, b) = (Find(l.EntityId), Find(l.OtherEntityId));
            if (a != b)
            {
                parent[string.CompareOrdinal(a, b) < 0 ? b : a] = string.CompareOrdinal(a, b) < 0 ? a : b;
            }
        }

        return parent.Keys.GroupBy(Find)
            .Select(g => (IReadOnlyList<string>)g.Order(StringComparer.Ordinal).ToList())
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The list whose reference numbers <see cref="ListReferences.UnReference"/> names.</summary>
    private const string UnList = "un-sc";

    private static IEnumerable<CrossListLink> UnReferenceLinks(List<Prepared> all)
    {
        var un = new Dictionary<string, Entity>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in all.Where(p => p.Entity.ListId == UnList))
        {
            un.TryAdd(p.Entity.NativeId, p.Entity);
        }

        if (un.Count == 0)
        {
            yield break;
        }

        foreach (var p in all.Where(p => p.Entity.ListId != UnList))
        {
            foreach (var (key, value) in p.Entity.Other)
            {
                if (key == ListReferences.UnReference && un.TryGetValue(value.Trim(), out var target))
                {
                    var publisher = ListCatalog.Find(p.Entity.ListId)?.Publisher ?? p.Entity.ListId;
                    yield return new CrossListLink(p.Entity.Id, target.Id, LinkReason.UnReference, $"{publisher} gives UN reference {target.NativeId}");
                }
            }
        }
    }

    private static IEnumerable<CrossListLink> IdentifierLinks(List<Prepared> all)
    {
        var byNumber = new Dictionary<(IdentifierKind, string), List<(Prepared Entity, Identifier Id)>>();
        foreach (var p in all)
        {
            foreach (var id in p.Entity.Identifiers)
            {
                if (NeverLink.Contains(id.Kind))
                {
                    continue;
                }

                var number = NormaliseNumber(id.Value);
                if (number.Length < MinimumIdentifierLength)
                {
                    continue;
                }

                var key = (id.Kind, number);
                if (!byNumber.TryGetValue(key, out var holders))
                {
                    byNumber[key] = holders = [];
                }

                holders.Add((p, id));
            }
        }

        foreach (var ((kind, _), holders) in byNumber)
        {
            for (var i = 0; i < holders.Count; i++)
            {
                for (var j = i + 1; j < holders.Count; j++)
                {
                    var (a, ia) = holders[i];
                    var (b, ib) = holders[j];
                    if (a.Entity.ListId == b.Entity.ListId || !KindsAgree(a.Entity, b.Entity))
                    {
                        continue;
                    }

                    if (!GlobalKinds.Contains(kind))
                    {
                        if (ia.Country is not null && ib.Country is not null && ia.Country != ib.Country)
                        {
                            continue;
                        }

                        if (!a.Words.Overlaps(b.Words))
                        {
                            continue;
                        }
                    }

                    var country = ia.CountryName ?? ib.CountryName ?? ia.Country ?? ib.Country;
                    var what = $"same {ia.Label} {ia.Value.Trim()}" + (country is null || GlobalKinds.Contains(kind) ? "" : $" ({country})");
                    yield return new CrossListLink(a.Entity.Id, b.Entity.Id, LinkReason.SharedIdentifier, what);
                }
            }
        }
    }

    private static IEnumerable<CrossListLink> NameAndBirthDateLinks(List<Prepared> all)
    {
        var persons = all.Where(p => p.Entity.Kind == EntityKind.Person).ToList();

        // A full date of birth: the names may differ by extra words (one name contained in the other, three words or more).
        var byDay = BirthDateLinks(
            persons, p => p.FullBirthDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), minimumWords: 2, allowContained: true);

        // Only a year (older listings): the names must be the same words, three or more.
        var byYear = BirthDateLinks(
            persons, p => p.BirthYears.Select(y => y.ToString(CultureInfo.InvariantCulture)), minimumWords: 3, allowContained: false);
        return byDay.Concat(byYear);
    }

    /// <summary>
    /// Compares people born on the same <paramref name="dates"/> key (blocking keeps this linear in practice) and links
    /// pairs with the same name whose name-and-date is unique within each of the two lists.
    /// </summary>
    private static IEnumerable<CrossListLink> BirthDateLinks(List<Prepared> persons, Func<Prepared, IEnumerable<string>> dates, int minimumWords, bool allowContained)
    {
        var byDate = new Dictionary<string, List<Prepared>>(StringComparer.Ordinal);
        foreach (var p in persons)
        {
            foreach (var d in dates(p).Distinct())
            {
                if (!byDate.TryGetValue(d, out var people))
                {
                    byDate[d] = people = [];
                }

                people.Add(p);
            }
        }

        foreach (var (date, people) in byDate)
        {
            if (people.Count < 2)
            {
                continue;
            }

            var candidates = new List<(Prepared A, Prepared B, string Name)>();
            for (var i = 0; i < people.Count; i++)
            {
                for (var j = i + 1; j < people.Count; j++)
                {
                    var (a, b) = (people[i], people[j]);
                    if (a.Entity.ListId == b.Entity.ListId || Contradict(a, b))
                    {
                        continue;
                    }

                    if (SameName(a, b, minimumWords, allowContained) is { } name)
                    {
                        candidates.Add((a, b, name));
                    }
                }
            }

            foreach (var (a, b, name) in candidates)
            {
                // Unique on both sides: if a list holds two people of this name born then, which one is meant is unknown.
                if (Rivals(candidates, a, b.Entity.ListId) > 1 || Rivals(candidates, b, a.Entity.ListId) > 1)
                {
                    continue;
                }

                yield return new CrossListLink(a.Entity.Id, b.Entity.Id, LinkReason.NameAndBirthDate, $"same name {name} and date of birth {date}");
            }
        }
    }

    private static int Rivals(List<(Prepared A, Prepared B, string Name)> candidates, Prepared p, string otherList) =>
        candidates.Count(c => (c.A == p && c.B.Entity.ListId == otherList) || (c.B == p && c.A.Entity.ListId == otherList));

    /// <summary>A strong name of each with the same words (as a multiset: "IBRAHIM SABAWI IBRAHIM" is not "SABAWI IBRAHIM").</summary>
    private static string? SameName(Prepared a, Prepared b, int minimumWords, bool allowContained)
    {
        foreach (var (na, wa) in a.StrongNames)
        {
            if (a.CommonNames.Contains(Key(wa)))
            {
                continue;
            }

            foreach (var (nb, wb) in b.StrongNames)
            {
                if (b.CommonNames.Contains(Key(wb)))
                {
                    continue;
                }

                var (small, large) = wa.Length <= wb.Length ? (wa, wb) : (wb, wa);
                if ((Significant(wa) >= minimumWords && wa.AsSpan().SequenceEqual(wb)) || (allowContained && Significant(small) >= 3 && Contained(small, large)))
                {
                    return $"\"{na}\" = \"{nb}\"";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A name held by two or more entries of one list (two "MOHAMMED ALI"s) is common: it cannot tell which party is
    /// meant, so it never links by name, on any side.
    /// </summary>
    private static void MarkCommonNames(List<Prepared> all)
    {
        var counts = new Dictionary<(string List, string Key), int>();
        foreach (var p in all)
        {
            foreach (var key in p.StrongNames.Select(n => Key(n.Words)).Distinct(StringComparer.Ordinal))
            {
                counts[(p.Entity.ListId, key)] = counts.GetValueOrDefault((p.Entity.ListId, key)) + 1;
            }
        }

        foreach (var p in all)
        {
            foreach (var (_, words) in p.StrongNames)
            {
                var key = Key(words);
                if (counts.GetValueOrDefault((p.Entity.ListId, key)) > 1)
                {
                    p.CommonNames.Add(key);
                }
            }
        }
    }

    private static string Key(string[] words) => string.Join(' ', words);

    /// <summary>
    /// Words that tell people apart: three letters or more and not a particle (AL, BIN, ABU, ABD, DE, ...). "AL-HAMZI,
    /// Ahmad" has two, "RI Je-Son" none.
    /// </summary>
    private static int Significant(string[] words) => words.Count(w => w.Length >= 3 && !Particles.Contains(w));

    private static readonly HashSet<string> Particles =
        new(["BIN", "IBN", "BINT", "ABU", "ABD", "ABDUL", "DEL", "DER", "DOS", "DAS", "VAN", "VON", "HAJI", "HAJJI", "MULLAH", "MAULAVI", "SHEIKH", "SHAYKH"], StringComparer.Ordinal);

    /// <summary>Every word of <paramref name="small"/> occurs in <paramref name="large"/> at least as often (both sorted).</summary>
    private static bool Contained(string[] small, string[] large)
    {
        var j = 0;
        foreach (var w in small)
        {
            while (j < large.Length && string.CompareOrdinal(large[j], w) < 0)
            {
                j++;
            }

            if (j == large.Length || large[j] != w)
            {
                return false;
            }

            j++;
        }

        return true;
    }

    private static bool KindsAgree(Entity a, Entity b) => a.Kind == b.Kind;

    private static bool Contradict(Prepared pa, Prepared pb)
    {
        var (a, b) = (pa.Entity, pb.Entity);

        // Both give full dates of birth and none agrees: not the same person, whatever the year-only dates say.
        if (pa.FullBirthDates.Count > 0 && pb.FullBirthDates.Count > 0 && !pa.FullBirthDates.Intersect(pb.FullBirthDates).Any())
        {
            return true;
        }

        if (a.Gender is { } ga && b.Gender is { } gb && ga != gb)
        {
            return true;
        }

        var na = a.Nationalities.Concat(a.Citizenships).ToHashSet(StringComparer.Ordinal);
        var nb = b.Nationalities.Concat(b.Citizenships).ToHashSet(StringComparer.Ordinal);
        return na.Count > 0 && nb.Count > 0 && !na.Overlaps(nb);
    }

    private static string NormaliseNumber(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>The words of a name, transliterated to ASCII and upper-cased; "EL" is read as "AL" (ABD EL HALIM, ABD AL-HALIM).</summary>
    internal static string[] Words(string name)
    {
        var ascii = AnyAscii.Transliteration.Transliterate(name);
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in ascii.Append(' '))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
            else if (c is '\'' or '`')
            {
                // Apostrophes join (QA'IDA = QAIDA): they are spelled with and without.
            }
            else if (sb.Length > 0)
            {
                var w = sb.ToString();
                words.Add(w == "EL" ? "AL" : w);
                sb.Clear();
            }
        }

        words.Sort(StringComparer.Ordinal);
        return [.. words];
    }

    private sealed class Prepared
    {
        public Prepared(Entity entity)
        {
            Entity = entity;
            StrongNames = entity.Names
                .Where(n => n.Strength == AliasStrength.Strong)
                .Select(n => (n.Full, Words(n.Full)))
                .Where(n => n.Item2.Length > 0)
                .ToList();
            Words = StrongNames.SelectMany(n => n.Words).ToHashSet(StringComparer.Ordinal);
            FullBirthDates = entity.BirthDates
                .Where(d => !d.IsRange && !d.Approximate && d.From.Precision == DatePrecision.Day)
                .Select(d => d.From.Earliest)
                .Distinct()
                .ToList();
            BirthYears = entity.BirthDates
                .Where(d => !d.IsRange && !d.Approximate && d.From.Precision == DatePrecision.Year)
                .Select(d => d.From.Year)
                .Distinct()
                .ToList();
        }

        public Entity Entity { get; }

        public List<(string Full, string[] Words)> StrongNames { get; }

        public HashSet<string> Words { get; }

        public List<DateOnly> FullBirthDates { get; }

        /// <summary>Keys of this entry's names that are common in its list (see MarkCommonNames).</summary>
        public HashSet<string> CommonNames { get; } = new(StringComparer.Ordinal);

        /// <summary>Exact birth years given without month or day.</summary>
        public List<int> BirthYears { get; }
    }
}
