namespace Interdict.Model;

public sealed record Address
{
    /// <summary>Street lines as published.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    public string? City { get; init; }

    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 (upper case) when the country could be resolved.</summary>
    public string? Country { get; init; }

    /// <summary>The country as the publisher wrote it ("Korea, North", "Region: Northern Mali").</summary>
    public string? CountryName { get; init; }

    public string? Note { get; init; }

    public override string ToString() =>
        string.Join(", ", Lines.Concat(new[] { City, Region, PostalCode, CountryName ?? Country }.Where(s => !string.IsNullOrWhiteSpace(s)))!);
}
