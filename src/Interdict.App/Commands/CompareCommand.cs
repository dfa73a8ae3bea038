using System.ComponentModel;
using System.Text;
using Interdict.Matching;
using Interdict.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class CompareCommand : Command<CompareCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-i|--input <FILE>")]
        [Description("JSON lines: {\"id\", \"schema\", \"query\": {FtM properties}, \"candidate\": {FtM properties}}; - for standard input.")]
        public string Input { get; init; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("JSON lines {\"id\", \"score\", \"match\"}; - (default) for standard output.")]
        public string Output { get; init; } = "-";

        [CommandOption("--threshold <SCORE>")]
        [Description("Score at or above which \"match\" is true (default: the product default).")]
        public double? Threshold { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input is required")
            : Threshold is < 0 or > 1 ? ValidationResult.Error("--threshold must be between 0 and 1")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Input != "-" && !File.Exists(settings.Input))
        {
            throw new UsageException($"input file not found: {settings.Input}");
        }

        using var store = AppEnvironment.OpenStore(settings.Db);
        var screener = Screener.Load(store);
        var inputName = settings.Input == "-" ? "stdin" : Path.GetFileName(settings.Input);
        using var reader = settings.Input == "-" ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, true)) : new StreamReader(settings.Input, new UTF8Encoding(false, true));
        using var writer = settings.Output == "-" ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) : new StreamWriter(settings.Output, false, new UTF8Encoding(false));
        var bad = new List<BadRow>();
        var summary = PairComparison.Run(screener.Index, reader, writer, settings.Threshold ?? ScreeningOptions.DefaultThreshold, inputName, bad.Add);
        writer.Flush();
        foreach (var b in bad.Take(50))
        {
            AppEnvironment.Err.MarkupLineInterpolated($"[yellow]{inputName}, line {b.Line}:[/] {b.Reason}");
        }

        AppEnvironment.Err.MarkupLineInterpolated($"[grey]compared {summary.Scored:N0} pairs: {summary.Matches:N0} matches, {summary.Bad:N0} bad lines[/]");
        return ExitCodes.Ok;
    }
}
