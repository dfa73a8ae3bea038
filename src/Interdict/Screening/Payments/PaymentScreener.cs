using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Interdict.Matching;
using Interdict.Model;
using Interdict.Screening.Text;

namespace Interdict.Screening.Payments;

/// <summary>What kind of evidence a payment hit is.</summary>
public enum PaymentHitKind
{
    /// <summary>A party's name (with its countries) matched a listed entry.</summary>
    Party,

    /// <summary>A party's BIC is a listed SWIFT/BIC identifier.</summary>
    Bic,

    /// <summary>A listed party is named in a free-text field (remittance information, instructions).</summary>
    Text,

    /// <summary>A sanctioned country or region in an address, a country code, a BIC, an IBAN or a free-text field.</summary>
    Place,
}

/// <summary>One finding in a payment, tied to the field it came from (<see cref="Path"/>: "CdtTrfTxInf/Cdtr/Nm", ":59:").</summary>
public sealed record PaymentHit
{
    public required PaymentHitKind Kind { get; init; }

    public required string Path { get; init; }

    /// <summary>The party's role ("creditor", "debtor_agent") or the free-text field's kind ("remittance_information").</summary>
    public required string Field { get; init; }

    /// <summary>The value screened (a name, a BIC, the mention's text, the place as written).</summary>
    public required string Value { get; init; }

    public required double Score { get; init; }

    public string? EntityId { get; init; }

    public string? EntityName { get; init; }

    public EntityKind? EntityKind { get; init; }

    public string? ListId { get; init; }

    public IReadOnlyList<string> Programs { get; init; } = [];

    public string? MatchedName { get; init; }

    /// <summary>For text mentions: full or partial.</summary>
    public MentionKind? Mention { get; init; }

    /// <summary>For text mentions and places in text: offsets in the field's text.</summary>
    public int? Start { get; init; }

    public int? Length { get; init; }

    public string? PlaceId { get; init; }

    public string? Place { get; init; }

    public MatchExplanation? Explanation { get; init; }

    public string? Detail { get; init; }

    /// <summary>Other lists' entries for the same party (a hit on one of them for the same field is folded in here).</summary>
    public IReadOnlyList<AlsoListed> AlsoListed { get; init; } = [];

    /// <summary>The listed entry (party, BIC and text hits), for hosts that audit it; not serialised.</summary>
    [JsonIgnore]
    public Entity? Entity { get; init; }
}

/// <summary>A party of the message as screened, whether or not anything was found.</summary>
public sealed record ScreenedParty(string Role, string Path, string? Name, string? Bic, IReadOnlyList<string> Countries);

public sealed record PaymentScreeningResult
{
    public required string Format { get; init; }

    public required string MessageId { get; init; }

    public required IReadOnlyList<ScreenedParty> Parties { get; init; }

    /// <summary>Paths of the free-text fields screened as text.</summary>
    public required IReadOnlyList<string> FreeTextFields { get; init; }

    /// <summary>Every finding, in message order (parties, then free text; places after the field they were found in).</summary>
    public required IReadOnlyList<PaymentHit> Hits { get; init; }

    public required double Threshold { get; init; }

    /// <summary>Hold the payment for review: something was found.</summary>
    public bool Alert => Hits.Count > 0;
}

/// <summary>
/// Screens a payment message: each party by name and countries against the lists, each BIC against the listed
/// SWIFT/BIC identifiers, addresses, country codes and free text against sanctioned places, and the free-text
/// fields as text. Thread-safe; one per <see cref="Screener"/>.
/// </summary>
public sealed class PaymentScreener
{
    private static readonly ConditionalWeakTable<Screener, Dictionary<string, Entity[]>> BicTables = new();
    private static readonly ConditionalWeakTable<Screener, ScreeningMemo<(string Name, string Countries, EntityKind? Kind, double Threshold), IReadOnlyList<LinkedMatch>>> PartyMemos = new();

    private readonly Screener _screener;
    private readonly TextScreener _text;
    private readonly SanctionedPlaces _places;
    private readonly Dictionary<string, Entity[]> _byBic;
    private readonly ScreeningMemo<(string Name, string Countries, EntityKind? Kind, double Threshold), IReadOnlyList<LinkedMatch>> _parties;

    public PaymentScreener(Screener screener, SanctionedPlaces? places = null)
    {
        ArgumentNullException.ThrowIfNull(screener);
        _screener = screener;
        _places = places ?? SanctionedPlaces.Default;
        _text = new TextScreener(screener, _places);
        _byBic = BicTables.GetValue(screener, BuildBicTable);
        _parties = PartyMemos.GetValue(screener, _ => new(100_000));
    }

    public PaymentScreeningResult Screen(string message, double threshold = ScreeningOptions.DefaultThreshold) =>
        Screen(PaymentMessageParser.Parse(message), threshold);

    public PaymentScreeningResult Screen(PaymentMessage message, double threshold = ScreeningOptions.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(message);
        var hits = new List<PaymentHit>();
        var parties = new List<ScreenedParty>();
        var options = new ScreeningOptions { Threshold = threshold, Limit = 5 };
        foreach (var p in message.Parties)
        {
            var role = Snake(p.Role.ToString());
            var countries = p.Countries.ToList();
            parties.Add(new ScreenedParty(role, p.Path, p.Name, p.Bic, countries));
            if (!string.IsNullOrWhiteSpace(p.Name))
            {
                var query = new ScreeningQuery
                {
                    Name = p.Name,
                    Countries = countries,
                    Kind = p.Role.IsFinancialInstitution() ? EntityKind.Organization : null,
                };
                // Counterparties recur from payment to payment: each name and country set is searched once per screener.
                var key = (p.Name, string.Join(',', countries), query.Kind, threshold);
                foreach (var (m, also) in _parties.GetOrAdd(key, _ => _screener.Group(_screener.Screen(query, options))))
                {
                    hits.Add(new PaymentHit
                    {
                        Kind = PaymentHitKind.Party,
                        Path = p.NamePath ?? p.Path,
                        Field = role,
                        Value = p.Name,
                        Score = Math.Round(m.Score, 4),
                        EntityId = m.Entity.Id,
                        EntityName = m.Entity.PrimaryName.Full,
                        EntityKind = m.Entity.Kind,
                        ListId = m.Entity.ListId,
                        Programs = m.Entity.Programs,
                        MatchedName = m.MatchedName.Full,
                        Explanation = m.Explanation,
                        AlsoListed = also,
                        Entity = m.Entity,
                    });
                }
            }

            if (p.Bic is { } bic)
            {
                var bicHits = new List<PaymentHit>();
                foreach (var (e, listed) in ListedBic(bic))
                {
                    // One party on several lists under the same code is one hit (OFAC's SDN and consolidated lists).
                    if (bicHits.Any(h => h.AlsoListed.Any(a => a.EntityId == e.Id)))
                    {
                        continue;
                    }

                    bicHits.Add(new PaymentHit
                    {
                        Kind = PaymentHitKind.Bic,
                        Path = p.BicPath ?? p.Path,
                        Field = role,
                        Value = bic,
                        Score = 1,
                        EntityId = e.Id,
                        EntityName = e.PrimaryName.Full,
                        EntityKind = e.Kind,
                        ListId = e.ListId,
                        Programs = e.Programs,
                        Detail = $"listed SWIFT/BIC {listed}",
                        AlsoListed = _screener.Links.AlsoListed(e.Id),
                        Entity = e,
                    });
                }

                hits.AddRange(bicHits);
            }
        }

        var textOptions = new TextScreeningOptions { Threshold = threshold, Places = false };
        foreach (var f in message.FreeText)
        {
            var field = Snake(f.Kind.ToString());
            foreach (var m in _text.Screen(f.Text, textOptions).Mentions)
            {
                hits.Add(new PaymentHit
                {
                    Kind = PaymentHitKind.Text,
                    Path = f.Path,
                    Field = field,
                    Value = m.Text,
                    Score = m.Score,
                    EntityId = m.EntityId,
                    EntityName = m.EntityName,
                    EntityKind = m.EntityKind,
                    ListId = m.ListId,
                    Programs = m.Programs,
                    MatchedName = m.MatchedName,
                    Mention = m.Kind,
                    Start = m.Start,
                    Length = m.Length,
                    Explanation = m.Explanation,
                    AlsoListed = m.AlsoListed,
                    Entity = m.Entity,
                });
            }
        }

        foreach (var place in PaymentPlaces.Find(message, _places))
        {
            hits.Add(new PaymentHit
            {
                Kind = PaymentHitKind.Place,
                Path = place.Path ?? string.Empty,
                Field = FieldOf(message, place.Path),
                Value = place.Text,
                Score = 1,
                PlaceId = place.Place.Id,
                Place = place.Place.Name,
                Programs = place.Place.Programs,
                Start = place.Start,
                Length = place.Length,
                Detail = $"{place.Place.Name} ({place.Kind switch
                {
                    PlaceMatchKind.CountryCode => "country code",
                    PlaceMatchKind.City => "city",
                    PlaceMatchKind.Demonym => "demonym",
                    PlaceMatchKind.Acronym => "acronym",
                    _ => "name",
                }} in \"{place.Value}\")",
            });
        }

        return new PaymentScreeningResult
        {
            Format = message.Format,
            MessageId = message.MessageId,
            Parties = parties,
            FreeTextFields = message.FreeText.Select(f => f.Path).ToList(),
            Hits = hits,
            Threshold = threshold,
        };
    }

    /// <summary>Listed entries whose SWIFT/BIC is this BIC: the same BIC11, or the same institution (BIC8) when either side names no branch.</summary>
    private IEnumerable<(Entity Entity, string Listed)> ListedBic(string bic)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in bic.Length == 11 && !bic.EndsWith("XXX", StringComparison.Ordinal) ? new[] { bic, bic[..8] } : [SwiftBic.Bic8(bic)])
        {
            if (_byBic.TryGetValue(key, out var entities))
            {
                foreach (var e in entities)
                {
                    if (seen.Add(e.Id))
                    {
                        yield return (e, e.Identifiers.First(i => i.Kind == IdentifierKind.SwiftBic && Key(i.Value) is { } k && (k == key || k[..8] == key)).Value);
                    }
                }
            }
        }
    }

    /// <summary>Listed BICs by BIC8 (a head-office BIC or one with branch XXX) and by BIC11 (a branch).</summary>
    private static Dictionary<string, Entity[]> BuildBicTable(Screener screener)
    {
        var table = new Dictionary<string, List<Entity>>(StringComparer.Ordinal);
        foreach (var e in screener.Entities)
        {
            foreach (var id in e.Identifiers)
            {
                if (id.Kind == IdentifierKind.SwiftBic && Key(id.Value) is { } key)
                {
                    var l = table.TryGetValue(key, out var x) ? x : table[key] = [];
                    if (!l.Contains(e))
                    {
                        l.Add(e);
                    }
                }
            }
        }

        return table.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A listed BIC as a lookup key: BIC11 for a branch, BIC8 otherwise; null when the value is no BIC.</summary>
    private static string? Key(string value)
    {
        var v = value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (v.Length is not (8 or 11) || !v.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        return v.Length == 11 && !v.EndsWith("XXX", StringComparison.Ordinal) ? v : v[..8];
    }

    private static string FieldOf(PaymentMessage message, string? path)
    {
        if (path is null)
        {
            return string.Empty;
        }

        if (message.FreeText.FirstOrDefault(f => f.Path == path) is { } f)
        {
            return Snake(f.Kind.ToString());
        }

        var party = message.Parties.FirstOrDefault(p => path == p.Path || path.StartsWith(p.Path + "/", StringComparison.Ordinal) || path == p.AddressPath || path == p.BicPath || path == p.AccountPath || path == p.NamePath);
        return party is null ? string.Empty : Snake(party.Role.ToString());
    }

    internal static string Snake(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
