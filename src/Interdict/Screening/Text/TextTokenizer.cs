using System.Globalization;
using System.Text;

namespace Interdict.Screening.Text;

/// <summary>
/// Splits text into word tokens with their character offsets, for name and place screening. Handles what news and
/// payment texts do to names: possessives ("Putin's", "Biden’s"), words hyphenated across a line break ("Pes-\nkov"),
/// apostrophes inside names ("O'Brien"), Cyrillic, Arabic and other alphabets with combining marks, and Han text
/// (one token per character, since it has no spaces). Sentences end at . ! ? ; : and blank lines, but not at the
/// period of an initial or a common abbreviation ("U.S.", "Dmitry S. Peskov", "Mr.").
/// </summary>
public static class TextTokenizer
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "nos", "vs", "gen", "col", "lt", "sgt",
        "capt", "sen", "rep", "gov", "hon", "rev", "messrs", "mt", "ft", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ul", "pr", "str", "bldg", "apt", "pte", "bhd", "plc", "llc", "ooo", "zao", "oao",
    };

    public static IReadOnlyList<TextToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<TextToken>(text.Length / 6);
        var sentence = 0;
        var gap = TokenGap.SentenceStart;
        var sentenceHasTokens = false;
        var newlines = 0;
        var i = 0;
        var n = text.Length;
        StringBuilder? sb = null;

        void EndSentence()
        {
            if (sentenceHasTokens)
            {
                sentence++;
                sentenceHasTokens = false;
            }

            gap = TokenGap.SentenceStart;
        }

        while (i < n)
        {
            var c = text[i];
            var kind = Classify(c);
            if (kind == CharKind.Han)
            {
                Emit(i, 1, text.Substring(i, 1), gap);
                i++;
                continue;
            }

            if (kind is CharKind.Kana)
            {
                var j = i + 1;
                while (j < n && Classify(text[j]) == CharKind.Kana)
                {
                    j++;
                }

                Emit(i, j - i, text[i..j], gap);
                i = j;
                continue;
            }

            if (kind == CharKind.Word)
            {
                var start = i;
                var j = i;
                var end = i;
                var nextScan = -1;
                sb?.Clear();
                var rewritten = false;
                while (j < n)
                {
                    var cj = text[j];
                    var kj = Classify(cj);
                    if (kj == CharKind.Word)
                    {
                        if (rewritten)
                        {
                            sb!.Append(cj);
                        }

                        j++;
                        end = j;
                        continue;
                    }

                    if (kj == CharKind.Invisible)
                    {
                        // Soft hyphens and joiners inside a word: kept in the span, dropped from the reading
                        // (except the zero-width non-joiner that Persian spelling needs).
                        if (cj == '\u200C')
                        {
                            if (rewritten)
                            {
                                sb!.Append(cj);
                            }
                        }
                        else if (!rewritten)
                        {
                            sb ??= new StringBuilder();
                            sb.Clear().Append(text, start, j - start);
                            rewritten = true;
                        }

                        j++;
                        continue;
                    }

                    if (IsApostrophe(cj) && j + 1 < n && Classify(text[j + 1]) == CharKind.Word)
                    {
                        if ((text[j + 1] == 's' || text[j + 1] == 'S') && (j + 2 >= n || Classify(text[j + 2]) != CharKind.Word))
                        {
                            // Possessive: the name ends before the apostrophe.
                            nextScan = j + 2;
                            break;
                        }

                        if (rewritten)
                        {
                            sb!.Append(cj);
                        }

                        j++;
                        continue;
                    }

                    if (cj is '-' or '\u00AD' or '\u2010' && LineBreakHyphen(text, j) is int resume and > 0)
                    {
                        if (!rewritten)
                        {
                            sb ??= new StringBuilder();
                            sb.Clear().Append(text, start, j - start);
                            rewritten = true;
                        }

                        j = resume;
                        continue;
                    }

                    break;
                }

                Emit(start, end - start, rewritten ? sb!.ToString() : text[start..end], gap);
                i = nextScan > 0 ? nextScan : end;
                continue;
            }

            // Between words.
            switch (c)
            {
                case '\n':
                    if (++newlines >= 2)
                    {
                        EndSentence();
                    }

                    i++;
                    continue;
                case '.':
                    if (!IsAbbreviationPeriod(text, i, tokens))
                    {
                        EndSentence();
                    }

                    break;
                case '!' or '?' or ';' or ':' or '。' or '！' or '？' or '؟' or '؛' or '…':
                    // A colon inside "1/NAME" style codes or a URL is followed by no blank; those stay in the sentence.
                    if (c != ':' || i + 1 >= n || char.IsWhiteSpace(text[i + 1]))
                    {
                        EndSentence();
                    }

                    break;
                case ',' or '،' or '，' or '、':
                    if (gap != TokenGap.SentenceStart)
                    {
                        gap = TokenGap.Comma;
                    }

                    break;
                case '-' or '\u2010' or '\u2011':
                    if (gap == TokenGap.None && tokens.Count > 0 && tokens[^1].End == i && i + 1 < n && Classify(text[i + 1]) != CharKind.Other)
                    {
                        gap = TokenGap.Hyphen;
                    }
                    else if (gap is TokenGap.None)
                    {
                        gap = TokenGap.Space;
                    }

                    break;
                default:
                    if (gap == TokenGap.None)
                    {
                        gap = TokenGap.Space;
                    }

                    break;
            }

            if (!char.IsWhiteSpace(c))
            {
                newlines = 0;
            }

            i++;
        }

        return tokens;

        void Emit(int start, int length, string value, TokenGap g)
        {
            tokens.Add(new TextToken(start, length, value, sentence, g));
            sentenceHasTokens = true;
            newlines = 0;

            // Until a separator is seen, the next token touches this one.
            gap = TokenGap.None;
        }
    }

    /// <summary>When a hyphen ends a line and the word goes on in lower case on the next line, where it resumes; else -1.</summary>
    private static int LineBreakHyphen(string text, int hyphen)
    {
        var k = hyphen + 1;
        while (k < text.Length && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'))
        {
            k++;
        }

        if (k >= text.Length || text[k] != '\n')
        {
            return -1;
        }

        k++;
        while (k < text.Length && (text[k] == ' ' || text[k] == '\t'))
        {
            k++;
        }

        return k < text.Length && char.IsLower(text[k]) ? k : -1;
    }

    private static bool IsAbbreviationPeriod(string text, int i, List<TextToken> tokens)
    {
        // "3.5", "www.example.com": no blank after the period.
        if (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] is not ('"' or '\'' or '”' or '’' or ')'))
        {
            return true;
        }

        if (tokens.Count == 0 || tokens[^1].End != i)
        {
            return false;
        }

        var last = tokens[^1].Text;
        return (last.Length == 1 && char.IsLetter(last[0])) || Abbreviations.Contains(last);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or '‘';

    private enum CharKind
    {
        Other,
        Word,
        Han,
        Kana,
        Invisible,
    }

    private static CharKind Classify(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c) ? CharKind.Word : CharKind.Other;
        }

        if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF')
        {
            return CharKind.Han;
        }

        if (c is >= '\u3040' and <= '\u30FF' and not '\u30FB')
        {
            return CharKind.Kana;
        }

        if (c is '\u00AD' or '\u200C' or '\u200D')
        {
            return CharKind.Invisible;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => CharKind.Word,
            UnicodeCategory.Surrogate => CharKind.Word,
            _ => CharKind.Other,
        };
    }
}
