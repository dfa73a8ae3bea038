using System.ComponentModel;
using Interdict.Store;
using Interdict.Store.Operations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ApiKeyCreateCommand : Command<ApiKeyCreateCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("A name for the key (who or what uses it); it appears in the audit trail.")]
        public string Name { get; init; } = "";

        [CommandOption("--role <ROLE>")]
        [Description("screener (search, screen, read) or admin (also imports, keys, audit). Default screener.")]
        public string Role { get; init; } = "screener";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--name is required")
            : Role is not ("screener" or "admin") ? ValidationResult.Error("--role must be screener or admin")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var ops = StoreFactory.OpenOperations(AppEnvironment.DbPath(settings.Db), TimeProvider.System);
        var (info, key) = ops.CreateKey(settings.Name, settings.Role == "admin" ? ApiRole.Admin : ApiRole.Screener);
        Console.WriteLine(key);
        AppEnvironment.Err.MarkupLineInterpolated($"[grey]created {info.Role.ToString().ToLowerInvariant()} key '{info.Name}'. It is shown only this once; only its hash is stored.[/]");
        return ExitCodes.Ok;
    }
}

public sealed class ApiKeyListCommand : Command<StoreSettings>
{
    public override int Execute(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        using var ops = StoreFactory.OpenOperations(AppEnvironment.DbPath(settings.Db), TimeProvider.System);
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Name").AddColumn("Role").AddColumn("Prefix").AddColumn("Created").AddColumn("Revoked");
        foreach (var k in ops.Keys())
        {
            t.AddRow(Markup.Escape(k.Name), k.Role.ToString().ToLowerInvariant(), k.Prefix + "...", k.Created.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), k.Revoked?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        AnsiConsole.Write(t);
        return ExitCodes.Ok;
    }
}

public sealed class ApiKeyRevokeCommand : Command<ApiKeyRevokeCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The key's name.")]
        public string Name { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var ops = StoreFactory.OpenOperations(AppEnvironment.DbPath(settings.Db), TimeProvider.System);
        if (!ops.RevokeKey(settings.Name))
        {
            throw new NotFoundException($"no active key named '{settings.Name}'");
        }

        AnsiConsole.MarkupLineInterpolated($"revoked key '{settings.Name}'");
        return ExitCodes.Ok;
    }
}

public sealed class AuditExportCommand : Command<AuditExportCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--from <DATE>")]
        [Description("From this date or time (inclusive).")]
        public string? From { get; init; }

        [CommandOption("--to <DATE>")]
        [Description("To this date (inclusive of the whole day) or time.")]
        public string? To { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Write JSON lines here instead of standard output.")]
        public string? Output { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var ops = StoreFactory.OpenOperations(AppEnvironment.DbPath(settings.Db), TimeProvider.System);
        var from = CliDates.ParseOptional(settings.From, "--from", endOfDay: false);
        var to = CliDates.ParseOptional(settings.To, "--to");
        using var writer = settings.Output is null ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(settings.Output);
        long after = 0, n = 0;
        while (true)
        {
            var page = ops.Audit(from, to, 5000, after).ToList();
            if (page.Count == 0)
            {
                break;
            }

            foreach (var a in page)
            {
                // query, snapshots and matches are stored as JSON: embed them as JSON, not as strings.
                writer.Write("{\"id\":");
                writer.Write(a.Id);
                writer.Write(",\"time\":");
                writer.Write(System.Text.Json.JsonSerializer.Serialize(a.Time));
                writer.Write(",\"actor\":");
                writer.Write(System.Text.Json.JsonSerializer.Serialize(a.Actor));
                writer.Write(",\"channel\":");
                writer.Write(System.Text.Json.JsonSerializer.Serialize(a.Channel));
                writer.Write(",\"threshold\":");
                writer.Write(a.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.Write(",\"query\":");
                writer.Write(a.Query);
                writer.Write(",\"snapshots\":");
                writer.Write(a.Snapshots);
                writer.Write(",\"matches\":");
                writer.Write(a.Matches);
                writer.WriteLine("}");
                n++;
            }

            after = page[^1].Id;
        }

        writer.Flush();
        AppEnvironment.Err.MarkupLineInterpolated($"[grey]exported {n:N0} audit records[/]");
        return ExitCodes.Ok;
    }
}
