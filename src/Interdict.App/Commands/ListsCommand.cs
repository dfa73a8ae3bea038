using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ListsCommand : Command<ListsCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--json")]
        [Description("Print JSON instead of a table.")]
        public bool Json { get; init; }

        [CommandOption("-s|--snapshots")]
        [Description("Also list every snapshot of every list.")]
        public bool AllSnapshots { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AppEnvironment.OpenStore(settings.Db);
        var lists = store.Lists();
        if (settings.Json)
        {
            var doc = lists.Select(l => new
            {
                list = l.ListId,
                name = l.Name,
                publisher = l.Publisher,
                snapshots = l.SnapshotCount,
                current = l.Current is null ? null : new
                {
                    id = l.Current.Id,
                    published = l.Current.Published,
                    imported_at = l.Current.ImportedAt,
                    entities = l.Current.EntityCount,
                    format = l.Current.Format,
                    files = l.Current.Files.Select(f => new { name = f.Name, sha256 = f.Sha256, bytes = f.Bytes }),
                },
                history = settings.AllSnapshots ? store.Snapshots(l.ListId).Select(s => new { id = s.Id, published = s.Published, entities = s.EntityCount }) : null,
            });
            Console.WriteLine(JsonSerializer.Serialize(doc, CliJson.Indented));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("List").NoWrap()).AddColumn(new TableColumn("Published").NoWrap()).AddColumn(new TableColumn("Entries").RightAligned().NoWrap())
            .AddColumn(new TableColumn("Snapshots").RightAligned().NoWrap()).AddColumn(new TableColumn("Format").NoWrap()).AddColumn(new TableColumn("Imported").NoWrap()).AddColumn("Name");
        foreach (var l in lists.Where(l => l.Current is not null))
        {
            table.AddRow(
                Markup.Escape(l.ListId),
                l.Current!.Published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                l.Current.EntityCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                l.SnapshotCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(l.Current.Format),
                l.Current.ImportedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(l.Name));
        }

        AnsiConsole.Write(table);
        var empty = lists.Where(l => l.Current is null).Select(l => l.ListId).ToList();
        if (empty.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]Also known, not imported yet: {string.Join(", ", empty)} (see `interdict import --help`).[/]");
        }
        if (settings.AllSnapshots)
        {
            foreach (var l in lists)
            {
                var t = new Table().Title(Markup.Escape(l.ListId)).AddColumn("Snapshot").AddColumn("Published").AddColumn(new TableColumn("Entries").RightAligned()).AddColumn("Files");
                foreach (var s in store.Snapshots(l.ListId))
                {
                    t.AddRow(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Published.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.EntityCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", s.Files.Select(f => $"{f.Name} {f.Sha256[..12]}"))));
                }

                AnsiConsole.Write(t);
            }
        }

        return ExitCodes.Ok;
    }
}
