using System.Collections.Frozen;
using System.Text;

namespace Interdict.Screening.Text;

/// <summary>
/// A run of consecutive tokens that could be a name. <see cref="Start"/> and <see cref="Length"/> are offsets in the
/// original text, so <c>text.Substring(Start, Length)</c> is what the reader saw; <see cref="Text"/> is the reading to
/// screen (hyphenation across lines re-joined, possessive dropped, tokens separated by one blank, or ", " for list order).
/// </summary>
public sealed record TextSpan(int Start, int Length, string Text, int TokenCount)
{
    public int End => Start + Length;

    /// <summary>The title just before the span ("President", "Kremlin spokesperson"), for the explanation and for weighting; null if none.</summary>
    public string? Title { get; init; }

    /// <summary>Every token starts with a capital letter (or has no case): in prose, names do; in upper-case payment text, everything does.</summary>
    public bool IsCapitalized { get; init; }

    /// <summary>Index of the first token in the tokenisation, so that the engine can relate overlapping spans.</summary>
    public int FirstToken { get; init; }

    public override string ToString() => $"[{Start}+{Length}] {Text}";
}

public sealed record MentionOptions
{
    public static MentionOptions Default { get; } = new();

    /// <summary>Longest candidate in tokens; listed names rarely exceed four words once legal forms are set aside.</summary>
    public int MaxTokens { get; init; } = 4;

    /// <summary>What letter case asks of a candidate; see <see cref="CaseRule"/>.</summary>
    public CaseRule Case { get; init; } = CaseRule.Auto;
}

public enum CaseRule
{
    /// <summary>
    /// In mixed-case prose, a candidate starts and ends with a capitalised token ("Joe Biden", "Bank of Russia", not
    /// "Biden commitment"); in text written all in capitals or all in lower case (payment fields, chat), any span.
    /// </summary>
    Auto,

    /// <summary>Every span, whatever its case: for texts where names may be written in lower case.</summary>
    Any,

    /// <summary>First and last token capitalised, whatever the text.</summary>
    EdgesCapitalized,
}

/// <summary>
/// Candidate name spans of free text, for the screening engine to look up: every run of 1 to 4 tokens within a
/// sentence that contains no number or title and is not made only of common words. Titles ("President",
/// "spokesperson", vessel prefixes "MV") are not part of names but are kept as <see cref="TextSpan.Title"/> context.
/// </summary>
public static class MentionCandidates
{
    private static readonly FrozenSet<string> FunctionWords = Load("stopwords-en.txt");
    private static readonly FrozenSet<string> CommonWords = Load("common-words-en.txt").Union(FunctionWords).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Multi-word titles are matched before single words so that "Prime Minister" is one title, not "Prime" and a title.
    private static readonly FrozenDictionary<string, string[][]> Titles = new[]
        {
            "deputy prime minister", "prime minister", "vice president", "foreign minister", "defence minister", "defense minister",
            "finance minister", "secretary of state", "press secretary", "treasury secretary", "kremlin spokesperson", "kremlin spokesman",
            "president", "minister", "premier", "chancellor", "king", "queen", "prince", "princess", "mr", "mrs", "ms", "mx", "dr", "prof",
            "professor", "sir", "dame", "lord", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "governor", "gov",
            "mayor", "ambassador", "secretary", "spokesperson", "spokesman", "spokeswoman", "chairman", "chairwoman", "chairperson",
            "ceo", "cfo", "coo", "founder", "director", "deputy", "colonel", "col", "lieutenant", "lt", "sergeant", "sgt", "captain",
            "capt", "admiral", "commander", "judge", "gen", "maj", "brig", "oligarch", "tycoon", "businessman", "businesswoman",
            "billionaire", "leader", "mv", "m v", "mt", "m t", "fv",
        }.Select(t => t.Split(' '))
        .GroupBy(t => t[0], StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(t => t.Length).ToArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Candidate spans of <paramref name="text"/>, in order of their start and then length.</summary>
    public static IReadOnlyList<TextSpan> From(string text, MentionOptions? options = null) => From(TextTokenizer.Tokenize(text), options);

    /// <summary>Candidates from a tokenisation the caller already has (the place finder uses the same tokens).</summary>
    public static IReadOnlyList<TextSpan> From(IReadOnlyList<TextToken> tokens, MentionOptions? options = null)
    {
        options ??= MentionOptions.Default;
        var spans = new List<TextSpan>();
        var n = tokens.Count;
        var edges = options.Case == CaseRule.EdgesCapitalized || (options.Case == CaseRule.Auto && IsMixedCase(tokens));

        // title[i] > 0: a title of that many tokens starts at i; blocked[i]: token i can be in no name.
        var blocked = new bool[n];
        var titleBefore = new string?[n];
        for (var i = 0; i < n; i++)
        {
            if (tokens[i].IsNumber)
            {
                blocked[i] = true;
                continue;
            }

            var len = TitleAt(tokens, i);
            if (len > 0)
            {
                var title = Join(tokens, i, len, out _);
                for (var k = i; k < i + len; k++)
                {
                    blocked[k] = true;
                }

                var next = i + len;
                if (next < n && tokens[next].Sentence == tokens[i].Sentence)
                {
                    // "Kremlin spokesperson": a capitalised word right before the title belongs to the context.
                    if (i > 0 && tokens[i - 1].Sentence == tokens[i].Sentence && tokens[i - 1].IsCapitalized && !CommonWords.Contains(tokens[i - 1].Text) && titleBefore[i - 1] is null && len == 1 && tokens[i].Gap == TokenGap.Space)
                    {
                        title = tokens[i - 1].Text + " " + title;
                    }

                    titleBefore[next] = title;
                }

                i += len - 1;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (blocked[i] || FunctionWords.Contains(tokens[i].Text) || (edges && !tokens[i].IsCapitalized))
            {
                continue;
            }

            var allCommon = true;
            var capitalized = true;
            for (var len = 1; len <= options.MaxTokens && i + len <= n; len++)
            {
                var last = i + len - 1;
                if (blocked[last] || (len > 1 && (tokens[last].Sentence != tokens[i].Sentence || tokens[last].Gap == TokenGap.SentenceStart)))
                {
                    break;
                }

                var t = tokens[last];
                allCommon &= CommonWords.Contains(t.Text);
                capitalized &= t.IsCapitalized;
                if (allCommon || FunctionWords.Contains(t.Text) || (edges && !t.IsCapitalized))
                {
                    continue;
                }

                if (len == 1 && t.Text.Length < 2)
                {
                    continue;
                }

                var joined = Join(tokens, i, len, out _);
                spans.Add(new TextSpan(tokens[i].Start, t.End - tokens[i].Start, joined, len)
                {
                    Title = titleBefore[i],
                    IsCapitalized = capitalized,
                    FirstToken = i,
                });
            }
        }

        return spans;
    }

    /// <summary>Prose: a fair share of words start in lower case and some in upper case.</summary>
    private static bool IsMixedCase(IReadOnlyList<TextToken> tokens)
    {
        int lower = 0, upper = 0;
        foreach (var t in tokens)
        {
            var c = t.Text[0];
            if (char.IsLower(c))
            {
                lower++;
            }
            else if (char.IsUpper(c))
            {
                upper++;
            }
        }

        return lower > 0 && upper > 0 && lower * 5 >= lower + upper;
    }

    /// <summary>True when the word is an English function word or a common word of news and business prose.</summary>
    public static bool IsCommonWord(string word) => CommonWords.Contains(word);

    private static int TitleAt(IReadOnlyList<TextToken> tokens, int i)
    {
        if (!Titles.TryGetValue(tokens[i].Text, out var titles))
        {
            return 0;
        }

        foreach (var title in titles)
        {
            if (i + title.Length > tokens.Count)
            {
                continue;
            }

            var ok = true;
            for (var k = 0; k < title.Length && ok; k++)
            {
                ok = string.Equals(tokens[i + k].Text, title[k], StringComparison.OrdinalIgnoreCase) && (k == 0 || tokens[i + k].Sentence == tokens[i].Sentence);
            }

            if (ok)
            {
                return title.Length;
            }
        }

        return 0;
    }

    private static string Join(IReadOnlyList<TextToken> tokens, int from, int count, out bool hasComma)
    {
        hasComma = false;
        if (count == 1)
        {
            return tokens[from].Text;
        }

        var sb = new StringBuilder(tokens[from].Text);
        for (var k = from + 1; k < from + count; k++)
        {
            switch (tokens[k].Gap)
            {
                case TokenGap.None:
                    break;
                case TokenGap.Hyphen:
                    sb.Append('-');
                    break;
                case TokenGap.Comma:
                    hasComma = true;
                    sb.Append(", ");
                    break;
                default:
                    sb.Append(' ');
                    break;
            }

            sb.Append(tokens[k].Text);
        }

        return sb.ToString();
    }

    internal static FrozenSet<string> Load(string resource)
    {
        using var stream = typeof(MentionCandidates).Assembly.GetManifestResourceStream("Interdict.Screening.Text." + resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
