using Interdict.App.Commands;

namespace Interdict.App.Server;

/// <summary>
/// The descriptive endpoints `serve --open` lets callers read without an API key. Metrics need a key by default:
/// they disclose traffic per endpoint and the size and age of every list.
/// </summary>
[Flags]
public enum OpenEndpoints
{
    None = 0,

    /// <summary>/metrics (Prometheus).</summary>
    Metrics = 1,

    /// <summary>/docs (the API reference page) and /openapi/... (the API's description).</summary>
    Docs = 2,
}

internal static class OpenEndpointsParser
{
    /// <summary>Parses `--open`: a comma list of metrics and docs, or none.</summary>
    public static OpenEndpoints Parse(string? value)
    {
        if (value is null)
        {
            return OpenEndpoints.Docs;
        }

        var open = OpenEndpoints.None;
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new UsageException("--open: name what to open without a key: metrics, docs (both: metrics,docs), or none");
        }

        foreach (var p in parts)
        {
            open |= p.ToLowerInvariant() switch
            {
                "metrics" => OpenEndpoints.Metrics,
                "docs" => OpenEndpoints.Docs,
                "none" when parts.Length == 1 => OpenEndpoints.None,
                "none" => throw new UsageException("--open: 'none' cannot be combined with other values"),
                _ => throw new UsageException($"--open: unknown value '{p}' (use metrics, docs, or none)"),
            };
        }

        return open;
    }
}
