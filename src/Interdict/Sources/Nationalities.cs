using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Interdict.Sources;

/// <summary>
/// Reads nationality text as lists write it: country names, demonyms ("Afghan", "Saudi Arabian"), numbered lists
/// ("(1) Somali (2) Swedish", "a) French, b) Tunisian") and qualifiers ("Kuwaiti citizenship withdrawn in 2002").
/// </summary>
public static partial class Nationalities
{
    // Demonyms and short forms the platform's country names do not cover.
    private static readonly FrozenDictionary<string, string> Words = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Afghan"] = "AF",
        ["Afgan"] = "AF",
        ["Albanian"] = "AL",
        ["Algerian"] = "DZ",
        ["American"] = "US",
        ["Angolan"] = "AO",
        ["Argentine"] = "AR",
        ["Argentinian"] = "AR",
        ["Armenian"] = "AM",
        ["Australian"] = "AU",
        ["Austrian"] = "AT",
        ["Azerbaijani"] = "AZ",
        ["Bahraini"] = "BH",
        ["Bangladeshi"] = "BD",
        ["Belarusian"] = "BY",
        ["Belgian"] = "BE",
        ["Bosnian"] = "BA",
        ["Brazilian"] = "BR",
        ["British"] = "GB",
        ["Bulgarian"] = "BG",
        ["Burmese"] = "MM",
        ["Burundian"] = "BI",
        ["Cameroonian"] = "CM",
        ["Canadian"] = "CA",
        ["Chadian"] = "TD",
        ["Chinese"] = "CN",
        ["Colombian"] = "CO",
        ["Congolese"] = "CD",
        ["Cuban"] = "CU",
        ["Cypriot"] = "CY",
        ["Czech"] = "CZ",
        ["Danish"] = "DK",
        ["Dutch"] = "NL",
        ["Egyptian"] = "EG",
        ["Emirati"] = "AE",
        ["Eritrean"] = "ER",
        ["Ethiopian"] = "ET",
        ["Filipino"] = "PH",
        ["Finnish"] = "FI",
        ["French"] = "FR",
        ["Georgian"] = "GE",
        ["German"] = "DE",
        ["Ghanaian"] = "GH",
        ["Greek"] = "GR",
        ["Guinean"] = "GN",
        ["Haitian"] = "HT",
        ["Hungarian"] = "HU",
        ["Indian"] = "IN",
        ["Indonesian"] = "ID",
        ["Iranian"] = "IR",
        ["Iraqi"] = "IQ",
        ["Irish"] = "IE",
        ["Israeli"] = "IL",
        ["Italian"] = "IT",
        ["Ivorian"] = "CI",
        ["Japanese"] = "JP",
        ["Jordanian"] = "JO",
        ["Kazakh"] = "KZ",
        ["Kenyan"] = "KE",
        ["Kosovar"] = "XK",
        ["Kuwaiti"] = "KW",
        ["Kyrgyz"] = "KG",
        ["Lebanese"] = "LB",
        ["Liberian"] = "LR",
        ["Libyan"] = "LY",
        ["Lithuanian"] = "LT",
        ["Macedonian"] = "MK",
        ["Malaysian"] = "MY",
        ["Malian"] = "ML",
        ["Mauritanian"] = "MR",
        ["Mexican"] = "MX",
        ["Moldovan"] = "MD",
        ["Moroccan"] = "MA",
        ["Nicaraguan"] = "NI",
        ["Nigerian"] = "NG",
        ["Nigerien"] = "NE",
        ["North Korean"] = "KP",
        ["Norwegian"] = "NO",
        ["Omani"] = "OM",
        ["Pakistani"] = "PK",
        ["Palestinian"] = "PS",
        ["Polish"] = "PL",
        ["Portuguese"] = "PT",
        ["Qatari"] = "QA",
        ["Qatarian"] = "QA",
        ["Romanian"] = "RO",
        ["Russian"] = "RU",
        ["Rwandan"] = "RW",
        ["Saudi"] = "SA",
        ["Saudi Arabian"] = "SA",
        ["Senegalese"] = "SN",
        ["Serbian"] = "RS",
        ["Somali"] = "SO",
        ["South African"] = "ZA",
        ["South Korean"] = "KR",
        ["South Sudanese"] = "SS",
        ["Spanish"] = "ES",
        ["Sri Lankan"] = "LK",
        ["Sudanese"] = "SD",
        ["Swedish"] = "SE",
        ["Swiss"] = "CH",
        ["Syrian"] = "SY",
        ["Tajik"] = "TJ",
        ["Tanzanian"] = "TZ",
        ["Thai"] = "TH",
        ["Trinidadian"] = "TT",
        ["Tunisian"] = "TN",
        ["Turkish"] = "TR",
        ["Turkmen"] = "TM",
        ["Ugandan"] = "UG",
        ["Ukrainian"] = "UA",
        ["Uzbek"] = "UZ",
        ["Venezuelan"] = "VE",
        ["Vietnamese"] = "VN",
        ["Yemeni"] = "YE",
        ["Zimbabwean"] = "ZW",
        ["DRC"] = "CD",
        ["DPRK"] = "KP",
        ["USSR"] = "SU",
        ["US"] = "US",
        ["USA"] = "US",
        ["UK"] = "GB",
        ["UAE"] = "AE",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>ISO alpha-2 codes named in <paramref name="text"/>, in order of appearance, without repeats.</summary>
    public static List<string> Resolve(string? text)
    {
        var codes = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return codes;
        }

        foreach (var part in Separators().Split(text.Replace('’', '\'')))
        {
            var words = Word().Matches(part).Select(m => m.Value).ToArray();
            var i = 0;
            while (i < words.Length)
            {
                var matched = 0;
                for (var len = Math.Min(6, words.Length - i); len >= 1 && matched == 0; len--)
                {
                    var candidate = string.Join(' ', words, i, len);

                    // Short words are only codes when written as such ("US", "DRC"); "in" or "as" are not countries.
                    if (len == 1 && candidate.Length < 4 && !candidate.All(char.IsUpper))
                    {
                        continue;
                    }

                    var code = Words.GetValueOrDefault(candidate) ?? (candidate.Length >= 4 ? SourceText.Country(candidate) : null);
                    if (code is not null)
                    {
                        if (!codes.Contains(code))
                        {
                            codes.Add(code);
                        }

                        matched = len;
                    }
                }

                i += Math.Max(matched, 1);
            }
        }

        return codes;
    }

    [GeneratedRegex(@"\(\d+\)|\b\d+\)|\([a-z]\)|\b[a-z]\)|;|,|/")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[\p{L}'’\-]+")]
    private static partial Regex Word();
}
