using System.Collections.Frozen;
using System.Text;
using System.Text.Json.Serialization;
using Interdict.Model;

namespace Interdict.Matching;

/// <summary>What a token is to the name: it decides how (and whether) the token counts in a score.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TokenRole>))]
public enum TokenRole
{
    /// <summary>A name word; weighted by its rarity in the lists.</summary>
    Name,

    /// <summary>A single letter standing for a name ("V." in "V. Putin").</summary>
    Initial,

    /// <summary>Digits; must agree exactly ("Brigade 44" is not "Brigade 45").</summary>
    Number,

    /// <summary>An organisation's legal form, canonicalised (OOO, Limited Liability Company → llc); weighted low.</summary>
    LegalForm,

    /// <summary>An article or particle (al-, el-, bin, van, de); weighted low, never required.</summary>
    Particle,

    /// <summary>An honorific or title (Mr, Dr, Sheikh, General); kept for display, ignored for scoring.</summary>
    Title,

    /// <summary>A ship-type prefix (MV, M/T); kept for display, ignored for scoring.</summary>
    VesselPrefix,
}

/// <summary>One token of a normalised name.</summary>
/// <param name="Text">The matching form: Latin, lower case, spelling-folded (legal forms: their canonical code).</param>
/// <param name="Original">The token as written in the input.</param>
/// <param name="Role">What the token is to the name.</param>
public sealed record NameToken(string Text, string Original, TokenRole Role)
{
    /// <summary>The token was written in a script that leaves short vowels out (Arabic, Persian, Hebrew).</summary>
    public bool Consonantal { get; init; }

    /// <summary>Whether the token takes part in scoring (titles and vessel prefixes do not).</summary>
    [JsonIgnore]
    public bool Scored => Role is not (TokenRole.Title or TokenRole.VesselPrefix);
}

/// <summary>A name after normalisation: its tokens in written order, each with its role.</summary>
public sealed record NormalizedName(string Original, IReadOnlyList<NameToken> Tokens)
{
    /// <summary>The scored tokens' matching forms, space separated (for display and tests).</summary>
    public string Key => string.Join(' ', Tokens.Where(t => t.Scored).Select(t => t.Text));

    public override string ToString() => Key;
}

/// <summary>
/// Turns a name as published or typed into tokens that compare across scripts, romanisations and punctuation:
/// NFKC, transliteration to Latin, case folding, diacritics, spelling folds, and recognition of legal forms,
/// titles, vessel prefixes, particles, initials and numbers from the tables in Matching/Data.
/// </summary>
public static class NameNormalizer
{
    private static readonly Lexicon Words = Lexicon.Load();

    /// <summary>Normalises a name; <paramref name="kind"/>, when known, limits which word classes are looked for.</summary>
    public static NormalizedName Normalize(string name, EntityKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var pieces = Split(name);
        return new NormalizedName(name, Classify(pieces, kind));
    }

    /// <summary>The Latin, lower-case words of a name before any classification or folding.</summary>
    internal static List<Piece> Split(string name)
    {
        var s = name;
        if (!Ascii.IsValid(s))
        {
            s = s.Normalize(NormalizationForm.FormKC);
        }

        var pieces = new List<Piece>(8);
        var sb = new StringBuilder(32);
        foreach (var ch in s)
        {
            if (ch is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4' or '\u02BC' or '\u02BB' or '\u02BF' or '\u02BE')
            {
                // O'Brien, Ma'ruf, Mu`ammar: apostrophes join, never split.
                continue;
            }

            var cat = char.GetUnicodeCategory(ch);
            if (char.IsLetterOrDigit(ch) || cat is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                sb.Append(ch);
            }
            else if (sb.Length > 0)
            {
                Flush(sb, pieces);
            }
        }

        if (sb.Length > 0)
        {
            Flush(sb, pieces);
        }

        return pieces;
    }

    private static void Flush(StringBuilder sb, List<Piece> pieces)
    {
        var original = sb.ToString();
        sb.Clear();
        if (Ascii.IsValid(original))
        {
            pieces.Add(new Piece(original.ToLowerInvariant(), original, false));
            return;
        }

        var consonantal = false;
        foreach (var c in original)
        {
            if (Transliterator.IsConsonantalScript(c))
            {
                consonantal = true;
                break;
            }
        }

        var latin = Transliterator.ToLatin(original);
        var start = -1;
        var count = 0;
        for (var i = 0; i <= latin.Length; i++)
        {
            if (i < latin.Length && char.IsAsciiLetterOrDigit(latin[i]))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                count++;
                pieces.Add(new Piece(latin[start..i], original, consonantal));
                start = -1;
            }
        }

        if (count == 0 && original.Length > 0)
        {
            // A word with no Latin rendering at all (an unknown symbol) is dropped: it cannot be compared.
            return;
        }
    }

    private static List<NameToken> Classify(List<Piece> pieces, EntityKind? kind)
    {
        var tokens = new List<NameToken>(pieces.Count);
        var i = 0;
        var n = pieces.Count;

        // Leading vessel prefix (MV, M/V, M.T.), only when something follows.
        if (kind is null or EntityKind.Vessel && Words.VesselPrefixes.Match(pieces, 0, out var vlen, out _) && vlen < n)
        {
            tokens.Add(new NameToken(Concat(pieces, 0, vlen, useLatin: true), Join(pieces, 0, vlen), TokenRole.VesselPrefix));
            i = vlen;
        }

        // Leading titles, repeated ("Sheikh Dr"), only when a name follows and the name is not an organisation's.
        if (kind is null or EntityKind.Person && !HasLegalForm(pieces))
        {
            while (i < n && Words.Titles.Match(pieces, i, out var tlen, out _) && i + tlen < n)
            {
                for (var k = i; k < i + tlen; k++)
                {
                    tokens.Add(new NameToken(pieces[k].Latin, pieces[k].Original, TokenRole.Title));
                }

                i += tlen;
            }
        }

        var lookForLegalForms = kind is not EntityKind.Person;

        // In an organisation's name a run of single letters ("I&S", "A.T.E.", "N P C") is one abbreviation, not the
        // initials of words: read as initials, "A.T.E. INTERNATIONAL" would match "ATLANTIC INTERNATIONAL".
        var acronyms = kind is EntityKind.Organization || (kind is null && HasLegalForm(pieces));
        for (; i < n; i++)
        {
            var p = pieces[i];
            if (lookForLegalForms && Words.LegalForms.Match(pieces, i, out var llen, out var form) && PositionAllowed(form.Where, i, llen, n))
            {
                tokens.Add(new NameToken(form.Code, Join(pieces, i, llen), TokenRole.LegalForm));
                i += llen - 1;
                continue;
            }

            if (acronyms && IsLetter(p))
            {
                var end = i + 1;
                while (end < n && IsLetter(pieces[end]) && !(Words.LegalForms.Match(pieces, end, out var l2, out var f2) && PositionAllowed(f2.Where, end, l2, n)))
                {
                    end++;
                }

                if (end - i >= 2)
                {
                    tokens.Add(new NameToken(TokenFolding.Fold(Concat(pieces, i, end - i, useLatin: true)), Join(pieces, i, end - i), TokenRole.Name));
                    i = end - 1;
                    continue;
                }
            }

            if (IsDigits(p.Latin))
            {
                tokens.Add(new NameToken(p.Latin, p.Original, TokenRole.Number) { Consonantal = p.Consonantal });
            }
            else if (p.Latin.Length == 1)
            {
                tokens.Add(new NameToken(p.Latin, p.Original, TokenRole.Initial) { Consonantal = p.Consonantal });
            }
            else if (i + 1 < n && Words.Particles.TryGetValue(p.Latin, out var particle))
            {
                tokens.Add(new NameToken(particle, p.Original, TokenRole.Particle) { Consonantal = p.Consonantal });
            }
            else
            {
                tokens.Add(new NameToken(p.Folded, p.Original, TokenRole.Name) { Consonantal = p.Consonantal });
            }
        }

        return tokens;
    }

    private static bool IsLetter(in Piece p) => p.Latin.Length == 1 && !p.Consonantal && char.IsAsciiLetterLower(p.Latin[0]);

    private static bool HasLegalForm(List<Piece> pieces)
    {
        for (var i = 0; i < pieces.Count; i++)
        {
            if (Words.LegalForms.Match(pieces, i, out var len, out var form) && PositionAllowed(form.Where, i, len, pieces.Count))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PositionAllowed(FormPosition where, int start, int length, int count) => where switch
    {
        FormPosition.Any => true,
        FormPosition.Last => start + length == count && start > 0,
        _ => (start == 0 && length < count) || (start + length == count && start > 0),
    };

    private static bool IsDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static string Join(List<Piece> pieces, int start, int length)
    {
        if (length == 1)
        {
            return pieces[start].Original;
        }

        var sb = new StringBuilder();
        for (var k = start; k < start + length; k++)
        {
            if (k > start && !ReferenceEquals(pieces[k].Original, pieces[k - 1].Original))
            {
                sb.Append(' ');
            }

            if (k == start || !ReferenceEquals(pieces[k].Original, pieces[k - 1].Original))
            {
                sb.Append(pieces[k].Original);
            }
        }

        return sb.ToString();
    }

    private static string Concat(List<Piece> pieces, int start, int length, bool useLatin)
    {
        var sb = new StringBuilder();
        for (var k = start; k < start + length; k++)
        {
            sb.Append(useLatin ? pieces[k].Latin : pieces[k].Original);
        }

        return sb.ToString();
    }

    /// <summary>One Latin word of a name: its lower-case Latin form, the written word it came from, and its script class.</summary>
    internal readonly record struct Piece(string Latin, string Original, bool Consonantal)
    {
        /// <summary>The spelling-folded form: tables match on it so that spelling variants of a legal form still match.</summary>
        public string Folded { get; } = TokenFolding.Fold(Latin);
    }

    internal enum FormPosition
    {
        Any,
        Edge,
        Last,
    }

    internal sealed record LegalForm(string Code, FormPosition Where);

    /// <summary>Word sequences of one class (titles, legal forms), matched longest first at a position.</summary>
    internal sealed class SequenceTable<T>
    {
        private readonly Dictionary<string, List<(string[] Words, T Value)>> _byFirst = new(StringComparer.Ordinal);

        public void Add(string[] words, T value)
        {
            if (words.Length == 0)
            {
                return;
            }

            if (!_byFirst.TryGetValue(words[0], out var list))
            {
                _byFirst[words[0]] = list = [];
            }

            if (list.Exists(e => e.Words.AsSpan().SequenceEqual(words)))
            {
                return;
            }

            list.Add((words, value));
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }

        public bool Match(List<Piece> pieces, int at, out int length, out T value)
        {
            length = 0;
            value = default!;
            if (at >= pieces.Count || !_byFirst.TryGetValue(pieces[at].Folded, out var list))
            {
                return false;
            }

            foreach (var (words, v) in list)
            {
                if (at + words.Length > pieces.Count)
                {
                    continue;
                }

                var ok = true;
                for (var k = 1; k < words.Length && ok; k++)
                {
                    ok = string.Equals(pieces[at + k].Folded, words[k], StringComparison.Ordinal);
                }

                if (ok)
                {
                    length = words.Length;
                    value = v;
                    return true;
                }
            }

            return false;
        }

        public IEnumerable<(string[] Words, T Value)> All => _byFirst.Values.SelectMany(l => l);
    }

    internal sealed class Lexicon
    {
        public SequenceTable<bool> Titles { get; } = new();
        public SequenceTable<bool> VesselPrefixes { get; } = new();
        public SequenceTable<LegalForm> LegalForms { get; } = new();
        public FrozenDictionary<string, string> Particles { get; private set; } = FrozenDictionary<string, string>.Empty;

        public static Lexicon Load()
        {
            var lx = new Lexicon();
            foreach (var line in MatchingData.Lines("titles.txt"))
            {
                lx.Titles.Add(Words(line), true);
            }

            foreach (var line in MatchingData.Lines("vessel-prefixes.txt"))
            {
                lx.VesselPrefixes.Add(Words(line), true);
                // "M/V", "M.V." and "MV" are one prefix.
                var w = Words(line);
                if (w.Length == 1 && w[0].Length == 2 && line.Trim().Length == 2)
                {
                    lx.VesselPrefixes.Add([line.Trim()[..1], line.Trim()[1..]], true);
                }
            }

            foreach (var line in MatchingData.Lines("legal-forms.tsv"))
            {
                var cols = line.Split('\t');
                if (cols.Length != 3)
                {
                    throw new InvalidOperationException($"legal-forms.tsv: expected code<TAB>variants<TAB>position, got '{line}'");
                }

                var where = cols[2].Trim() switch
                {
                    "any" => FormPosition.Any,
                    "edge" => FormPosition.Edge,
                    "last" => FormPosition.Last,
                    var other => throw new InvalidOperationException($"legal-forms.tsv: unknown position '{other}' in '{line}'"),
                };
                var form = new LegalForm(cols[0].Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant(), where);
                lx.LegalForms.Add([form.Code], form);
                foreach (var variant in cols[1].Split('|'))
                {
                    lx.LegalForms.Add(Words(variant), form);
                }
            }

            var particles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in MatchingData.Lines("particles.txt"))
            {
                var w = line.Trim();
                // el-, ul- are the same Arabic article as al-.
                particles[w] = w is "el" or "ul" ? "al" : w;
            }

            lx.Particles = particles.ToFrozenDictionary(StringComparer.Ordinal);
            return lx;
        }

        private static string[] Words(string text) => Split(text.Trim()).Select(p => p.Folded).ToArray();
    }
}
