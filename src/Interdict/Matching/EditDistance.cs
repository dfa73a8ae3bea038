namespace Interdict.Matching;

/// <summary>Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded for speed.</summary>
internal static class EditDistance
{
    /// <summary>The distance, or <paramref name="max"/> + 1 as soon as it is known to exceed <paramref name="max"/>.</summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        // Common prefix and suffix do not change the distance.
        var p = 0;
        while (p < a.Length && p < b.Length && a[p] == b[p])
        {
            p++;
        }

        a = a[p..];
        b = b[p..];
        var s = 0;
        while (s < a.Length && s < b.Length && a[a.Length - 1 - s] == b[b.Length - 1 - s])
        {
            s++;
        }

        a = a[..^s];
        b = b[..^s];
        if (a.Length == 0 || b.Length == 0)
        {
            var d = Math.Max(a.Length, b.Length);
            return d > max ? max + 1 : d;
        }

        var m = b.Length;
        Span<int> prev2 = m < 128 ? stackalloc int[m + 1] : new int[m + 1];
        Span<int> prev = m < 128 ? stackalloc int[m + 1] : new int[m + 1];
        Span<int> cur = m < 128 ? stackalloc int[m + 1] : new int[m + 1];
        for (var j = 0; j <= m; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= m; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                if (v < rowMin)
                {
                    rowMin = v;
                }
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }

        return prev[m] > max ? max + 1 : prev[m];
    }
}
