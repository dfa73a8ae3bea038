namespace Interdict.Screening.Payments;

/// <summary>
/// ISO 9362 business identifier codes: 4 institution characters, 2 country letters, 2 location characters and an
/// optional 3-character branch. Since ISO 9362:2014 the institution code may contain digits, so only letters-or-digits is checked there.
/// </summary>
public static class SwiftBic
{
    /// <summary>True when the value has the shape of a BIC with a known country code.</summary>
    public static bool IsValid(string? bic)
    {
        if (bic is null || (bic.Length != 8 && bic.Length != 11))
        {
            return false;
        }

        for (var i = 0; i < bic.Length; i++)
        {
            var c = bic[i];
            var ok = i is 4 or 5 ? c is >= 'A' and <= 'Z' : c is (>= 'A' and <= 'Z') or (>= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return KnownCountry(bic.Substring(4, 2));
    }

    /// <summary>The upper-case BIC with surrounding blanks removed, or null when it is not a valid BIC.</summary>
    public static string? Normalize(string? value)
    {
        var v = value?.Trim().ToUpperInvariant();
        return IsValid(v) ? v : null;
    }

    /// <summary>ISO 3166-1 alpha-2 of the institution (BIC characters 5-6), or null for an invalid BIC.</summary>
    public static string? CountryOf(string bic) => IsValid(bic) ? bic.Substring(4, 2) : null;

    /// <summary>The 8-character BIC of the institution's head office, for comparing against listed identifiers.</summary>
    public static string Bic8(string bic) => bic.Length >= 8 ? bic[..8] : bic;

    internal static bool KnownCountry(string code) => Model.Countries.Name(code) is not null || code == "XK";
}

/// <summary>International bank account numbers (ISO 13616): country, check digits, mod-97 check.</summary>
public static class Iban
{
    public static bool IsValid(string? iban)
    {
        if (iban is null)
        {
            return false;
        }

        var s = iban.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (s.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(s[0]) || !char.IsAsciiLetterUpper(s[1]) || !char.IsAsciiDigit(s[2]) || !char.IsAsciiDigit(s[3]))
        {
            return false;
        }

        var remainder = 0;
        for (var k = 0; k < s.Length; k++)
        {
            var c = s[(k + 4) % s.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1 && SwiftBic.KnownCountry(s[..2]);
    }

    /// <summary>Country of a valid IBAN, null otherwise (a proprietary account number says nothing about a country).</summary>
    public static string? CountryOf(string account) => IsValid(account) ? account[..2] : null;
}
