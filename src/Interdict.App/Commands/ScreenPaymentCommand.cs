using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Interdict.Matching;
using Interdict.Screening;
using Interdict.Screening.Payments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ScreenPaymentCommand : Command<ScreenPaymentCommand.Settings>
{
    public class Settings : AsOfSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A payment message: ISO 20022 pacs.008 or pain.001 XML, or a SWIFT MT103; - for standard input.")]
        public string File { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the findings as JSON.")]
        public bool Json { get; init; }

        [CommandOption("--threshold <SCORE>")]
        [Description("Minimum name score in [0,1] (default: the product default, see docs/quality.md).")]
        public double? Threshold { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(File))
            {
                return ValidationResult.Error("give a payment message file, or - for standard input");
            }

            return Threshold is < 0 or > 1 ? ValidationResult.Error("--threshold must be between 0 and 1") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        PaymentMessage message;
        try
        {
            if (settings.File is "-" or Cli.StandardInput)
            {
                using var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
                message = PaymentMessageParser.Parse(stdin.ReadToEnd());
            }
            else if (!System.IO.File.Exists(settings.File))
            {
                throw new NotFoundException($"no file '{settings.File}'");
            }
            else
            {
                message = PaymentMessageParser.ParseFile(settings.File);
            }
        }
        catch (PaymentFormatException ex)
        {
            AppEnvironment.Err.MarkupLineInterpolated($"[red]data error:[/] {ex.Message}");
            return ExitCodes.DataError;
        }

        using var store = AppEnvironment.OpenStore(settings.Db);
        var screener = Screener.Load(store, settings.AsOfValue);
        var result = new PaymentScreener(screener).Screen(message, settings.Threshold ?? ScreeningOptions.DefaultThreshold);
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                result.Format,
                result.MessageId,
                result.Alert,
                result.Threshold,
                result.Hits,
                result.Parties,
                result.FreeTextFields,
                Snapshots = ScreenTextCommand.Snapshots(screener),
            }, CliJson.Indented));
            return ExitCodes.Ok;
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{result.Format}[/] {result.MessageId}: {result.Parties.Count} parties, {result.FreeTextFields.Count} free-text fields");
        if (result.Hits.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No finding at or above {result.Threshold:0.00}.");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Path").AddColumn("Field").AddColumn("Kind").AddColumn("Value").AddColumn(new TableColumn("Score").RightAligned()).AddColumn("Finding").AddColumn("Programs");
            foreach (var h in result.Hits)
            {
                var finding = h.Kind == PaymentHitKind.Place ? h.Detail ?? h.Place ?? "" : $"{h.EntityId} {h.EntityName}{(h.Detail is null ? "" : $" ({h.Detail})")}" + string.Concat(h.AlsoListed.Select(a => "\n" + a.Description));
                table.AddRow(
                    new Text(h.Path),
                    new Text(h.Field),
                    new Text(h.Kind.ToString().ToLowerInvariant()),
                    new Text(h.Value.ReplaceLineEndings(" ")),
                    new Text(h.Score.ToString("0.000", CultureInfo.InvariantCulture)),
                    new Text(finding),
                    new Text(string.Join(", ", h.Programs)));
            }

            AnsiConsole.Write(table);
        }

        AppEnvironment.Err.MarkupLineInterpolated($"[grey]screened against {string.Join(", ", screener.Snapshots.Select(s => $"{s.ListId} ({s.Published:yyyy-MM-dd})"))}[/]");
        return ExitCodes.Ok;
    }
}
