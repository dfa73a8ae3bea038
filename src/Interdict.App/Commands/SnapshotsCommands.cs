using System.ComponentModel;
using System.Globalization;
using Interdict.Store;
using Interdict.Store.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

/// <summary><c>snapshots list [--list L]</c>: every stored snapshot with its dates, size, files and whether it is current; then the removed ones.</summary>
public sealed class SnapshotsListCommand : Command<SnapshotsListCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-l|--list <LIST>")]
        [Description("Only the snapshots of this list (ofac-sdn, un-sc, ...).")]
        public string? List { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = SnapshotsCli.OpenStore(settings.Db);
        var lists = store.Lists().Where(l => l.SnapshotCount > 0 && (settings.List is null || l.ListId == settings.List)).ToList();
        if (settings.List is not null && lists.Count == 0)
        {
            throw new NotFoundException($"no snapshot of list '{settings.List}' is stored (see 'interdict lists')");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Snapshot").RightAligned().NoWrap()).AddColumn(new TableColumn("List").NoWrap())
            .AddColumn(new TableColumn("Published").NoWrap()).AddColumn(new TableColumn("Imported").NoWrap())
            .AddColumn(new TableColumn("Entries").RightAligned().NoWrap()).AddColumn(new TableColumn("Current").NoWrap()).AddColumn("Files (SHA-256)");
        foreach (var l in lists)
        {
            foreach (var s in store.Snapshots(l.ListId))
            {
                table.AddRow(
                    s.Id.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(s.ListId),
                    SnapshotsCli.Time(s.Published),
                    SnapshotsCli.Time(s.ImportedAt),
                    s.EntityCount.ToString("N0", CultureInfo.InvariantCulture),
                    s.Id == l.Current?.Id ? "[green]current[/]" : "",
                    Markup.Escape(string.Join(", ", s.Files.Select(f => $"{f.Name} {f.Sha256[..12]}"))));
            }
        }

        AnsiConsole.Write(table);
        foreach (var r in store.RemovedSnapshots().Where(r => settings.List is null || r.ListId == settings.List))
        {
            AnsiConsole.MarkupLineInterpolated(
                CultureInfo.InvariantCulture,
                $"[grey]removed: snapshot {r.Id} of {r.ListId} published {SnapshotsCli.Time(r.Published)} ({r.EntityCount:N0} entries), removed {SnapshotsCli.Time(r.RemovedAt)} by {r.Actor}{(r.Reason.Length > 0 ? ": " + r.Reason : "")}{(r.Alerts > 0 ? $" ({r.Alerts} alerts still refer to it)" : "")}[/]");
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>snapshots remove ID [--force] [--reason TEXT]</c>: removes a mistaken snapshot as if it had never been imported (audited).</summary>
public sealed class SnapshotsRemoveCommand : Command<SnapshotsRemoveCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<SNAPSHOT_ID>")]
        [Description("The snapshot's id (see 'interdict snapshots list').")]
        public long SnapshotId { get; init; }

        [CommandOption("--force")]
        [Description("Remove it even though portfolio alerts were raised against it (they keep its id, marked removed; the portfolio is re-screened).")]
        public bool Force { get; init; }

        [CommandOption("--reason <TEXT>")]
        [Description("Why it is removed; recorded in the audit trail.")]
        public string Reason { get; init; } = "";

        [CommandOption("--actor <NAME>")]
        [Description("Who removes it, for the audit trail (default: the operating-system user).")]
        public string? Actor { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = SnapshotsCli.OpenStore(settings.Db);
        var request = new SnapshotRemovalRequest
        {
            Actor = string.IsNullOrWhiteSpace(settings.Actor) ? Environment.UserName : settings.Actor,
            Reason = settings.Reason,
            Force = settings.Force,
        };
        SnapshotRemovalResult result;
        try
        {
            result = store.RemoveSnapshot(settings.SnapshotId, request);
        }
        catch (SnapshotNotFoundException e)
        {
            throw new NotFoundException(e.Message, e);
        }
        catch (SnapshotInUseException e)
        {
            // A refusal the caller can lift with --force, like a future publication date without --allow-future.
            throw new UsageException(e.Message, e);
        }

        var s = result.Removed;
        AnsiConsole.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"Removed snapshot {s.Id} of [bold]{s.ListId}[/] published {SnapshotsCli.Time(s.Published)} UTC ({s.EntityCount:N0} entries){(result.Alerts > 0 ? $", forced past {result.Alerts} alerts that keep its id" : "")}; recorded in the audit trail.");
        if (result.WasCurrent)
        {
            if (result.Current is { } c)
            {
                AnsiConsole.MarkupLineInterpolated(
                    CultureInfo.InvariantCulture,
                    $"The current snapshot of {s.ListId} is snapshot {c.Id} published {SnapshotsCli.Time(c.Published)} UTC again; a running server switches to it within seconds.");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{s.ListId} has no snapshot left.");
            }
        }

        PortfolioCli.AfterListImport(store, settings.Db);
        return ExitCodes.Ok;
    }
}

internal static class SnapshotsCli
{
    // No seeding from the bundled lists: a list whose last snapshot was removed would be filled again by opening it.
    public static SqliteListStore OpenStore(string? db) => SqliteListStore.Open(AppEnvironment.DbPath(db));

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
