using System.ComponentModel;
using Interdict.App.Server;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ServeCommand : Command<ServeCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--urls <URLS>")]
        [Description("Where to listen (default http://127.0.0.1:8080; ';'-separated for several).")]
        public string Urls { get; init; } = "http://127.0.0.1:8080";

        [CommandOption("--no-auth")]
        [Description("Serve without API keys, for local use only (a warning is printed).")]
        public bool NoAuth { get; init; }

        [CommandOption("--open <ENDPOINTS>")]
        [Description("Descriptive endpoints served without an API key: a comma list of 'metrics' (/metrics) and 'docs' (/docs and /openapi), or 'none'. Default: docs.")]
        public string? Open { get; init; }

        [CommandOption("--refresh <INTERVAL>")]
        [Description("Download and import changed lists on this interval (e.g. 6h, 30m; HH:MM:SS); off by default. Sources: docs/sources.md.")]
        public string? Refresh { get; init; }

        [CommandOption("--public-origin <URL>")]
        [Description("The address users reach this server at through a reverse proxy (e.g. https://screening.example.com; ','-separated for several). Browsers' state-changing requests from other sites are refused.")]
        public string? PublicOrigin { get; init; }

        [CommandOption("--rate-limit <N>")]
        [Description("Requests per second allowed per API key (default 2000).")]
        public int RateLimit { get; init; } = 2000;

        [CommandOption("--job-retention <INTERVAL>")]
        [Description("Delete a finished batch job's or portfolio upload's data this long after it finished (default 7d; e.g. 12h, 30d).")]
        public string? JobRetention { get; init; }

        [CommandOption("--job-sweep <INTERVAL>")]
        [Description("How often to look for jobs past their retention (default 1m).")]
        public string? JobSweep { get; init; }

        [CommandOption("--auth-failures-per-minute <N>")]
        [Description("Wrong or revoked keys and ended sessions allowed per client address per minute; beyond them the address gets 429 until the minute has passed (default 10).")]
        public int AuthFailuresPerMinute { get; init; } = 10;

        [CommandOption("--session-lifetime <INTERVAL>")]
        [Description("How long a UI sign-in lasts (e.g. 12h, 30m; HH:MM:SS); default 12h.")]
        public string? SessionLifetime { get; init; }

        public override ValidationResult Validate() =>
            AuthFailuresPerMinute < 1 ? ValidationResult.Error("--auth-failures-per-minute must be at least 1") : base.Validate();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var err = AppEnvironment.Err;
        if (settings.NoAuth && ServerOptions.NonLoopback(settings.Urls) is { } exposed)
        {
            throw new UsageException($"--no-auth serves every request as an admin without a key, so it is allowed only on a loopback address (127.0.0.1, [::1], localhost), not on {exposed}");
        }

        var open = OpenEndpointsParser.Parse(settings.Open);
        var db = AppEnvironment.DbPath(settings.Db);
        using (AppEnvironment.OpenStore(settings.Db))
        {
            // Creates the database from the bundled lists on first start.
        }

        if (settings.NoAuth)
        {
            err.MarkupLine("[yellow]warning:[/] --no-auth: every request is served without an API key. Use this on your own machine only.");
        }

        var app = ServerHost.Build(new ServerOptions
        {
            Urls = settings.Urls,
            NoAuth = settings.NoAuth,
            Open = open,
            DbPath = db,
            RateLimitPerSecond = settings.RateLimit,
            RefreshInterval = ParseInterval(settings.Refresh),
            JobRetention = ParseInterval(settings.JobRetention, "--job-retention") ?? TimeSpan.FromDays(7),
            JobSweepInterval = ParseInterval(settings.JobSweep, "--job-sweep") ?? TimeSpan.FromMinutes(1),
            PublicOrigins = ParseOrigins(settings.PublicOrigin),
            AuthFailuresPerMinute = settings.AuthFailuresPerMinute,
            SessionLifetime = ParseInterval(settings.SessionLifetime, "--session-lifetime") ?? TimeSpan.FromHours(12),
        },
            msg => err.MarkupLineInterpolated($"[grey]{msg}[/]"));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            err.MarkupLineInterpolated($"Interdict is listening on [bold]{settings.Urls}[/] (database {db}).");
            err.MarkupLineInterpolated($"  UI: {settings.Urls.Split(';')[0]}/   API reference: {settings.Urls.Split(';')[0]}/docs   health: /healthz /readyz   metrics: /metrics");
            if (!settings.NoAuth)
            {
                err.MarkupLine("  API keys are required: create one with [bold]./interdict apikey create --name NAME --role admin[/] (or start with --no-auth for local use).");
            }
        });
        app.Run();
        return ExitCodes.Ok;
    }

    internal static string[] ParseOrigins(string? s) =>
        (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => Uri.TryCreate(o, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.AbsolutePath == "/"
                ? u.GetLeftPart(UriPartial.Authority)
                : throw new UsageException($"--public-origin: '{o}' is not an origin such as https://screening.example.com (scheme, host and port only)"))
            .ToArray();

    internal static TimeSpan? ParseInterval(string? s, string option = "--refresh")
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        var t = s.Trim();
        var unit = t[^1];
        if (char.IsLetter(unit) && double.TryParse(t[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return unit switch
            {
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                's' => TimeSpan.FromSeconds(n),
                'd' => TimeSpan.FromDays(n),
                _ => throw new UsageException($"{option}: unknown unit '{unit}' (use s, m, h or d)"),
            };
        }

        return TimeSpan.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var ts) && ts > TimeSpan.Zero
            ? ts
            : throw new UsageException($"{option}: '{s}' is not an interval (e.g. 6h, 30m, 01:00:00)");
    }
}
