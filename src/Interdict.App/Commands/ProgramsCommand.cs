using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ProgramsCommand : Command<ProgramsCommand.Settings>
{
    public sealed class Settings : AsOfSettings
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

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AppEnvironment.OpenStore(settings.Db);
        if (settings.Code is { } code)
        {
            var members = store.Lists()
                .Where(l => settings.List is null || l.ListId == settings.List)
                .Select(l => store.SnapshotAt(l.ListId, settings.AsOfValue)).OfType<Interdict.Model.ListSnapshot>()
                .SelectMany(s => store.Entities(s.Id))
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

        IReadOnlyList<(Interdict.Model.SanctionsProgram Program, int Count)> programs = settings.AsOfValue is null ? store.Programs() : ProgramsAsOf(store, settings.AsOfValue.Value);
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

    private static List<(Interdict.Model.SanctionsProgram Program, int Count)> ProgramsAsOf(Interdict.Store.IListStore store, DateTimeOffset asOf)
    {
        var names = store.Programs().ToDictionary(p => p.Program.Code, p => p.Program, StringComparer.Ordinal);
        return store.Lists()
            .Select(l => store.SnapshotAt(l.ListId, asOf)).OfType<Interdict.Model.ListSnapshot>()
            .SelectMany(s => store.Entities(s.Id))
            .SelectMany(e => e.Programs.Distinct())
            .GroupBy(p => p, StringComparer.Ordinal)
            .Select(g => (names.TryGetValue(g.Key, out var p) ? p : new Interdict.Model.SanctionsProgram(g.Key, null, null), g.Count()))
            .OrderBy(x => x.Item1.Code, StringComparer.Ordinal)
            .ToList();
    }
}
