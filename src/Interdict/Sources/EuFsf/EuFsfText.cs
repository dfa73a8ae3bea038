using System.Globalization;
using System.Text.RegularExpressions;
using Interdict.Model;

namespace Interdict.Sources.EuFsf;

/// <summary>
/// Value conventions of the EU Financial Sanctions Files shared by its XML layouts: ISO 3166 alpha-3 countries,
/// dates of birth such as "1958 - 1963 (approximative)", and identity documents written as
/// "AD001095 (passport-National passport) ((passport))".
/// </summary>
internal static partial class EuFsfText
{
    /// <summary>ISO alpha-2 for the alpha-3 (or name) the EU writes; null when empty or unknown.</summary>
    public static string? Country(string? code) => SourceText.Country(code);

    /// <summary>"1924-02-21", "1963", "1963 (approximative)", "1958 - 1963 (approximative)"; null when unreadable.</summary>
    public static BirthDate? BirthDate(string raw)
    {
        var m = BirthDatePattern().Match(raw.Trim());
        if (!m.Success)
        {
            return null;
        }

        var approximate = m.Groups["approx"].Success;
        if (!PartialDate.TryParse(m.Groups["from"].Value, out var from))
        {
            return null;
        }

        if (m.Groups["to"].Success)
        {
            if (!PartialDate.TryParse(m.Groups["to"].Value, out var to) || to < from)
            {
                return null;
            }

            return Model.BirthDate.Between(from, to, raw) with { Approximate = approximate };
        }

        return Model.BirthDate.Exact(from, raw) with { Approximate = approximate };
    }

    [GeneratedRegex(@"^(?<from>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s*-\s*(?<to>\d{4}(?:-\d{2}(?:-\d{2})?)?))?\s*(?<approx>\(approximative\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex BirthDatePattern();

    /// <summary>Splits "AD001095 (passport-National passport) ((passport))" into number, kind, label and note.</summary>
    public static (string Number, IdentifierKind Kind, string Label, string? Note) Document(string raw)
    {
        var text = raw.Trim();
        var m = DocumentPattern().Match(text);
        if (!m.Success)
        {
            return (SourceText.Clean(text)!, IdentifierKind.Other, "Identification", null);
        }

        var kind = m.Groups["code"].Value.ToLowerInvariant() switch
        {
            "passport" => IdentifierKind.Passport,
            "id" => IdentifierKind.NationalId,
            _ => IdentifierKind.Other,
        };

        var note = SourceText.Clean(m.Groups["note"].Value);
        return (SourceText.Clean(m.Groups["number"].Value)!, kind, SourceText.Clean(m.Groups["label"].Value)!, note);
    }

    [GeneratedRegex(@"^(?<number>.+?)\s*\((?<code>[a-z]+)-(?<label>[^)]*)\)\s*(?<note>.*)$", RegexOptions.Singleline)]
    private static partial Regex DocumentPattern();

    /// <summary>"DD/MM/YYYY" as in the legacy root's Date attribute.</summary>
    public static DateTimeOffset? DayMonthYear(string? s) =>
        DateTime.TryParseExact(s?.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : null;
}
