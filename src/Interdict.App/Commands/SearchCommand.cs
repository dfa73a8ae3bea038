using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Interdict.Matching;
using Interdict.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class SearchCommand : Command<SearchCommand.Settings>
{
    public class Settings : AsOfSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The name to search for, in any script.")]
        public string Name { get; init; } = "";

        [CommandOption("-t|--type <TYPE>")]
        [Description("person, organization, vessel or aircraft.")]
        public string? Type { get; init; }

        [CommandOption("-l|--list <LIST>")]
        [Description("Only this list (repeatable).")]
        public string[] Lists { get; init; } = [];

        [CommandOption("--dob <DATE>")]
        [Description("Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.")]
        public string? Dob { get; init; }

        [CommandOption("-c|--country <CODE>")]
        [Description("Country (nationality, residence), ISO 3166-1 alpha-2 (repeatable).")]
        public string[] Countries { get; init; } = [];

        [CommandOption("-n|--limit <N>")]
        [Description("At most N results (default 10).")]
        public int Limit { get; init; } = 10;

        [CommandOption("--threshold <SCORE>")]
        [Description("Minimum score in [0,1] (default: the product default, see docs/quality.md).")]
        public double? Threshold { get; init; }

        [CommandOption("-e|--explain")]
        [Description("Show how each result's score was reached.")]
        public bool Explain { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON (the `screen` output shape).")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Name))
            {
                return ValidationResult.Error("give a name to search for");
            }

            if (Limit is < 1 or > 1000)
            {
                return ValidationResult.Error("--limit must be between 1 and 1000");
            }

            if (Threshold is < 0 or > 1)
            {
                return ValidationResult.Error("--threshold must be between 0 and 1");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ScreeningQuery query;
        try
        {
            var dob = QueryParsing.ParseDob(settings.Dob);
            query = new ScreeningQuery
            {
                Name = settings.Name,
                Kind = QueryParsing.ParseKind(settings.Type),
                BirthDates = dob is null ? [] : [dob],
                Countries = settings.Countries.Select(QueryParsing.ParseCountry).OfType<string>().ToList(),
            };
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }

        using var store = AppEnvironment.OpenStore(settings.Db);
        if (settings.Lists.Length > 0 && settings.Lists.All(l => store.SnapshotAt(l, settings.AsOfValue) is null))
        {
            // Fails with the reason (no such list, or none as of that date).
            _ = Screener.Load(store, settings.AsOfValue, settings.Lists);
        }

        // Every list is indexed and --list only filters the hits, so that a hit still shows its entries on the others.
        var screener = Screener.Load(store, settings.AsOfValue);
        var options = new ScreeningOptions
        {
            Limit = settings.Limit,
            Threshold = settings.Threshold ?? ScreeningOptions.DefaultThreshold,
            Kind = query.Kind,
            Lists = settings.Lists.Length > 0 ? settings.Lists.ToHashSet(StringComparer.Ordinal) : null,
        };
        var matches = screener.Screen(query, options);
        if (settings.Json)
        {
            Console.WriteLine(MatchJson.ToJsonLine(null, matches, includeExplanation: true, links: matches.Count > 0 ? screener.Links : null));
            return ExitCodes.Ok;
        }

        if (matches.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No match at or above {options.Threshold:0.00} for [bold]{settings.Name}[/] in {string.Join(", ", screener.Snapshots.Select(s => $"{s.ListId} {s.Published:yyyy-MM-dd}"))}.");
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Score").RightAligned()).AddColumn("Entity").AddColumn("Name").AddColumn("Matched name").AddColumn("Type").AddColumn("Programs");
        var grouped = screener.Group(matches);
        foreach (var (m, also) in grouped)
        {
            var colour = m.Score >= 0.95 ? "red" : m.Score >= 0.85 ? "orange1" : "yellow";
            table.AddRow(
                new Markup($"[{colour}]{m.Score.ToString("0.000", CultureInfo.InvariantCulture)}[/]"),
                new Text(also.Count == 0 ? m.Entity.Id : $"{m.Entity.Id} +{also.Count}"),
                new Text(m.Entity.PrimaryName.Full),
                new Text(m.MatchedName.Full == m.Entity.PrimaryName.Full ? "" : m.MatchedName.Full),
                new Text(MatchJson.KindName(m.Entity.Kind)),
                new Text(string.Join(", ", m.Entity.Programs)));
        }

        AnsiConsole.Write(table);

        // One party on several lists is one row; the other lists' entries follow, each with why it was linked.
        foreach (var (m, also) in grouped.Where(g => g.AlsoListed.Count > 0))
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]{m.Entity.Id}[/] {m.Entity.PrimaryName.Full}");
            foreach (var a in also)
            {
                var score = a.Score is { } sc ? $" (also matched, score {sc.ToString("0.000", CultureInfo.InvariantCulture)})" : "";
                AnsiConsole.MarkupLineInterpolated($"  {a.Description}[grey]{score}[/]");
            }
        }

        if (settings.Explain)
        {
            foreach (var (m, _) in grouped)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]{m.Entity.Id}[/] {m.Entity.PrimaryName.Full}: {m.Score:0.000}");
                AnsiConsole.WriteLine(m.Explanation.ToString());
                AnsiConsole.WriteLine();
            }
        }

        AppEnvironment.Err.MarkupLineInterpolated($"[grey]searched {screener.EntityCount:N0} entries in {string.Join(", ", screener.Snapshots.Select(s => $"{s.ListId} ({s.Published:yyyy-MM-dd})"))}[/]");
        return ExitCodes.Ok;
    }
}
