namespace Interdict.Model;

/// <summary>A file one snapshot was imported from: enough to prove later exactly which bytes were used.</summary>
public sealed record SourceFile(string Name, string Sha256, long Bytes);

/// <summary>One publication of one list, as recorded in the store.</summary>
public sealed record ListSnapshot
{
    public required long Id { get; init; }
    public required string ListId { get; init; }

    /// <summary>When the publisher issued it (may be only a date).</summary>
    public required DateTimeOffset Published { get; init; }
    public required DateTimeOffset ImportedAt { get; init; }
    public required int EntityCount { get; init; }
    public required IReadOnlyList<SourceFile> Files { get; init; }

    /// <summary>The format the files were parsed as ("ofac-csv", "ofac-xml", "un-xml", ...).</summary>
    public required string Format { get; init; }
}

/// <summary>A program (legal authority) and, where known, its name.</summary>
public sealed record SanctionsProgram(string Code, string? Name, string? Publisher);
