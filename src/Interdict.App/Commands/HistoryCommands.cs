using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Interdict.Screening.History;
using Interdict.Sources;
using Interdict.Store;
using Interdict.Store.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

/// <summary>Options shared by the history commands.</summary>
public class HistoryStoreSettings : StoreSettings
{
}

/// <summary><c>import-history --list L DIR_OR_BUNDLE</c>: every dated file of a folder, or every version of a file in a git repository or bundle.</summary>
public sealed class ImportHistoryCommand : Command<ImportHistoryCommand.Settings>
{
    public sealed class Settings : HistoryStoreSettings
    {
        [CommandOption("-l|--list <LIST>")]
        [Description("List id the versions are publications of (ofac-sdn, ofac-cons, ...).")]
        public string List { get; init; } = "";

        [CommandOption("-f|--format <FORMAT>")]
        [Description("Input format; detected from each version's file names and contents when omitted.")]
        public string? Format { get; init; }

        [CommandOption("--file <PATH>")]
        [Description("For a git source: the file whose versions to import (default sdn.csv).")]
        public string GitFile { get; init; } = "sdn.csv";

        [CommandOption("--allow-future")]
        [Description("Import versions dated more than a day after now too (refused by default: a future-dated snapshot would stay current over every later real publication).")]
        public bool AllowFuture { get; init; }

        [CommandArgument(0, "<DIR_OR_BUNDLE>")]
        [Description("A folder of files named by publication date (sdn-2022-02-25.csv), or a git repository or bundle; a commit's time is its publication time.")]
        public string Source { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(List) ? ValidationResult.Error("--list is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        HistoryCli.Run(() =>
        {
            if (!File.Exists(settings.Source) && !Directory.Exists(settings.Source))
            {
                throw new HistoryUsageException($"not found: {settings.Source}");
            }

            if (settings.Format is { } f && ListCatalog.CreateParser(f) is null)
            {
                throw new HistoryUsageException($"unknown format '{f}' (known: {string.Join(", ", ListCatalog.Formats.Order())})");
            }

            using var store = HistoryCli.OpenStore(settings.Db);
            var import = new HistoryImport(store) { Format = settings.Format, GitFile = settings.GitFile, AllowFuture = settings.AllowFuture };
            var done = 0;
            var progress = new Progress(item =>
            {
                done++;
                if (item.Outcome == HistoryOutcome.Imported && (done % 25 == 0 || item.Added + item.Removed + item.Changed > 50))
                {
                    HistoryCli.Err.MarkupLineInterpolated($"[grey]{done,4}  {item.Published:yyyy-MM-dd HH:mm}  {item.Source}: {item.Entities:N0} entries, +{item.Added} -{item.Removed} ~{item.Changed}[/]");
                }
            });
            var report = import.Run(settings.List, settings.Source, progress, cancellationToken);
            foreach (var w in report.Warnings)
            {
                HistoryCli.Err.MarkupLineInterpolated($"[yellow]warning:[/] {w}");
            }

            var imported = report.Items.Where(i => i.Outcome == HistoryOutcome.Imported).ToList();
            AnsiConsole.MarkupLineInterpolated(
                CultureInfo.InvariantCulture,
                $"[bold]{settings.List}[/]: {report.Imported} versions imported, {report.AlreadyStored} already stored, {report.Skipped} skipped in {report.Elapsed.TotalSeconds:F1} s.");
            if (imported.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Imported publications from {imported[0].Published:yyyy-MM-dd HH:mm} to {imported[^1].Published:yyyy-MM-dd HH:mm} UTC; the store now holds {store.Snapshots(settings.List).Count} snapshots of the list.");
            }

            return HistoryCli.Ok;
        });

    private sealed class Progress(Action<HistoryImportItem> report) : IProgress<HistoryImportItem>
    {
        public void Report(HistoryImportItem value) => report(value);
    }
}

/// <summary><c>changes --list L [--since DATE] [--until DATE] [--json]</c>: what each publication in the range added, removed and modified.</summary>
public sealed class ChangesCommand : Command<ChangesCommand.Settings>
{
    public sealed class Settings : HistoryStoreSettings
    {
        [CommandOption("-l|--list <LIST>")]
        [Description("List id (ofac-sdn, un-sc, ...).")]
        public string List { get; init; } = "";

        [CommandOption("--since <DATE>")]
        [Description("First publication date to include (YYYY-MM-DD, from the start of that day UTC, or an ISO timestamp).")]
        public string? Since { get; init; }

        [CommandOption("--until <DATE>")]
        [Description("Last publication date to include (YYYY-MM-DD, to the end of that day UTC, or an ISO timestamp).")]
        public string? Until { get; init; }

        [CommandOption("--fields")]
        [Description("Show the field-level differences of every modified entry (always in --json).")]
        public bool Fields { get; init; }

        [CommandOption("--json")]
        [Description("Print the changes as one JSON document.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(List) ? ValidationResult.Error("--list is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        HistoryCli.Run(() =>
        {
            var since = HistoryCli.Date(settings.Since, "--since", endOfDay: false);
            var until = HistoryCli.Date(settings.Until, "--until", endOfDay: true);
            using var store = HistoryCli.OpenStore(settings.Db);
            if (store.Snapshots(settings.List).Count == 0)
            {
                throw new HistoryNotFoundException($"no snapshot of list '{settings.List}' is stored");
            }

            var report = new ChangeLog(store).Changes(settings.List, since, until);
            if (settings.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, ChangeLog.JsonOptions));
                return HistoryCli.Ok;
            }

            if (report.Publications.Count == 0)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"No publication of {settings.List} in the range.");
                return HistoryCli.Ok;
            }

            foreach (var p in report.Publications)
            {
                Print(p, settings.Fields);
            }

            return HistoryCli.Ok;
        });

    private static void Print(PublicationChanges p, bool fields)
    {
        if (p.Baseline)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]{p.Published:yyyy-MM-dd HH:mm}[/]  first stored snapshot: {p.EntityCount:N0} entries (nothing earlier to compare with)");
            return;
        }

        AnsiConsole.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"[bold]{p.Published:yyyy-MM-dd HH:mm}[/]  {p.EntityCount:N0} entries: [green]+{p.Added}[/] [red]-{p.Removed}[/] [yellow]~{p.Modified}[/]");
        foreach (var line in p.Summary())
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"    {line}");
        }

        foreach (var e in p.Entries)
        {
            var (mark, color) = e.Change switch
            {
                ChangeKind.Added => ("+", "green"),
                ChangeKind.Removed => ("-", "red"),
                _ => ("~", "yellow"),
            };
            var fieldNames = e.Fields.Count == 0 ? "" : " (" + string.Join(", ", e.Fields.Select(f => f.Field)) + ")";
            AnsiConsole.MarkupLine($"  [{color}]{mark}[/] {Markup.Escape(e.EntityId)}  {Markup.Escape(e.Name)}  [grey]{Markup.Escape(string.Join(" ", e.Programs))}{Markup.Escape(fieldNames)}[/]");
            if (fields)
            {
                foreach (var f in e.Fields)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"        {f}");
                }
            }
        }
    }
}

/// <summary><c>history ENTITY-ID [--json]</c>: an entry's listing, every change with its field differences, delisting and relisting.</summary>
public sealed class EntityHistoryCommand : Command<EntityHistoryCommand.Settings>
{
    public sealed class Settings : HistoryStoreSettings
    {
        [CommandArgument(0, "<ENTITY-ID>")]
        [Description("Entity id, e.g. ofac-sdn:35096.")]
        public string EntityId { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the history as one JSON document.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            EntityId.Contains(':', StringComparison.Ordinal) ? ValidationResult.Success() : ValidationResult.Error($"'{EntityId}' is not an entity id (LIST:ID, e.g. ofac-sdn:35096)");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        HistoryCli.Run(() =>
        {
            using var store = HistoryCli.OpenStore(settings.Db);
            var history = new ChangeLog(store).History(settings.EntityId)
                ?? throw new HistoryNotFoundException($"{settings.EntityId} is in no stored snapshot");
            if (settings.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(history, ChangeLog.JsonOptions));
                return HistoryCli.Ok;
            }

            var state = history.Listed ? "[green]listed[/]" : $"[red]delisted {history.Delisted:yyyy-MM-dd HH:mm}[/]";
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(history.EntityId)}[/]  {Markup.Escape(history.Name)} ({history.Kind}), {state}");
            foreach (var e in history.Events)
            {
                var when = e.Baseline ? $"{e.Published:yyyy-MM-dd HH:mm} (first stored snapshot: listed on or before)" : $"{e.Published:yyyy-MM-dd HH:mm}";
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {when}  [bold]{e.Event}[/]  {e.Name}");
                foreach (var f in e.Fields)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"        {f}");
                }
            }

            return HistoryCli.Ok;
        });
}

/// <summary>A mistake in how a history command was called (exit 2).</summary>
public sealed class HistoryUsageException(string message) : Exception(message);

/// <summary>Something asked for does not exist (exit 4).</summary>
public sealed class HistoryNotFoundException(string message) : Exception(message);

/// <summary>Shared plumbing of the history commands: store, dates, and exceptions to exit codes (0 ok, 2 usage, 3 data, 4 not found).</summary>
internal static class HistoryCli
{
    public const int Ok = 0;
    public const int Usage = 2;
    public const int DataError = 3;
    public const int NotFound = 4;

    public static IAnsiConsole Err => AppEnvironment.Err;

    // No bundled-list seeding here: a history database holds what was imported into it.
    public static IListStore OpenStore(string? db) => SqliteListStore.Open(AppEnvironment.DbPath(db));

    /// <summary>A date alone is the start (or, for an upper bound, the end) of that day in UTC.</summary>
    public static DateTimeOffset? Date(string? s, string option, bool endOfDay)
    {
        try
        {
            return CliDates.ParseOptional(s, option, endOfDay);
        }
        catch (UsageException e)
        {
            throw new HistoryUsageException(e.Message);
        }
    }

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (HistoryUsageException e)
        {
            Err.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return Usage;
        }
        catch (HistoryNotFoundException e)
        {
            Err.MarkupLineInterpolated($"[red]not found:[/] {e.Message}");
            return NotFound;
        }
        catch (FileNotFoundException e)
        {
            Err.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return Usage;
        }
        catch (ListFormatException e)
        {
            Err.MarkupLineInterpolated($"[red]data error:[/] {e.Message}");
            return DataError;
        }
        catch (FuturePublicationException e)
        {
            Err.MarkupLineInterpolated($"[red]error:[/] {e.Message} Earlier versions stay imported.");
            return Usage;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("git ", StringComparison.Ordinal) || e.Message.Contains("git command line", StringComparison.Ordinal))
        {
            Err.MarkupLineInterpolated($"[red]data error:[/] {e.Message}");
            return DataError;
        }
    }
}
