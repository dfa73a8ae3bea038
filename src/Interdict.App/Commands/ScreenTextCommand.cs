using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Interdict.Matching;
using Interdict.Screening;
using Interdict.Screening.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ScreenTextCommand : Command<ScreenTextCommand.Settings>
{
    public class Settings : AsOfSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A UTF-8 text file, or - for standard input.")]
        public string File { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the mentions and places as JSON.")]
        public bool Json { get; init; }

        [CommandOption("--threshold <SCORE>")]
        [Description("Minimum score in [0,1] (default: the product default, see docs/quality.md).")]
        public double? Threshold { get; init; }

        [CommandOption("-e|--explain")]
        [Description("Show how each mention's score was reached.")]
        public bool Explain { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(File))
            {
                return ValidationResult.Error("give a text file, or - for standard input");
            }

            return Threshold is < 0 or > 1 ? ValidationResult.Error("--threshold must be between 0 and 1") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string text;
        if (settings.File is "-" or Cli.StandardInput)
        {
            using var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
            text = stdin.ReadToEnd();
        }
        else if (!System.IO.File.Exists(settings.File))
        {
            throw new NotFoundException($"no file '{settings.File}'");
        }
        else
        {
            text = System.IO.File.ReadAllText(settings.File, Encoding.UTF8);
        }

        using var store = AppEnvironment.OpenStore(settings.Db);
        var screener = Screener.Load(store, settings.AsOfValue);
        var result = new TextScreener(screener).Screen(text, new TextScreeningOptions { Threshold = settings.Threshold ?? ScreeningOptions.DefaultThreshold });
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { result.Mentions, result.Places, result.Threshold, result.Candidates, Snapshots = Snapshots(screener) }, CliJson.Indented));
            return ExitCodes.Ok;
        }

        var style = AnsiConsole.Profile.Capabilities.Ansi && !Console.IsOutputRedirected ? HighlightStyle.Ansi : HighlightStyle.Brackets;
        var highlights = result.Mentions.Select(m => new Highlight(m.Start, m.Length, $"{m.EntityId} {m.Score.ToString("0.00", CultureInfo.InvariantCulture)}{(m.Kind == MentionKind.Partial ? " partial" : "")}"))
            .Concat(result.Places.Select(p => new Highlight(p.Start, p.Length, p.Program)));
        Console.WriteLine(SpanHighlighter.Render(text, highlights, style));
        Console.WriteLine();
        WriteFindings(result);
        if (settings.Explain)
        {
            foreach (var m in result.Mentions)
            {
                Console.WriteLine($"{m.EntityId} at {m.Start}: {m.Kind.ToString().ToLowerInvariant()} mention");
                Console.WriteLine(m.Explanation.ToString());
                Console.WriteLine();
            }
        }

        AppEnvironment.Err.MarkupLineInterpolated($"[grey]screened {result.Candidates:N0} candidate spans against {string.Join(", ", screener.Snapshots.Select(s => $"{s.ListId} ({s.Published:yyyy-MM-dd})"))}[/]");
        return ExitCodes.Ok;
    }

    internal static IEnumerable<object> Snapshots(Screener screener) =>
        screener.Snapshots.Select(s => new { list = s.ListId, id = s.Id, published = s.Published });

    private static void WriteFindings(TextScreeningResult result)
    {
        if (result.Mentions.Count == 0 && result.Places.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No listed party at or above {result.Threshold:0.00} and no sanctioned place.");
            return;
        }

        if (result.Mentions.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Listed parties")
                .AddColumn(new TableColumn("Score").RightAligned()).AddColumn("Offset").AddColumn("Text").AddColumn("Mention").AddColumn("Entity").AddColumn("Name").AddColumn("Programs");
            foreach (var m in result.Mentions)
            {
                table.AddRow(
                    new Text(m.Score.ToString("0.000", CultureInfo.InvariantCulture)),
                    new Text($"{m.Start}+{m.Length}"),
                    new Text(m.Text.ReplaceLineEndings(" ")),
                    new Text(m.Kind.ToString().ToLowerInvariant() + (m.Title is null ? "" : $" ({m.Title})")),
                    new Text(m.EntityId),
                    new Text(m.EntityName + string.Concat(m.AlsoListed.Select(a => "\n" + a.Description))),
                    new Text(string.Join(", ", m.Programs)));
            }

            AnsiConsole.Write(table);
        }

        if (result.Places.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Sanctioned places")
                .AddColumn("Offset").AddColumn("Text").AddColumn("Place").AddColumn("As").AddColumn("Program");
            foreach (var p in result.Places)
            {
                table.AddRow(new Text($"{p.Start}+{p.Length}"), new Text(p.Text), new Text(p.Place), new Text(p.Kind.ToString().ToLowerInvariant()), new Text(string.Join(", ", p.Programs)));
            }

            AnsiConsole.Write(table);
        }
    }
}
