namespace Interdict.Matching;

/// <summary>
/// Spelling folds applied to every Latin name token, so that romanisation conventions meet: Dmitriy / Dmitry / Dmitrii
/// → dmitri, Sergeyevich / Sergeevich → sergevich, Khoroshev → horoshev, Nicolas / Nikolas → nikolas, Mohammed → mohamed.
/// Folding is a many-to-one key, never shown to users.
/// </summary>
internal static class TokenFolding
{
    public static string Fold(string s)
    {
        Span<char> buf = s.Length <= 60 ? stackalloc char[s.Length * 2 + 2] : new char[s.Length * 2 + 2];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            switch (c)
            {
                case 'x':
                    buf[n++] = 'k';
                    buf[n++] = 's';
                    break;
                case 'p' when next == 'h':
                    buf[n++] = 'f';
                    i++;
                    break;
                case 'k' when next == 'h':
                    buf[n++] = 'h';
                    i++;
                    break;
                case 'c' when next == 'k':
                    buf[n++] = 'k';
                    i++;
                    break;
                case 'c' when next == 'h':
                    buf[n++] = 'c';
                    buf[n++] = 'h';
                    i++;
                    break;
                case 'c' when next is not ('e' or 'i' or 'y'):
                    buf[n++] = 'k';
                    break;
                case 'q':
                    buf[n++] = 'k';
                    break;
                case 'w':
                    buf[n++] = 'v';
                    break;
                case 'd' when next == 'j':
                    buf[n++] = 'j';
                    i++;
                    break;
                case 'd' when next == 'z' && i + 2 < s.Length && s[i + 2] == 'h':
                    buf[n++] = 'j';
                    i += 2;
                    break;
                case 'o' when next == 'u':
                    buf[n++] = 'u';
                    i++;
                    break;
                case 'y' when next == 'e':
                    buf[n++] = 'e';
                    i++;
                    break;
                case 'y' when next is 'a' or 'u' or 'o':
                    buf[n++] = 'i';
                    break;
                default:
                    buf[n++] = c;
                    break;
            }
        }

        // Doubled letters carry no distinction across romanisations (Mohammed / Mohamed, Hussein / Husein).
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if (m > 0 && buf[m - 1] == buf[i] && char.IsAsciiLetter(buf[i]))
            {
                continue;
            }

            buf[m++] = buf[i];
        }

        // -iy / -ij / -y endings (Dmitriy, Dmitrij, Dmitry, Sergey) all end in -i.
        if (m > 3 && buf[m - 2] == 'i' && buf[m - 1] is 'y' or 'j')
        {
            m--;
        }
        else if (m > 2 && buf[m - 1] == 'y')
        {
            buf[m - 1] = 'i';
        }

        return new string(buf[..m]);
    }

    /// <summary>Consonant skeleton used to compare with names written in a script without short vowels ("mhmd" ~ "mohamed").</summary>
    public static string Skeleton(string folded)
    {
        Span<char> buf = folded.Length <= 64 ? stackalloc char[folded.Length] : new char[folded.Length];
        var n = 0;
        foreach (var c in folded)
        {
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'v')
            {
                continue;
            }

            if (n > 0 && buf[n - 1] == c)
            {
                continue;
            }

            buf[n++] = c;
        }

        return new string(buf[..n]);
    }
}
