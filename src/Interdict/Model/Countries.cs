using System.Collections.Frozen;
using System.Globalization;

namespace Interdict.Model;

/// <summary>
/// Resolves country names as publishers write them ("Korea, North", "Burma", "Iran") to ISO 3166-1 alpha-2.
/// Built from the platform's region data plus the spellings sanctions lists actually use.
/// </summary>
public static class Countries
{
    // Declared before the tables built from it: static fields initialise in text order.
    // Spellings the lists use that the platform's names do not cover, and codes the platform may lack.
    private static readonly (string Name, string Code)[] Extra =
    [
        ("Korea, North", "KP"), ("North Korea", "KP"), ("Democratic People's Republic of Korea", "KP"), ("DPRK", "KP"),
        ("Korea, South", "KR"), ("South Korea", "KR"), ("Republic of Korea", "KR"), ("Korea", "KR"),
        ("Burma", "MM"), ("Myanmar", "MM"), ("Iran", "IR"), ("Iran (Islamic Republic of)", "IR"), ("Islamic Republic of Iran", "IR"),
        ("Russia", "RU"), ("Russian Federation", "RU"), ("Syria", "SY"), ("Syrian Arab Republic", "SY"),
        ("Venezuela", "VE"), ("Venezuela (Bolivarian Republic of)", "VE"), ("Bolivia", "BO"), ("Bolivia (Plurinational State of)", "BO"),
        ("Tanzania", "TZ"), ("United Republic of Tanzania", "TZ"), ("Vietnam", "VN"), ("Viet Nam", "VN"),
        ("Laos", "LA"), ("Lao People's Democratic Republic", "LA"), ("Moldova", "MD"), ("Republic of Moldova", "MD"),
        ("Macedonia", "MK"), ("North Macedonia", "MK"), ("The former Yugoslav Republic of Macedonia", "MK"),
        ("Congo, Democratic Republic of the", "CD"), ("Democratic Republic of the Congo", "CD"), ("Congo (Kinshasa)", "CD"),
        ("Congo, Republic of the", "CG"), ("Republic of the Congo", "CG"), ("Congo", "CG"), ("Congo (Brazzaville)", "CG"),
        ("Cote d'Ivoire", "CI"), ("Ivory Coast", "CI"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
        ("United Kingdom", "GB"), ("UK", "GB"), ("United Kingdom of Great Britain and Northern Ireland", "GB"), ("Great Britain", "GB"),
        ("United States", "US"), ("USA", "US"), ("United States of America", "US"), ("U.S.A.", "US"),
        ("United Arab Emirates", "AE"), ("UAE", "AE"), ("Turkey", "TR"), ("Turkiye", "TR"), ("Türkiye", "TR"),
        ("West Bank", "PS"), ("Gaza", "PS"), ("Palestinian", "PS"), ("Palestine", "PS"), ("State of Palestine", "PS"),
        ("Kosovo", "XK"), ("Taiwan", "TW"), ("Hong Kong", "HK"), ("Macau", "MO"), ("Macao", "MO"),
        ("Brunei", "BN"), ("Cabo Verde", "CV"), ("Cape Verde", "CV"), ("Eswatini", "SZ"), ("Swaziland", "SZ"),
        ("The Bahamas", "BS"), ("Bahamas, The", "BS"), ("Gambia, The", "GM"), ("The Gambia", "GM"),
        ("Micronesia, Federated States of", "FM"), ("Holy See", "VA"), ("Vatican City", "VA"),
        ("Netherlands Antilles", "AN"), ("Curacao", "CW"), ("Sint Maarten", "SX"), ("British Virgin Islands", "VG"),
        ("Virgin Islands, British", "VG"), ("Saint Kitts and Nevis", "KN"), ("St. Kitts and Nevis", "KN"),
        ("Saint Vincent and the Grenadines", "VC"), ("St. Vincent and the Grenadines", "VC"), ("Saint Lucia", "LC"),
        ("Timor-Leste", "TL"), ("East Timor", "TL"), ("Yemen", "YE"), ("Libya", "LY"), ("Sudan", "SD"), ("South Sudan", "SS"),
        ("Serbia and Montenegro", "CS"), ("Yugoslavia", "YU"), ("Soviet Union", "SU"), ("USSR", "SU"),
        ("Kyrgyzstan", "KG"), ("Kyrgyz Republic", "KG"), ("Slovakia", "SK"), ("Slovak Republic", "SK"),
        ("Bosnia and Herzegovina", "BA"), ("Bosnia-Herzegovina", "BA"), ("Region: Crimea", "UA"), ("Crimea", "UA"),
        ("Falkland Islands", "FK"), ("Reunion", "RE"), ("Aruba", "AW"), ("Guernsey", "GG"), ("Jersey", "JE"), ("Isle of Man", "IM"),
        ("Cuba", "CU"), ("Afghanistan", "AF"), ("Iraq", "IQ"), ("Lebanon", "LB"), ("Somalia", "SO"), ("Eritrea", "ER"),
        ("Belarus", "BY"), ("Zimbabwe", "ZW"), ("Nicaragua", "NI"), ("Mali", "ML"), ("Central African Republic", "CF"),
        // OFAC spellings found in the real sdn/add/alt/cons files that the entries above and the platform miss.
        ("North Macedonia, The Republic of", "MK"), ("Macedonia, The Former Yugoslav Republic of", "MK"), ("Man, Isle of", "IM"),
        ("Trinidad and Tobago", "TT"),
        ("Sao Tome and Principe", "ST"), ("Antigua and Barbuda", "AG"), ("Turks and Caicos Islands", "TC"),
        ("Saint Pierre and Miquelon", "PM"), ("Wallis and Futuna", "WF"), ("Svalbard and Jan Mayen", "SJ"),
        ("Region: Gaza", "PS"), ("Region: West Bank", "PS"), ("Region: Northern Mali", "ML"),
        ("Region: Northern Gaza", "PS"), ("Region: North Gaza", "PS"), ("Region: Russia", "RU"),
    ];

    private static readonly FrozenDictionary<string, string> ByName = Build();
    private static readonly FrozenDictionary<string, string> NameByCode = BuildNames();

    /// <summary>ISO alpha-2 (upper case) for a name or code, or null when unknown.</summary>
    public static string? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return ByName.TryGetValue(Key(name), out var code) ? code : null;
    }

    /// <summary>English short name for an ISO alpha-2 code.</summary>
    public static string? Name(string? code) =>
        code is not null && NameByCode.TryGetValue(code.ToUpperInvariant(), out var n) ? n : null;

    public static IEnumerable<string> AllCodes => NameByCode.Keys;

    private static string Key(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var ch in s.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ch == ' ' || ch == ',' || ch == '-' || ch == '.' || ch == '\'' || ch == '(' || ch == ')')
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
        }

        return sb.ToString().Trim();
    }

    private static FrozenDictionary<string, string> BuildNames()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var r = new RegionInfo(c.Name);
                if (r.TwoLetterISORegionName.Length == 2 && char.IsLetter(r.TwoLetterISORegionName[0]))
                {
                    d.TryAdd(r.TwoLetterISORegionName, r.EnglishName);
                }
            }
            catch (ArgumentException)
            {
                // Cultures without a region: nothing to learn.
            }
        }

        foreach (var (name, code) in Extra)
        {
            d.TryAdd(code, name);
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string> Build()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, name) in BuildNames())
        {
            d.TryAdd(Key(name), code);
            d.TryAdd(Key(code), code);
            try
            {
                var r = new RegionInfo(code);
                d.TryAdd(Key(r.ThreeLetterISORegionName), code);
                d.TryAdd(Key(r.DisplayName), code);
                d.TryAdd(Key(r.NativeName), code);
            }
            catch (ArgumentException)
            {
            }
        }

        foreach (var (name, code) in Extra)
        {
            d[Key(name)] = code;
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
