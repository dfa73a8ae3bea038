using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Interdict.Model;

namespace Interdict.Screening.Text;

/// <summary>A comprehensively sanctioned country or region and the programs that cover it.</summary>
public sealed record SanctionedPlace
{
    /// <summary>ISO 3166 code of the country ("IR") or subdivision ("UA-43" for Crimea; DNR/LNR carry a suffix as they cover only part of an oblast).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>ISO alpha-2 of the country the place is in.</summary>
    public required string Country { get; init; }

    /// <summary>True for regions of an otherwise not comprehensively sanctioned country (Crimea, DNR, LNR).</summary>
    public bool IsRegion { get; init; }

    /// <summary>Program tags as OFAC writes them, most specific first.</summary>
    public required IReadOnlyList<string> Programs { get; init; }

    public string? Note { get; init; }

    public string Program => Programs[0];

    public override string ToString() => $"{Name} ({string.Join(", ", Programs)})";
}

/// <summary>How a place was named.</summary>
public enum PlaceMatchKind
{
    /// <summary>The country or region by name ("Crimea", "North Korea", "Крым").</summary>
    Name,

    /// <summary>A city or port in the place ("Sevastopol", "Tehran").</summary>
    City,

    /// <summary>An adjective or people ("Iranian", "Cuban", "Syrian").</summary>
    Demonym,

    /// <summary>An acronym ("DPRK", "DNR").</summary>
    Acronym,

    /// <summary>An ISO country code in a structured field (PstlAdr/Ctry, a BIC, an IBAN).</summary>
    CountryCode,
}

/// <summary>
/// A sanctioned place found in text or in a structured field. A separate kind of finding from a listed-party match:
/// it carries the program but no entity. <see cref="Start"/> and <see cref="Length"/> are offsets in <see cref="Value"/>,
/// the text that was searched (a whole article, a town field, a BIC).
/// </summary>
public sealed record PlaceFinding
{
    public required SanctionedPlace Place { get; init; }

    public required PlaceMatchKind Kind { get; init; }

    public required int Start { get; init; }

    public required int Length { get; init; }

    /// <summary>The characters found, as written.</summary>
    public required string Text { get; init; }

    /// <summary>The searched value the offsets refer to.</summary>
    public required string Value { get; init; }

    /// <summary>Where the value came from ("CdtTrfTxInf/Cdtr/PstlAdr/Ctry", ":70:"); null for a plain text document.</summary>
    public string? Path { get; init; }

    public string Program => Place.Program;

    public override string ToString() => $"{Place.Name} [{Program}] {Kind} '{Text}' at {Start}{(Path is null ? string.Empty : " in " + Path)}";
}

/// <summary>
/// The table of comprehensively sanctioned places (embedded resource sanctioned-places.json) and a finder for their
/// mentions. Text is matched on whole tokens of <see cref="TextTokenizer"/>, so "Iran" is found in "Iran's" and
/// "Iran-Iraq" but not in "Irani" or "Tirana", and hyphenation across a line break does not hide a name.
/// </summary>
public sealed partial class SanctionedPlaces
{
    private const int MaxStemSuffix = 5;

    private static readonly Lazy<SanctionedPlaces> Lazy = new(() => Load());

    private readonly FrozenDictionary<string, Term[]> _byFirstToken;
    private readonly FrozenDictionary<string, SanctionedPlace> _byCountry;
    private readonly bool _hasStems;

    private SanctionedPlaces(IReadOnlyList<SanctionedPlace> places, List<Term> terms)
    {
        Places = places;
        _byFirstToken = terms
            .GroupBy(t => t.Tokens[0], StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(t => t.Tokens.Length).ToArray(), StringComparer.OrdinalIgnoreCase);
        _byCountry = places.Where(p => !p.IsRegion).ToFrozenDictionary(p => p.Country, StringComparer.OrdinalIgnoreCase);
        _hasStems = terms.Any(t => t.Stem);
    }

    /// <summary>The bundled table.</summary>
    public static SanctionedPlaces Default => Lazy.Value;

    public IReadOnlyList<SanctionedPlace> Places { get; }

    /// <summary>The place for a comprehensively sanctioned country's ISO code (CU, IR, KP, SY); null for others, including UA.</summary>
    public SanctionedPlace? ByCountryCode(string? iso2) => iso2 is not null && _byCountry.TryGetValue(iso2.Trim(), out var p) ? p : null;

    /// <summary>Mentions of sanctioned places in a text.</summary>
    public IReadOnlyList<PlaceFinding> FindInText(string text, string? path = null) => FindInTokens(text, TextTokenizer.Tokenize(text), path);

    /// <summary>Mentions in a text whose tokens the caller already has (the engine tokenises once for names and places).</summary>
    public IReadOnlyList<PlaceFinding> FindInTokens(string text, IReadOnlyList<TextToken> tokens, string? path = null)
    {
        List<PlaceFinding>? found = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var match = Longest(tokens, i);
            if (match is not { } m)
            {
                continue;
            }

            if (m.Term.Place is not null)
            {
                var start = tokens[i].Start;
                var end = tokens[i + m.Length - 1].End;
                (found ??= []).Add(new PlaceFinding
                {
                    Place = m.Term.Place,
                    Kind = m.Term.Kind,
                    Start = start,
                    Length = end - start,
                    Text = text[start..end],
                    Value = text,
                    Path = path,
                });
            }

            // An exclusion ("Crimean War") consumes its tokens as a place match would.
            i += m.Length - 1;
        }

        return found ?? (IReadOnlyList<PlaceFinding>)[];
    }

    /// <summary>
    /// Sanctioned places in a structured address: the country code (comprehensively sanctioned countries only) and
    /// the names of regions and cities in the lines, city and region (Crimea is a region of UA, so its code alone says nothing).
    /// </summary>
    public IReadOnlyList<PlaceFinding> FindInAddress(Address address, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var found = new List<PlaceFinding>();
        AddCountryCode(found, address.Country, path);
        foreach (var value in address.Lines.Append(address.City).Append(address.Region).Append(address.CountryName))
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                found.AddRange(FindInText(value, path));
            }
        }

        return found;
    }

    /// <summary>
    /// A finding for an ISO country code of a comprehensively sanctioned country, nothing for other codes. The code
    /// may sit inside a longer value: a BIC (at 4) or an IBAN (at 0).
    /// </summary>
    public void AddCountryCode(List<PlaceFinding> found, string? code, string? path, string? value = null, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (ByCountryCode(code) is { } place)
        {
            var v = value ?? code!;
            found.Add(new PlaceFinding
            {
                Place = place,
                Kind = PlaceMatchKind.CountryCode,
                Start = start,
                Length = code!.Length,
                Text = v.Substring(start, code.Length),
                Value = v,
                Path = path,
            });
        }
    }

    private (Term Term, int Length)? Longest(IReadOnlyList<TextToken> tokens, int i)
    {
        var first = tokens[i].Text;
        if (_byFirstToken.TryGetValue(first, out var terms) && Match(terms, tokens, i, exactFirst: true) is { } exact)
        {
            return exact;
        }

        // Inflected forms: try the token with up to five letters cut off against stem terms.
        if (_hasStems && first.Length > 2 && !char.IsAscii(first[0]))
        {
            var lookup = _byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var cut = 1; cut <= MaxStemSuffix && first.Length - cut >= 2; cut++)
            {
                if (lookup.TryGetValue(first.AsSpan(0, first.Length - cut), out var stems) && Match(stems, tokens, i, exactFirst: false) is { } stem)
                {
                    return stem;
                }
            }
        }

        return null;
    }

    private static (Term Term, int Length)? Match(Term[] terms, IReadOnlyList<TextToken> tokens, int i, bool exactFirst)
    {
        foreach (var term in terms)
        {
            if (!exactFirst && !term.Stem)
            {
                continue;
            }

            if (i + term.Tokens.Length > tokens.Count)
            {
                continue;
            }

            var ok = true;
            for (var k = 0; k < term.Tokens.Length && ok; k++)
            {
                var t = tokens[i + k];
                ok = (k == 0 || (t.Sentence == tokens[i].Sentence && t.Gap != TokenGap.SentenceStart)) && TokenMatches(term, term.Tokens[k], t.Text);
            }

            if (ok)
            {
                return (term, term.Tokens.Length);
            }
        }

        return null;
    }

    private static bool TokenMatches(Term term, string want, string token)
    {
        if (term.CaseSensitive)
        {
            return string.Equals(token, want, StringComparison.Ordinal);
        }

        // Stems inflect on every word: allow a short ending.
        return string.Equals(token, want, StringComparison.OrdinalIgnoreCase)
            || (term.Stem && token.Length - want.Length is > 0 and <= MaxStemSuffix && token.StartsWith(want, StringComparison.OrdinalIgnoreCase));
    }

    private sealed record Term(string[] Tokens, SanctionedPlace? Place, PlaceMatchKind Kind, bool CaseSensitive, bool Stem);

    private sealed record PlaceRow(
        string Id,
        string Name,
        string Country,
        bool Region,
        string[] Programs,
        string? Note,
        string[]? Names,
        string[]? Cities,
        string[]? Demonyms,
        string[]? Acronyms,
        string[]? Exclude);

    private sealed record Table(PlaceRow[] Places);

    [JsonSerializable(typeof(Table))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    private sealed partial class TableContext : JsonSerializerContext;

    /// <summary>Reads a table in the format of the embedded sanctioned-places.json.</summary>
    public static SanctionedPlaces Load(Stream? json = null)
    {
        using var stream = json ?? typeof(SanctionedPlaces).Assembly.GetManifestResourceStream("Interdict.Screening.Text.sanctioned-places.json")
            ?? throw new InvalidOperationException("embedded resource sanctioned-places.json is missing");
        var table = JsonSerializer.Deserialize(stream, TableContext.Default.Table) ?? throw new InvalidOperationException("sanctioned-places.json is empty");
        var places = new List<SanctionedPlace>();
        var terms = new List<Term>();
        foreach (var row in table.Places)
        {
            var place = new SanctionedPlace { Id = row.Id, Name = row.Name, Country = row.Country, IsRegion = row.Region, Programs = row.Programs, Note = row.Note };
            places.Add(place);
            void Add(string[]? list, PlaceMatchKind kind, SanctionedPlace? p, bool caseSensitive)
            {
                foreach (var raw in list ?? [])
                {
                    var stem = raw.EndsWith('*');
                    var tokens = TextTokenizer.Tokenize(stem ? raw[..^1] : raw).Select(t => t.Text).ToArray();
                    if (tokens.Length > 0)
                    {
                        terms.Add(new Term(tokens, p, kind, caseSensitive, stem));
                    }
                }
            }

            Add(row.Names, PlaceMatchKind.Name, place, false);
            Add(row.Cities, PlaceMatchKind.City, place, false);
            Add(row.Demonyms, PlaceMatchKind.Demonym, place, false);
            Add(row.Acronyms, PlaceMatchKind.Acronym, place, true);
            Add(row.Exclude, PlaceMatchKind.Name, null, false);
        }

        return new SanctionedPlaces(places, terms);
    }
}
