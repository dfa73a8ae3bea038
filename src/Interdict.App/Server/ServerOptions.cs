namespace Interdict.App.Server;

public sealed class ServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Serve without API keys (local use only; a warning is printed).</summary>
    public bool NoAuth { get; init; }

    public required string DbPath { get; init; }

    /// <summary>Descriptive endpoints served without a key (`serve --open`); the API reference by default, metrics not.</summary>
    public OpenEndpoints Open { get; init; } = OpenEndpoints.Docs;

    /// <summary>Requests per key (or per client address without a key) per second.</summary>
    public int RateLimitPerSecond { get; init; } = 2000;

    /// <summary>Failed authentications (wrong or revoked key, dead session) per client address per minute before it gets 429 (see <see cref="AuthFailureLimiter"/>).</summary>
    public int AuthFailuresPerMinute { get; init; } = 10;

    /// <summary>How long a UI session lasts from sign-in, however active (see <see cref="UiSessions"/>).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Largest request body accepted (batch uploads included).</summary>
    public long MaxRequestBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Scheduled refresh interval; null leaves it to interdict.sources.json / $INTERDICT_REFRESH_INTERVAL (off by default).</summary>
    public TimeSpan? RefreshInterval { get; init; }

    /// <summary>How often the server checks its database for snapshots another process imported (see <see cref="ListWatcher"/>).</summary>
    public TimeSpan ListPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Origins (scheme://host[:port]) users reach the server at through a reverse proxy that forwards another Host;
    /// browsers' state-changing requests from pages of any other origin are refused (see <see cref="RequestGuard"/>).
    /// </summary>
    public IReadOnlyCollection<string> PublicOrigins { get; init; } = [];

    /// <summary>How long a finished job's input and results are kept (docs/security.md, "Batch jobs"); then it is expired.</summary>
    public TimeSpan JobRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often the server looks for jobs past <see cref="JobRetention"/>.</summary>
    public TimeSpan JobSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Load the index synchronously before serving (tests, benchmarks).</summary>
    public bool LoadBeforeServing { get; init; }

    /// <summary>The first of <paramref name="urls"/> (Kestrel's ';'-separated list) that listens beyond this machine, or null.</summary>
    public static string? NonLoopback(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards ("*", "+") are not valid URI hosts: anything unparsable counts as exposed.
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || !(u.IsLoopback || string.Equals(u.Host, "localhost", StringComparison.OrdinalIgnoreCase)))
            {
                return url;
            }
        }

        return null;
    }
}
