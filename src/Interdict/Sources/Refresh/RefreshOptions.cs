using System.Globalization;

namespace Interdict.Sources.Refresh;

/// <summary>How downloads are retried and verified, and how often the scheduled refresh runs.</summary>
public sealed record RefreshOptions
{
    /// <summary>Time between scheduled refreshes of a list; null (the default) switches the scheduled refresh off.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>
    /// After a failed refresh the list is tried again this soon (or at <see cref="Interval"/> when that is shorter):
    /// a publisher's outage should not leave a list stale for a whole interval.
    /// </summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A download whose entity count is below this fraction of the current snapshot's is refused unless forced: a list
    /// that suddenly loses half its entries is far more likely a broken export than mass delistings.
    /// </summary>
    public double MinimumFraction { get; init; } = 0.5;

    /// <summary>Retries after the first attempt of each file (transport errors, timeouts, HTTP 408, 429 and 5xx).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>First retry delay; each further retry doubles it (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>One attempt at one file, headers and body, must finish within this time.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Downloads are staged here before parsing; null means the system temporary folder.</summary>
    public string? StagingDirectory { get; init; }

    /// <summary>Sent as User-Agent: some publishers refuse requests without one.</summary>
    public string UserAgent { get; init; } = "Interdict-sanctions-screening/1.0 (+list refresh)";

    /// <summary>
    /// Reads a duration as written in configuration: "90s", "30m", "6h", "1d", or a .NET time span "06:00:00".
    /// "off", "none", "0" and empty mean no duration (null). A bare number is refused: "6" could mean hours or days.
    /// </summary>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan? ParseDuration(string? text)
    {
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s) || s is "0" || s.Equals("off", StringComparison.OrdinalIgnoreCase) || s.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var unit = s[^1];
        if (char.IsLetter(unit) && double.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return char.ToLowerInvariant(unit) switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => throw new FormatException($"'{text}' is not a duration: unit '{unit}' is not s, m, h or d"),
            };
        }

        if (s.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new FormatException($"'{text}' is not a duration (expected e.g. 90s, 30m, 6h, 1d or 06:00:00)");
    }
}
