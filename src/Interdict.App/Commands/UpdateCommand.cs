using System.ComponentModel;
using System.Globalization;
using Interdict.Sources.Refresh;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

/// <summary>
/// <c>interdict update [--list L]... [--force] [--db PATH]</c>: downloads the enabled lists from their sources
/// (interdict.sources.json beside the database, environment overrides) and imports the ones that changed.
/// Exit 0 when every list was imported or found unchanged, 3 when any failed (the others are still updated).
/// </summary>
public sealed class UpdateCommand : Command<UpdateCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-l|--list <LIST>")]
        [Description("Update only this list (repeatable). Default: every enabled source. A named list is updated even if disabled.")]
        public string[] Lists { get; init; } = [];

        [CommandOption("--force")]
        [Description("Import even when the new publication has far fewer entries than the current snapshot.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dbPath = AppEnvironment.DbPath(settings.Db);
        var err = AppEnvironment.Err;

        RefreshConfiguration config;
        try
        {
            config = SourceRegistry.Load(dbPath);
        }
        catch (FormatException ex)
        {
            err.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.DataError;
        }

        var unknown = settings.Lists.Where(l => config.Sources.Find(l) is null).ToList();
        if (unknown.Count > 0)
        {
            err.MarkupLine($"[red]error:[/] no download source for {Markup.Escape(string.Join(", ", unknown))}; known: " +
                Markup.Escape(string.Join(", ", config.Sources.All.Select(s => s.ListId).Order(StringComparer.Ordinal))));
            return ExitCodes.Usage;
        }

        if (config.ConfigPath is not null)
        {
            err.MarkupLine($"[grey]sources from {Markup.Escape(config.ConfigPath)}[/]");
        }

        // The bundled lists are the baseline: an offline installation keeps screening against them.
        using var store = AppEnvironment.OpenStore(settings.Db);
        using var status = new RefreshStatusStore(dbPath);
        using var refresher = new ListRefresher(store, status, config.Sources, config.Options);
        var outcomes = refresher.RefreshAsync(settings.Lists, settings.Force, cancellationToken).GetAwaiter().GetResult();
        if (outcomes.Count == 0)
        {
            err.MarkupLine("[yellow]no list is enabled for download[/] (see interdict.sources.json / docs/sources.md)");
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("List").AddColumn("Result").AddColumn(new TableColumn("Snapshot").RightAligned())
            .AddColumn(new TableColumn("Entries").RightAligned()).AddColumn("Details");
        foreach (var o in outcomes)
        {
            var colour = o.Result switch
            {
                RefreshResult.Imported => "green",
                RefreshResult.Unchanged => "grey",
                _ => "red",
            };
            table.AddRow(
                Markup.Escape(o.ListId),
                $"[{colour}]{o.Result.ToString().ToLowerInvariant()}[/]",
                o.Snapshot is null ? "-" : "#" + o.Snapshot.Id.ToString(CultureInfo.InvariantCulture),
                o.Snapshot?.EntityCount.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(o.Message));
        }

        AnsiConsole.Write(table);
        if (outcomes.Any(o => o.Result == RefreshResult.Imported))
        {
            PortfolioCli.AfterListImport(store, settings.Db);
        }

        return outcomes.All(o => o.Succeeded) ? ExitCodes.Ok : ExitCodes.DataError;
    }
}
