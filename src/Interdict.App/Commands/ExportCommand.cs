using System.ComponentModel;
using Interdict.Sources.Ftm;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ExportCommand : Command<ExportCommand.Settings>
{
    public sealed class Settings : AsOfSettings
    {
        [CommandOption("-f|--format <FORMAT>")]
        [Description("Output format: ftm (FollowTheMoney entity JSON lines, the OpenSanctions interchange format).")]
        public string Format { get; init; } = "ftm";

        [CommandOption("-l|--list <LIST>")]
        [Description("Only this list (repeatable). Default: every list.")]
        public string[] Lists { get; init; } = [];

        [CommandOption("-o|--output <FILE>")]
        [Description("Write to this file instead of standard output.")]
        public string? Output { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!string.Equals(settings.Format, "ftm", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"unknown export format '{settings.Format}' (supported: ftm)");
        }

        using var store = AppEnvironment.OpenStore(settings.Db);
        var lists = store.Lists().Where(l => settings.Lists.Length == 0 || settings.Lists.Contains(l.ListId)).ToList();
        foreach (var wanted in settings.Lists)
        {
            if (lists.All(l => l.ListId != wanted))
            {
                throw new NotFoundException($"no list '{wanted}' in the database (see `interdict lists`)");
            }
        }

        var output = settings.Output is null ? Console.OpenStandardOutput() : File.Create(settings.Output);
        using var writer = new FtmWriter(new BufferedStream(output, 1 << 16));
        var count = 0;
        foreach (var l in lists)
        {
            var snap = store.SnapshotAt(l.ListId, settings.AsOfValue);
            if (snap is null)
            {
                continue;
            }

            foreach (var e in store.Entities(snap.Id))
            {
                writer.Write(e);
                count++;
            }
        }

        AppEnvironment.Err.MarkupLineInterpolated($"[grey]exported {count:N0} entities[/]");
        return ExitCodes.Ok;
    }
}
