using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using AnyAscii;

namespace Interdict.Matching;

/// <summary>
/// Latin spelling of a word in any script: the product's own table (Data/transliteration.tsv) where its conventions
/// differ, AnyAscii for everything else. Han and Hangul characters become one syllable each so that "習近平" lines up
/// with "XI Jinping" through the merged-token rule.
/// </summary>
public static class Transliterator
{
    private static readonly FrozenDictionary<char, string> Table = LoadTable();
    private static readonly ConcurrentDictionary<int, string> Cache = new();

    /// <summary>Lower-case Latin (ASCII letters, digits and spaces) for one word or a whole name.</summary>
    public static string ToLatin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch < 128)
            {
                sb.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ch);
                continue;
            }

            // The Arabic article is written joined to its word; the Latin spellings write it apart (al-, el-, ul-).
            if (ch == '\u0627' && i + 3 < text.Length && text[i + 1] == '\u0644' && (i == 0 || !char.IsLetter(text[i - 1])))
            {
                sb.Append("al ");
                i++;
                continue;
            }

            var lower = char.ToLowerInvariant(ch);
            if (Table.TryGetValue(lower, out var mapped))
            {
                sb.Append(mapped);
                continue;
            }

            int cp;
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cp = char.ConvertToUtf32(ch, text[i + 1]);
                i++;
            }
            else
            {
                cp = ch;
            }

            var latin = Cache.GetOrAdd(cp, static c => Convert(c));
            sb.Append(latin);
        }

        return sb.ToString();
    }

    /// <summary>True for the scripts that leave short vowels unwritten (Arabic, Persian, Urdu, Hebrew, Syriac, Thaana).</summary>
    public static bool IsConsonantalScript(char ch) =>
        ch is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    private static string Convert(int cp)
    {
        var s = char.ConvertFromUtf32(cp);
        var latin = s.Transliterate().ToLowerInvariant();
        var separate = IsSyllabicIdeograph(cp);
        var sb = new StringBuilder(latin.Length + 2);
        if (separate)
        {
            sb.Append(' ');
        }

        foreach (var c in latin)
        {
            // AnyAscii marks some sounds with apostrophes or backticks (Armenian k', Arabic ayn): they are not word breaks.
            if (c is '\'' or '`' or '"')
            {
                continue;
            }

            sb.Append(c);
        }

        if (separate)
        {
            sb.Append(' ');
        }

        return sb.ToString();
    }

    private static bool IsSyllabicIdeograph(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F)
            or (>= 0xAC00 and <= 0xD7AF);

    private static FrozenDictionary<char, string> LoadTable()
    {
        var d = new Dictionary<char, string>();
        foreach (var line in MatchingData.Lines("transliteration.tsv"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab != 1)
            {
                throw new InvalidOperationException($"transliteration.tsv: expected 'char<TAB>latin', got '{line}'");
            }

            d[char.ToLower(line[0], CultureInfo.InvariantCulture)] = line[(tab + 1)..].Trim();
        }

        return d.ToFrozenDictionary();
    }
}
