using System.ComponentModel;
using System.Text;
using Interdict.Matching;
using Interdict.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ScreenCommand : Command<ScreenCommand.Settings>
{
    public sealed class Settings : AsOfSettings
    {
        [CommandOption("-i|--input <FILE>")]
        [Description("UTF-8 CSV with header id,name,type,dob,country (extra columns ignored); - for standard input.")]
        public string Input { get; init; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("JSON lines, one per input row in input order; - (default) for standard output.")]
        public string Output { get; init; } = "-";

        [CommandOption("--threshold <SCORE>")]
        [Description("Minimum score in [0,1] (default: the product default, see docs/quality.md).")]
        public double? Threshold { get; init; }

        [CommandOption("-n|--limit <N>")]
        [Description("At most N matches per row (default 10).")]
        public int Limit { get; init; } = 10;

        [CommandOption("-l|--list <LIST>")]
        [Description("Only this list (repeatable).")]
        public string[] Lists { get; init; } = [];

        [CommandOption("--no-explain")]
        [Description("Leave explanations out of the output (smaller files).")]
        public bool NoExplain { get; init; }

        [CommandOption("--exhaustive")]
        [Description("Score every list entry instead of using the candidate index: slow, the baseline for benchmarks.")]
        public bool Exhaustive { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Input))
            {
                return ValidationResult.Error("--input is required");
            }

            if (Threshold is < 0 or > 1)
            {
                return ValidationResult.Error("--threshold must be between 0 and 1");
            }

            return Limit is < 1 or > 1000 ? ValidationResult.Error("--limit must be between 1 and 1000") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Input != "-" && !File.Exists(settings.Input))
        {
            throw new UsageException($"input file not found: {settings.Input}");
        }

        using var store = AppEnvironment.OpenStore(settings.Db);
        var screener = Screener.Load(store, settings.AsOfValue, settings.Lists);
        var options = new ScreeningOptions { Limit = settings.Limit, Threshold = settings.Threshold ?? ScreeningOptions.DefaultThreshold };
        var inputName = settings.Input == "-" ? "stdin" : Path.GetFileName(settings.Input);
        using var reader = settings.Input == "-"
            ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, true))
            : new StreamReader(settings.Input, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        using var output = settings.Output == "-" ? Console.OpenStandardOutput() : new FileStream(settings.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        using var buffered = new BufferedStream(output, 1 << 16);
        var err = AppEnvironment.Err;
        var total = settings.Input == "-" ? 0 : new FileInfo(settings.Input).Length;
        var badRows = new List<BadRow>();
        BatchSummary summary;
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (total > 0 && !Console.IsErrorRedirected)
        {
            summary = err.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("screening", maxValue: total);
                    return BatchScreening.Run(screener, reader, buffered, options, inputName, badRows.Add,
                        _ => task.Value = reader.BaseStream.CanSeek ? reader.BaseStream.Position : task.Value, !settings.NoExplain, settings.Exhaustive, cancellationToken: cancellationToken);
                });
        }
        else
        {
            summary = BatchScreening.Run(screener, reader, buffered, options, inputName, badRows.Add, null, !settings.NoExplain, settings.Exhaustive, cancellationToken: cancellationToken);
        }

        buffered.Flush();
        foreach (var b in badRows.Take(50))
        {
            err.MarkupLineInterpolated($"[yellow]{inputName}, line {b.Line}:[/] {b.Reason}{(b.Id is null ? "" : $" (id {b.Id})")}");
        }

        if (badRows.Count > 50)
        {
            err.MarkupLineInterpolated($"[yellow]... and {badRows.Count - 50} more bad rows (each has an \"error\" in the output)[/]");
        }

        var secs = Math.Max(started.Elapsed.TotalSeconds, 1e-6);
        err.MarkupLineInterpolated($"[grey]screened {summary.Screened:N0} of {summary.Rows:N0} rows in {secs:0.0} s ({summary.Screened / secs:N0}/s): {summary.RowsWithMatches:N0} with matches, {summary.BadRows:N0} bad rows; lists {string.Join(", ", screener.Snapshots.Select(s => $"{s.ListId} {s.Published:yyyy-MM-dd}"))}[/]");
        return ExitCodes.Ok;
    }
}
