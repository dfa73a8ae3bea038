using Interdict.App.Commands;
using Interdict.Sources;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App;

/// <summary>Exit codes that scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command was called wrongly (unknown option, missing argument, bad value).</summary>
    public const int Usage = 2;

    /// <summary>The input data was malformed (file, line and reason are printed).</summary>
    public const int DataError = 3;

    /// <summary>Something was asked for that does not exist (unknown entity id, list).</summary>
    public const int NotFound = 4;

    public const int InternalError = 70;
}

public static class Cli
{
    public static int Run(string[] args)
    {
        // Piped output is read by programs or saved: do not wrap tables at the 80 columns Spectre assumes then.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var w) && w > 40 ? w : 200;
        }

        var app = new CommandApp();
        app.Configure(Configure);
        // screen-text and screen-payment take "-" as their file argument; the others take it as an option value.
        return app.Run(args.Length > 0 && args[0] is "screen-text" or "screen-payment" ? args.Select(a => a == "-" ? StandardInput : a) : JoinStdinValues(args));
    }

    /// <summary>
    /// "--input -" means standard input by Unix convention, but the parser reads a lone "-" as a nameless option;
    /// joining it to its option ("--input=-") keeps the convention working.
    /// </summary>
    internal static string[] JoinStdinValues(string[] args)
    {
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "-" && result.Count > 0 && result[^1].StartsWith('-') && !result[^1].Contains('=', StringComparison.Ordinal))
            {
                result[^1] += "=-";
            }
            else
            {
                result.Add(args[i]);
            }
        }

        return [.. result];
    }

    /// <summary>A lone "-" argument of screen-text and screen-payment (read standard input): the parser would take "-" for an option.</summary>
    public const string StandardInput = "<stdin>";

    internal static void Configure(IConfigurator c)
    {
        c.SetApplicationName("interdict");
        c.Settings.StrictParsing = true;
        c.SetExceptionHandler((ex, _) => HandleError(ex));
        CommandRegistry.Register(c);
    }

    /// <summary>Prints one clear line for the user and picks the exit code; no stack traces for expected failures.</summary>
    internal static int HandleError(Exception ex)
    {
        var err = AppEnvironment.Err;
        switch (ex)
        {
            case CommandParseException or CommandRuntimeException or UsageException:
                err.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                err.MarkupLine("[grey]See 'interdict --help' or 'interdict <command> --help'.[/]");
                return ExitCodes.Usage;
            case ListFormatException:
            case InvalidDataException:
                err.MarkupLineInterpolated($"[red]data error:[/] {ex.Message}");
                err.MarkupLine("[grey]Nothing was changed: the previous snapshot is still current.[/]");
                return ExitCodes.DataError;
            case NotFoundException:
                err.MarkupLineInterpolated($"[red]not found:[/] {ex.Message}");
                return ExitCodes.NotFound;
            case InvalidOperationException:
                err.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return ExitCodes.DataError;
            default:
                err.MarkupLineInterpolated($"[red]internal error:[/] {ex.GetType().Name}: {ex.Message}");
                if (Environment.GetEnvironmentVariable("INTERDICT_DEBUG") == "1")
                {
                    err.WriteException(ex);
                }

                return ExitCodes.InternalError;
        }
    }
}

internal static class CommandRegistry
{
    internal static void Register(IConfigurator c)
    {
        c.AddCommand<ListsCommand>("lists").WithDescription("Show the lists in the database: publication dates, entry counts, snapshots.");
        c.AddCommand<ShowCommand>("show").WithDescription("Show one listed entity's full record.").WithExample("show", "ofac-sdn:22790");
        c.AddCommand<ImportCommand>("import").WithDescription("Import a publication of a list as a new snapshot (one transaction).")
            .WithExample("import", "--list", "ofac-sdn", "--published", "2023-12-28", "sdn.csv", "add.csv", "alt.csv");
        c.AddCommand<ProgramsCommand>("programs").WithDescription("List sanctions programs with their names and entry counts.");
        c.AddCommand<ExportCommand>("export").WithDescription("Export the lists as FollowTheMoney entity JSON lines.");
        c.AddCommand<SearchCommand>("search").WithDescription("Search the lists for a name; a ranked, explained table.").WithExample("search", "Nikolas Madurro", "--explain");
        c.AddCommand<ScreenCommand>("screen").WithDescription("Screen a CSV of customers (id,name,type,dob,country) into JSON lines.")
            .WithExample("screen", "--input", "customers.csv", "--output", "results.jsonl");
        c.AddCommand<ServeCommand>("serve").WithDescription("Run the HTTP API, the yente-compatible endpoints and the analyst UI.");
        c.AddBranch("apikey", k =>
        {
            k.SetDescription("Manage API keys for the server.");
            k.AddCommand<ApiKeyCreateCommand>("create").WithDescription("Create a key (shown once).");
            k.AddCommand<ApiKeyListCommand>("list").WithDescription("List keys (names, roles, prefixes).");
            k.AddCommand<ApiKeyRevokeCommand>("revoke").WithDescription("Revoke a key by name.");
        });
        c.AddBranch("audit", a =>
        {
            a.SetDescription("The audit trail of screenings.");
            a.AddCommand<AuditExportCommand>("export").WithDescription("Export audit records as JSON lines.");
        });
        c.AddCommand<ScreenTextCommand>("screen-text").WithDescription("Find listed parties and sanctioned places in a text (news, remittance information).")
            .WithExample("screen-text", "article.txt");
        c.AddCommand<ScreenPaymentCommand>("screen-payment").WithDescription("Screen a payment message (pacs.008, pain.001 XML or MT103): parties, BICs, addresses, free text.")
            .WithExample("screen-payment", "pacs008.xml");
        c.AddCommand<CompareCommand>("compare").WithDescription("Score pairs of FollowTheMoney-shaped records (JSON lines).")
            .WithExample("compare", "--input", "pairs.jsonl", "--output", "scores.jsonl");
        c.AddCommand<UpdateCommand>("update")
            .WithDescription("Download the enabled lists from their official sources and import those that changed.")
            .WithExample("update")
            .WithExample("update", "--list", "un-sc", "--force");
        c.AddCommand<ImportHistoryCommand>("import-history")
            .WithDescription("Import every dated file of a folder, or every version of sdn.csv in a git repository or bundle, as snapshots.")
            .WithExample("import-history", "--list", "ofac-sdn", "ofac-sdn-history.bundle");
        c.AddBranch("snapshots", s =>
        {
            s.SetDescription("The stored snapshots (publications) of the lists; remove a mistaken one.");
            s.AddCommand<SnapshotsListCommand>("list").WithDescription("List snapshots: id, list, publication date, import time, entries, files, current or not.")
                .WithExample("snapshots", "list", "--list", "ofac-sdn");
            s.AddCommand<SnapshotsRemoveCommand>("remove")
                .WithDescription("Remove a mistaken snapshot as if it had never been imported (audited; refused when alerts refer to it unless --force).")
                .WithExample("snapshots", "remove", "42", "--reason", "imported with the wrong publication date");
        });
        c.AddCommand<ChangesCommand>("changes")
            .WithDescription("What each publication of a list added, removed and modified, with a summary per program and entity kind.")
            .WithExample("changes", "--list", "ofac-sdn", "--since", "2022-02-24", "--until", "2022-03-04");
        c.AddCommand<EntityHistoryCommand>("history")
            .WithDescription("An entry's history: first listed, every change with field differences, delisting, relisting.")
            .WithExample("history", "ofac-sdn:35096");
        c.AddBranch("portfolio", p =>
        {
            p.SetDescription("Monitor a customer portfolio: screened once, then re-screened by each publication's changes.");
            p.AddCommand<PortfolioImportCommand>("import").WithDescription("Store customers (id,name,type,dob,country) and screen the new and changed ones.")
                .WithExample("portfolio", "import", "customers.csv");
            p.AddCommand<PortfolioRescreenCommand>("rescreen").WithDescription("Re-screen the portfolio against what the lists changed since it was last screened.");
        });
        c.AddBranch("alerts", a =>
        {
            a.SetDescription("Portfolio alerts and the analysts' decisions.");
            a.AddCommand<AlertsListCommand>("list").WithDescription("List alerts, filtered by status, list, program, score or customer.");
            a.AddCommand<AlertsDecideCommand>("decide").WithDescription("Decide an alert: true-match, false-positive or escalate (append-only, audited).")
                .WithExample("alerts", "decide", "12", "--decision", "false-positive", "--reason", "different date of birth", "--analyst", "alice");
        });
    }
}
