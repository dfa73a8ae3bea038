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

        [CommandOption("--rate-limit <N>")]
        [Description("Requests per second allowed per API key (default 2000).")]
        public int RateLimit { get; init; } = 2000;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var err = AppEnvironment.Err;
        var db = AppEnvironment.DbPath(settings.Db);
        using (AppEnvironment.OpenStore(settings.Db))
        {
            // Creates the database from the bundled lists on first start.
        }

        if (settings.NoAuth)
        {
            err.MarkupLine("[yellow]warning:[/] --no-auth: every request is served without an API key. Use this on your own machine only.");
        }

        var app = ServerHost.Build(new ServerOptions { Urls = settings.Urls, NoAuth = settings.NoAuth, DbPath = db, RateLimitPerSecond = settings.RateLimit },
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
}
