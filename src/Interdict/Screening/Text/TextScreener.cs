using Interdict.Matching;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Interdict.Model;

namespace Interdict.Screening.Text;

/// <summary>How much of a listed name a mention gives.</summary>
public enum MentionKind
{
    /// <summary>At least two words of the listed name ("Dmitry Peskov" for PESKOV, Dmitriy Sergeevich), or the whole of a one-word name.</summary>
    Full,

    /// <summary>One word of a longer listed name, usually the surname ("Putin"): weaker evidence, scored lower.</summary>
    Partial,
}

/// <summary>Limits of one text screening.</summary>
public sealed record TextScreeningOptions
{
    public static TextScreeningOptions Default { get; } = new();

    /// <summary>
    /// A partial mention scores this share of what it would score as a full mention. Below 0.8/0.9 it would never
    /// reach the default threshold; at 0.9 a surname that repeats a full mention of the same party is reported.
    /// </summary>
    public const double PartialFactor = 0.9;

    public double Threshold { get; init; } = ScreeningOptions.DefaultThreshold;

    /// <summary>Only these lists (null = all).</summary>
    public IReadOnlySet<string>? Lists { get; init; }

    public MentionOptions Mentions { get; init; } = MentionOptions.Default;

    /// <summary>Report sanctioned places as well as listed parties.</summary>
    public bool Places { get; init; } = true;
}

/// <summary>
/// A listed party named in the text. <see cref="Start"/> and <see cref="Length"/> are offsets in the screened text;
/// <see cref="Text"/> is those characters, <see cref="Query"/> the reading that was screened (possessive dropped,
/// hyphenation re-joined).
/// </summary>
public sealed record TextMention
{
    public required int Start { get; init; }

    public required int Length { get; init; }

    public required string Text { get; init; }

    public required string Query { get; init; }

    public required MentionKind Kind { get; init; }

    /// <summary>The title before the mention ("President", "Kremlin spokesperson"), as context for the reviewer.</summary>
    public string? Title { get; init; }

    public required string EntityId { get; init; }

    public required string EntityName { get; init; }

    public required EntityKind EntityKind { get; init; }

    public required string ListId { get; init; }

    public IReadOnlyList<string> Programs { get; init; } = [];

    /// <summary>The listed name or alias the mention matched.</summary>
    public required string MatchedName { get; init; }

    public required double Score { get; init; }

    public required MatchExplanation Explanation { get; init; }

    /// <summary>Other lists' entries for the same party; a mention of one of them at the same place is folded in here.</summary>
    public IReadOnlyList<AlsoListed> AlsoListed { get; init; } = [];

    public int End => Start + Length;

    /// <summary>The listed entry itself, for hosts that audit or display more of it; not serialised.</summary>
    [JsonIgnore]
    public Entity? Entity { get; init; }

    public override string ToString() => $"[{Start}+{Length}] {Text} -> {EntityId} {EntityName} {Score:0.000} {Kind}";
}

/// <summary>A sanctioned country or region named in the text: a separate kind of finding, with the program but no entity.</summary>
public sealed record PlaceMention
{
    public required int Start { get; init; }

    public required int Length { get; init; }

    public required string Text { get; init; }

    /// <summary>The place's id ("UA-43" for Crimea, "IR").</summary>
    public required string PlaceId { get; init; }

    public required string Place { get; init; }

    public required string Country { get; init; }

    public bool IsRegion { get; init; }

    /// <summary>The most specific program covering the place ("UKRAINE-EO13685").</summary>
    public required string Program { get; init; }

    public IReadOnlyList<string> Programs { get; init; } = [];

    public required PlaceMatchKind Kind { get; init; }

    /// <summary>Where the text came from in a payment message (":70:", "RmtInf/Ustrd"); null for a document.</summary>
    public string? Path { get; init; }

    public static PlaceMention From(PlaceFinding f) => new()
    {
        Start = f.Start,
        Length = f.Length,
        Text = f.Text,
        PlaceId = f.Place.Id,
        Place = f.Place.Name,
        Country = f.Place.Country,
        IsRegion = f.Place.IsRegion,
        Program = f.Place.Program,
        Programs = f.Place.Programs,
        Kind = f.Kind,
        Path = f.Path,
    };
}

/// <summary>What one text screening found, and against which list versions.</summary>
public sealed record TextScreeningResult
{
    /// <summary>Listed parties, in text order.</summary>
    public required IReadOnlyList<TextMention> Mentions { get; init; }

    /// <summary>Sanctioned places, in text order.</summary>
    public required IReadOnlyList<PlaceMention> Places { get; init; }

    public required double Threshold { get; init; }

    /// <summary>How many candidate spans were screened (distinct readings are screened once).</summary>
    public int Candidates { get; init; }

    public int TextLength { get; init; }
}

/// <summary>
/// Finds listed parties and sanctioned places in free text (news, remittance information): candidate spans from
/// <see cref="MentionCandidates"/> are screened with the same index and scorer as names, overlapping mentions are
/// reduced to the best and longest per party, and a surname alone is labelled <see cref="MentionKind.Partial"/> and
/// scored lower. Thread-safe; one instance per <see cref="Screener"/>.
/// </summary>
public sealed class TextScreener
{
    private const int MaxPairwise = 8;

    private static readonly HashSet<string> VesselPrefixes = new(StringComparer.OrdinalIgnoreCase) { "MV", "M V", "MT", "M T", "FV" };
    private static readonly ConditionalWeakTable<Screener, Memos> MemosOf = new();

    private readonly Screener _screener;
    private readonly SanctionedPlaces _places;
    private readonly Memos _memo;

    public TextScreener(Screener screener, SanctionedPlaces? places = null)
    {
        ArgumentNullException.ThrowIfNull(screener);
        _screener = screener;
        _places = places ?? SanctionedPlaces.Default;
        _memo = MemosOf.GetValue(screener, _ => new Memos());
    }

    /// <summary>Results per reading, shared by every text screener of one screener (see <see cref="ScreeningMemo{TKey, TValue}"/>).</summary>
    private sealed class Memos
    {
        public ScreeningMemo<(string Reading, EntityKind? Kind, double Threshold, string Lists), List<Match>> Readings { get; } = new(200_000);

        public ScreeningMemo<(string Word, string Entity), Match?> Words { get; } = new(50_000);
    }

    public Screener Screener => _screener;

    public TextScreeningResult Screen(string text, TextScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= TextScreeningOptions.Default;
        var tokens = TextTokenizer.Tokenize(text);
        var spans = MentionCandidates.From(tokens, options.Mentions);
        var mentions = FindMentions(text, spans, options);
        var places = options.Places
            ? _places.FindInTokens(text, tokens).Select(PlaceMention.From).ToList()
            : [];
        return new TextScreeningResult
        {
            Mentions = mentions,
            Places = places,
            Threshold = options.Threshold,
            Candidates = spans.Count,
            TextLength = text.Length,
        };
    }

    /// <summary>Mentions of listed parties among the given spans of <paramref name="text"/> (payment fields pass their own).</summary>
    internal List<TextMention> FindMentions(string text, IReadOnlyList<TextSpan> spans, TextScreeningOptions options)
    {
        // The same reading ("Putin") recurs in a text and across texts: screen each once.
        var lexicon = NameLexicon.For(_screener);
        var searchOptions = new ScreeningOptions { Threshold = options.Threshold, Limit = 5, Lists = options.Lists };
        var lists = options.Lists is null ? string.Empty : string.Join(',', options.Lists.Order(StringComparer.Ordinal));
        var found = new List<TextMention>();
        var entities = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var span in spans)
        {
            // "MV MARSHAL ZHUKOV": after a vessel prefix the words are a vessel's name, not a title and a surname.
            EntityKind? kind = span.Title is { } t && VesselPrefixes.Contains(t) ? EntityKind.Vessel : null;
            var matches = _memo.Readings.GetOrAdd((span.Text, kind, options.Threshold, lists), k => Match(k.Reading, k.Kind, lexicon, searchOptions));

            foreach (var m in matches)
            {
                if (Classify(m) is not { } mentionKind)
                {
                    continue;
                }

                var score = mentionKind == MentionKind.Full ? m.Score : m.Score * TextScreeningOptions.PartialFactor;
                if (score >= options.Threshold)
                {
                    entities[m.Entity.Id] = m.Entity;
                    found.Add(Mention(text, span, m, mentionKind, score, m.Explanation));
                }
            }
        }

        AddSurnameMentions(text, spans, found, entities, options);
        return Link(Reduce(found), _screener.Links);
    }

    /// <summary>
    /// Listed entries a reading scores at or above the threshold against. Only entries holding every word of the
    /// reading are scored (see <see cref="NameLexicon"/>): that keeps prose fast, since most capitalised words are
    /// in no listed name, and a few candidates are scored pairwise; many go through the index's search.
    /// </summary>
    private List<Match> Match(string reading, EntityKind? kind, NameLexicon lexicon, ScreeningOptions options)
    {
        var candidates = lexicon.Candidates(NameNormalizer.Normalize(reading, kind));
        if (candidates.Count == 0)
        {
            return [];
        }

        var query = new ScreeningQuery { Name = reading, Kind = kind };
        if (candidates.Count > MaxPairwise)
        {
            return [.. _screener.Index.Search(query, options)];
        }

        var result = new List<Match>();
        foreach (var c in candidates)
        {
            var e = lexicon.Entities[c];
            if (options.Lists is { } lists && !lists.Contains(e.ListId))
            {
                continue;
            }

            if (_screener.Index.Score(query, e) is { } m && m.Score >= options.Threshold)
            {
                result.Add(m);
            }
        }

        return result;
    }

    /// <summary>
    /// A surname that repeats a full mention of the same party in the text ("Vladimir Putin ... President Putin")
    /// refers to it: reported as a partial mention, scored below the full one.
    /// </summary>
    private void AddSurnameMentions(string text, IReadOnlyList<TextSpan> spans, List<TextMention> found, Dictionary<string, Entity> entities, TextScreeningOptions options)
    {
        var full = found.Where(f => f.Kind == MentionKind.Full).GroupBy(f => f.EntityId).Select(g => g.MaxBy(f => f.Score)!).ToList();
        if (full.Count == 0)
        {
            return;
        }

        var fullTokens = full.ToDictionary(
            f => f.EntityId,
            f => f.Explanation.Tokens.Where(t => t.QueryToken is not null && t.MatchedToken is not null && t.Role == TokenRole.Name && t.Similarity >= 0.9)
                .Select(t => t.QueryToken!).ToHashSet(StringComparer.OrdinalIgnoreCase));
        foreach (var span in spans)
        {
            if (span.TokenCount != 1)
            {
                continue;
            }

            foreach (var f in full)
            {
                if (span.Start >= f.Start && span.End <= f.End)
                {
                    continue;
                }

                if (!fullTokens[f.EntityId].Contains(span.Text) || MentionCandidates.IsCommonWord(span.Text))
                {
                    continue;
                }

                var score = f.Score * TextScreeningOptions.PartialFactor;
                if (score < options.Threshold)
                {
                    continue;
                }

                var listed = entities[f.EntityId];
                var entity = _memo.Words.GetOrAdd((span.Text, f.EntityId), k => _screener.Index.Score(new ScreeningQuery { Name = k.Word }, listed));
                if (entity is null)
                {
                    continue;
                }

                var explanation = entity.Explanation with
                {
                    Score = Math.Round(score, 4),
                    Adjustments =
                    [
                        .. entity.Explanation.Adjustments,
                        new ScoreAdjustment
                        {
                            Reason = $"one word of the name, referring to the full mention \"{f.Text}\" at {f.Start}: {TextScreeningOptions.PartialFactor:0.00} of its score {f.Score:0.000}",
                            Factor = TextScreeningOptions.PartialFactor,
                        },
                    ],
                };
                found.Add(Mention(text, span, entity, MentionKind.Partial, score, explanation));
            }
        }
    }

    private static TextMention Mention(string text, TextSpan span, Match m, MentionKind kind, double score, MatchExplanation explanation) => new()
    {
        Start = span.Start,
        Length = span.Length,
        Text = text.Substring(span.Start, span.Length),
        Query = span.Text,
        Kind = kind,
        Title = span.Title,
        EntityId = m.Entity.Id,
        EntityName = m.Entity.PrimaryName.Full,
        EntityKind = m.Entity.Kind,
        ListId = m.Entity.ListId,
        Programs = m.Entity.Programs,
        MatchedName = m.MatchedName.Full,
        Score = Math.Round(score, 4),
        Explanation = explanation,
        Entity = m.Entity,
    };

    /// <summary>
    /// What a match of a span says, stricter than for a name field because prose is full of capitalised words:
    /// full when two or more words of the listed name were matched (a person's middle name or patronymic may be
    /// missing, an organisation's distinctive words may not), or when a one-word listed name (legal forms aside) was
    /// matched exactly; partial when one word of a longer name was matched; null when the
    /// span is not a mention (a word of the span is not in the name: a shorter span says it better;
    /// or a single word only resembles a one-word name or weak alias).
    /// </summary>
    internal static MentionKind? Classify(Match m)
    {
        var e = m.Explanation;
        var matched = 0;
        var exactOnly = true;
        var unmatchedListed = 0;
        foreach (var t in e.Tokens)
        {
            if (t.QueryToken is not null && t.MatchedToken is not null)
            {
                if (t.Role == TokenRole.Name)
                {
                    matched += t.QueryToken.Count(c => c == ' ') + 1;
                    exactOnly &= t.Kind == "exact";
                }
            }
            else if (t.QueryToken is null)
            {
                if (t.Role is TokenRole.Name or TokenRole.Initial or TokenRole.Number)
                {
                    unmatchedListed++;
                }
            }
            else if (t.Role == TokenRole.Name)
            {
                return null;
            }
        }

        if (matched >= 2)
        {
            return m.Entity.Kind == EntityKind.Person || unmatchedListed == 0 ? MentionKind.Full : MentionKind.Partial;
        }

        if (matched == 0)
        {
            return null;
        }

        // One word of a longer listed name: a surname is a (weaker) mention of a person, but one word of a company's
        // name ("Rubber" of T-RUBBER CO., LTD) is ordinary prose far more often than a reference to it.
        if (unmatchedListed > 0)
        {
            return m.Entity.Kind == EntityKind.Person ? MentionKind.Partial : null;
        }

        // Three letters alone ("ACC" in "/ACC/" of an MT103 field 72) are codes far more often than names.
        return exactOnly && m.MatchedName.Strength != AliasStrength.Weak && m.Explanation.QueryName.Length >= 4 ? MentionKind.Full : null;
    }

    /// <summary>
    /// One party on several lists is one mention: a mention overlapping a better one of a linked entry (OFAC and the
    /// UN listing the same person) is folded into that one's <see cref="TextMention.AlsoListed"/> with its score.
    /// </summary>
    private static List<TextMention> Link(List<TextMention> mentions, CrossListLinks links)
    {
        if (mentions.Count == 0)
        {
            return mentions;
        }

        var result = new List<TextMention>(mentions.Count);
        var order = mentions.Select((m, i) => (m, i)).OrderByDescending(x => x.m.Score).ThenBy(x => x.i).ToList();
        var kept = new Dictionary<int, List<AlsoListed>>();
        foreach (var (m, i) in order)
        {
            var folded = false;
            foreach (var (k, also) in kept)
            {
                var into = mentions[k];
                if (m.Start < into.End && into.Start < m.End && CrossListLinks.Fold(also, m.EntityId, m.Score, m.MatchedName))
                {
                    folded = true;
                    break;
                }
            }

            if (!folded)
            {
                kept[i] = links.AlsoListed(m.EntityId).ToList();
            }
        }

        for (var i = 0; i < mentions.Count; i++)
        {
            if (kept.TryGetValue(i, out var also))
            {
                result.Add(also.Count == 0 ? mentions[i] : mentions[i] with { AlsoListed = also });
            }
        }

        return result;
    }

    /// <summary>
    /// One mention per party and stretch of text: among overlapping mentions of the same party the best score wins,
    /// then the longest span; a mention inside a longer, better mention of another party is dropped.
    /// </summary>
    private static List<TextMention> Reduce(List<TextMention> found)
    {
        var kept = new List<TextMention>();
        foreach (var m in found.OrderByDescending(m => m.Kind == MentionKind.Full).ThenByDescending(m => m.Score).ThenByDescending(m => m.Length).ThenBy(m => m.Start))
        {
            var drop = false;
            foreach (var k in kept)
            {
                var overlap = m.Start < k.End && k.Start < m.End;
                if (!overlap)
                {
                    continue;
                }

                // Inside a better mention of another party, a shorter reading is not a name of its own: "Muhammad
                // Saeed" within "Hafiz Muhammad Saeed" (kept mentions come first: full before partial, best first).
                var within = m.Start >= k.Start && m.End <= k.End;
                if (k.EntityId == m.EntityId || (within && m.Kind == MentionKind.Partial) || (within && m.Length < k.Length && k.Kind == MentionKind.Full))
                {
                    drop = true;
                    break;
                }
            }

            if (!drop)
            {
                kept.Add(m);
            }
        }

        kept.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Score.CompareTo(a.Score));
        return kept;
    }
}
