using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ProgramsCommand : Command<ProgramsCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--json")]
        [Description("Print JSON instead of a table.")]
        public bool Json { get; init; }

        [CommandArgument(0, "[CODE]")]
        [Description("Show the entries of one program (e.g. RUSSIA-EO14024).")]
        public string? Code { get; init; }

        [CommandOption("-l|--list <LIST>")]
        [Description("With CODE: only entries of this list.")]
        public string? List { get; init; }
    }

    protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AppEnvironment.OpenStore(settings.Db);
        if (settings.Code is { } code)
        {
            var members = store.Lists()
                .Where(l => l.Current is not null && (settings.List is null || l.ListId == settings.List))
                .SelectMany(l => store.Entities(l.Current!.Id))
                .Where(e => e.Programs.Contains(code, StringComparer.OrdinalIgnoreCase))
                .OrderBy(e => e.PrimaryName.Full, StringComparer.Ordinal)
                .ToList();
            if (members.Count == 0)
            {
                throw new NotFoundException($"no entries under program '{code}' in the current lists");
            }

            if (settings.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(members.Select(e => new { id = e.Id, name = e.PrimaryName.Full, kind = e.Kind.ToString().ToLowerInvariant() }), CliJson.Indented));
                return ExitCodes.Ok;
            }

            var t = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(code)}: {members.Count:N0} entries").AddColumn("Id").AddColumn("Name").AddColumn("Type");
            foreach (var e in members)
            {
                t.AddRow(Markup.Escape(e.Id), Markup.Escape(e.PrimaryName.Full), e.Kind.ToString());
            }

            AnsiConsole.Write(t);
            return ExitCodes.Ok;
        }

        var programs = store.Programs();
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(programs.Select(p => new { code = p.Program.Code, name = p.Program.Name, publisher = p.Program.Publisher, entries = p.Count }), CliJson.Indented));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Program").AddColumn("Name").AddColumn(new TableColumn("Entries").RightAligned());
        foreach (var (p, count) in programs)
        {
            table.AddRow(Markup.Escape(p.Code), Markup.Escape(p.Name ?? ""), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
