using System.Globalization;
using System.Text;
using Interdict.Model;

namespace Interdict.Sources;

/// <summary>Small text chores every publisher format needs.</summary>
internal static class SourceText
{
    /// <summary>Trims and collapses runs of white space (lists wrap long values over indented lines); null when nothing is left.</summary>
    public static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var ch in s.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    /// <summary>Joins the non-empty parts.</summary>
    public static string? Join(string separator, params string?[] parts)
    {
        var s = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return s.Length == 0 ? null : s;
    }

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The month number of an English month name or abbreviation ("Sep.", "September"), or null.</summary>
    public static int? Month(string? word)
    {
        if (word is null)
        {
            return null;
        }

        var w = word.Trim().TrimEnd('.').ToLowerInvariant();
        if (w.Length < 3)
        {
            return null;
        }

        if (w == "sept")
        {
            return 9;
        }

        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (w.StartsWith(MonthNames[i], StringComparison.Ordinal) && CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[i].StartsWith(word.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>Parses an ISO date prefix at the start of <paramref name="s"/> ("2001-01-25-05:00" → 2001-01-25).</summary>
    public static PartialDate? IsoPrefix(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        var t = s.Trim();
        foreach (var len in (ReadOnlySpan<int>)[10, 7, 4])
        {
            if (t.Length >= len && (t.Length == len || !char.IsDigit(t[len])) && PartialDate.TryParse(t.AsSpan(0, len), out var d))
            {
                return d;
            }
        }

        return null;
    }

    // Lists repeat a few hundred country spellings thousands of times; resolving one normalises Unicode.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> CountryCache = new(StringComparer.Ordinal);

    /// <summary>Country code for a publisher's country text; placeholders such as "na" are not countries.</summary>
    public static string? Country(string? name)
    {
        var c = Clean(name);
        if (c is null || c.Equals("na", StringComparison.OrdinalIgnoreCase) || c.Equals("n/a", StringComparison.OrdinalIgnoreCase) || c == "-")
        {
            return null;
        }

        return CountryCache.Count < 100_000 ? CountryCache.GetOrAdd(c, ResolveCountry) : ResolveCountry(c);
    }

    private static string? ResolveCountry(string c)
    {
        return Countries.Resolve(c)

            // The platform's region names write "Trinidad & Tobago"; lists write "and".
            ?? (c.Contains(" and ", StringComparison.OrdinalIgnoreCase) ? Countries.Resolve(c.Replace(" and ", " & ", StringComparison.OrdinalIgnoreCase)) : null)
            ?? (c.StartsWith("former ", StringComparison.OrdinalIgnoreCase) ? Countries.Resolve(c[7..]) : null);
    }
}
