using Interdict.Matching;
using Interdict.Model;
using Interdict.Screening;

namespace Interdict.App.Server;

/// <summary>An identifier sent with a record to screen.</summary>
public sealed record IdentifierInput(string Type, string Value, string? Country);

/// <summary>One record to screen: the fields of a customer record. Only the name is required.</summary>
public sealed record ScreenRequest
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public string? Type { get; init; }
    public string? Dob { get; init; }
    public string? Country { get; init; }
    public IReadOnlyList<string>? Countries { get; init; }
    public string? Gender { get; init; }
    public IReadOnlyList<IdentifierInput>? Identifiers { get; init; }
    public double? Threshold { get; init; }
    public int? Limit { get; init; }
    public IReadOnlyList<string>? Lists { get; init; }
    public string? AsOf { get; init; }

    public ScreeningQuery ToQuery()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new FormatException("name is required");
        }

        var dob = QueryParsing.ParseDob(Dob);
        var countries = new List<string>();
        if (QueryParsing.ParseCountry(Country) is { } c)
        {
            countries.Add(c);
        }

        countries.AddRange((Countries ?? []).Select(QueryParsing.ParseCountry).OfType<string>());
        return new ScreeningQuery
        {
            Name = Name,
            OtherNames = Aliases ?? [],
            Kind = QueryParsing.ParseKind(Type),
            BirthDates = dob is null ? [] : [dob],
            Countries = countries.Distinct().ToList(),
            Gender = Gender?.ToLowerInvariant() switch { "male" or "m" => Model.Gender.Male, "female" or "f" => Model.Gender.Female, null or "" => null, _ => throw new FormatException($"gender '{Gender}' is not male or female") },
            Identifiers = (Identifiers ?? []).Select(i => new Identifier
            {
                Kind = IdentifierKinds.Parse(i.Type),
                Label = i.Type,
                Value = i.Value,
                Country = QueryParsing.ParseCountry(i.Country),
            }).ToList(),
        };
    }
}

public sealed record BatchScreenRequest(IReadOnlyList<ScreenRequest> Records, double? Threshold, int? Limit, IReadOnlyList<string>? Lists, string? AsOf);

/// <summary>
/// A match as the API returns it (the `screen` output shape plus programs); <see cref="AlsoListed"/> holds the same
/// party's entries on other lists (null when there are none).
/// </summary>
public sealed record MatchResult(string EntityId, string List, string Name, string MatchedName, string Type, double Score, IReadOnlyList<string> Programs, MatchExplanation? Explanation, IReadOnlyList<AlsoListed>? AlsoListed = null)
{
    public static MatchResult From(Match m, bool explain = true, IReadOnlyList<AlsoListed>? alsoListed = null) => new(
        m.Entity.Id, m.Entity.ListId, m.Entity.PrimaryName.Full, m.MatchedName.Full, MatchJson.KindName(m.Entity.Kind), Math.Round(m.Score, 4), m.Entity.Programs, explain ? m.Explanation : null,
        alsoListed is { Count: > 0 } ? alsoListed : null);
}

public sealed record SnapshotRef(string List, long Snapshot, DateTimeOffset Published);

public sealed record ScreenResponse(string? Id, IReadOnlyList<MatchResult> Matches, double Threshold, IReadOnlyList<SnapshotRef> Snapshots);

/// <summary>A list as GET /api/lists describes it: its current snapshot and, when it is refreshed automatically, the last attempt.</summary>
public sealed record ListInfo(Interdict.Sources.Refresh.RefreshStatus? Refresh, string List, string Name, string Publisher, int Snapshots, CurrentSnapshot? Current);

public sealed record CurrentSnapshot(long Id, DateTimeOffset Published, DateTimeOffset ImportedAt, int Entities, string Format, IReadOnlyList<SourceFile> Files);

public sealed record ProgramInfo(string Code, string? Name, string? Publisher, int Entries);

public sealed record BatchScreenResponse(IReadOnlyList<ScreenResponse> Results, IReadOnlyList<SnapshotRef> Snapshots);

internal static class IdentifierKinds
{
    public static IdentifierKind Parse(string? s) => s?.Trim().ToLowerInvariant().Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal) switch
    {
        "passport" or "passportnumber" => IdentifierKind.Passport,
        "nationalid" or "idnumber" or "cedula" => IdentifierKind.NationalId,
        "tax" or "taxid" or "taxnumber" or "inn" => IdentifierKind.TaxId,
        "registration" or "registrationnumber" or "ogrn" => IdentifierKind.Registration,
        "imo" or "imonumber" => IdentifierKind.Imo,
        "mmsi" => IdentifierKind.Mmsi,
        "bic" or "swift" or "swiftbic" => IdentifierKind.SwiftBic,
        "lei" or "leicode" => IdentifierKind.Lei,
        "wallet" or "digitalcurrencyaddress" or "cryptoaddress" => IdentifierKind.DigitalCurrencyAddress,
        "email" => IdentifierKind.Email,
        "website" => IdentifierKind.Website,
        "phone" => IdentifierKind.Phone,
        _ => IdentifierKind.Other,
    };
}
