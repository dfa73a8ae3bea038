namespace Interdict.Sources;

/// <summary>
/// Tells which writing system a name is in (ISO 15924), so that names in original script can be matched
/// against their own kind and transliterated where needed. Lists give the text, never the script.
/// </summary>
public static class Scripts
{
    /// <summary>
    /// The ISO 15924 code of the script most letters of <paramref name="text"/> are in ("Arab", "Cyrl", "Hani",
    /// "Hang", "Grek", ...); null for Latin, for text without letters, and for scripts not recognised.
    /// </summary>
    public static string? Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var latin = 0;
        for (var i = 0; i < text.Length;)
        {
            var rune = System.Text.Rune.GetRuneAt(text, i);
            i += rune.Utf16SequenceLength;
            if (!System.Text.Rune.IsLetter(rune))
            {
                continue;
            }

            var code = Of(rune.Value);
            if (code is null)
            {
                latin++;
            }
            else
            {
                counts[code] = counts.GetValueOrDefault(code) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return null;
        }

        var best = counts.MaxBy(kv => kv.Value);

        // Japanese mixes kana with kanji and Korean may mix hangul with hanja: the mix names the script better than the majority.
        if (best.Key is "Hani" or "Hira" or "Kana" && (counts.ContainsKey("Hira") || counts.ContainsKey("Kana")))
        {
            return best.Value >= latin ? "Jpan" : null;
        }

        if (best.Key is "Hani" or "Hang" && counts.ContainsKey("Hang") && counts.ContainsKey("Hani"))
        {
            return best.Value >= latin ? "Kore" : null;
        }

        return best.Value >= latin ? best.Key : null;
    }

    // Null means Latin or unknown: both are treated as "no original script".
    private static string? Of(int cp) => cp switch
    {
        < 0x0370 => null,
        <= 0x03FF => "Grek",
        <= 0x052F => "Cyrl",
        <= 0x058F => "Armn",
        <= 0x05FF => "Hebr",
        <= 0x06FF => "Arab",
        <= 0x074F => "Syrc",
        <= 0x077F => "Arab",
        <= 0x07BF => "Thaa",
        < 0x0860 => null,
        <= 0x08FF => "Arab",
        <= 0x097F => "Deva",
        <= 0x09FF => "Beng",
        <= 0x0A7F => "Guru",
        <= 0x0AFF => "Gujr",
        <= 0x0B7F => "Orya",
        <= 0x0BFF => "Taml",
        <= 0x0C7F => "Telu",
        <= 0x0CFF => "Knda",
        <= 0x0D7F => "Mlym",
        <= 0x0DFF => "Sinh",
        <= 0x0E7F => "Thai",
        <= 0x0EFF => "Laoo",
        <= 0x0FFF => "Tibt",
        <= 0x109F => "Mymr",
        <= 0x10FF => "Geor",
        <= 0x11FF => "Hang",
        <= 0x139F => "Ethi",
        < 0x1780 => null,
        <= 0x17FF => "Khmr",
        <= 0x18AF => "Mong",
        < 0x1C80 => null,
        <= 0x1C8F => "Cyrl",
        < 0x1F00 => null,
        <= 0x1FFF => "Grek",
        < 0x2D00 => null,
        <= 0x2D2F => "Geor",
        < 0x2DE0 => null,
        <= 0x2DFF => "Cyrl",
        < 0x3040 => "Hani",
        <= 0x309F => "Hira",
        <= 0x30FF => "Kana",
        < 0x3130 => null,
        <= 0x318F => "Hang",
        < 0x31F0 => null,
        <= 0x31FF => "Kana",
        < 0x3400 => null,
        <= 0x4DBF => "Hani",
        <= 0x9FFF => "Hani",
        < 0xA640 => null,
        <= 0xA69F => "Cyrl",
        < 0xAC00 => null,
        <= 0xD7AF => "Hang",
        < 0xF900 => null,
        <= 0xFAFF => "Hani",
        < 0xFB1D => null,
        <= 0xFB4F => "Hebr",
        <= 0xFDFF => "Arab",
        < 0xFE70 => null,
        <= 0xFEFF => "Arab",
        < 0xFF66 => null,
        <= 0xFF9F => "Kana",
        <= 0xFFDC => "Hang",
        < 0x20000 => null,
        <= 0x3134F => "Hani",
        _ => null,
    };
}
