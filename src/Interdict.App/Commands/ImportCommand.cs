using System.ComponentModel;
using Interdict.Sources;
using Interdict.Sources.Custom;
using Interdict.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ImportCommand : Command<ImportCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-l|--list <LIST>")]
        [Description("List id the files are a publication of (ofac-sdn, ofac-cons, un-sc, ...), or a name of your own for your own list (my-blocklist): letters, digits, '-', '_' and '.'.")]
        public string List { get; init; } = "";

        [CommandOption("-p|--published <DATE>")]
        [Description("Publication date (YYYY-MM-DD or ISO timestamp). Default: the date the file states, where it states one.")]
        public string? Published { get; init; }

        [CommandOption("--allow-future")]
        [Description("Accept a publication date more than a day after now (refused by default: a future-dated snapshot would stay current over every later real publication).")]
        public bool AllowFuture { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("Input format; detected from file names and contents when omitted. 'csv' reads your own list through --map.")]
        public string? Format { get; init; }

        [CommandOption("-m|--map <FIELD=COLUMN>")]
        [Description("For --format csv (your own list, UTF-8 with a header row): field=Column pairs separated by commas, e.g. \"name=Customer Name,dob=Birth Date,alias=AKA\". Fields: id, name, alias, type, dob, country, nationality, passport, national_id, tax_id, registration, imo, bic, address, program, remarks. Without id, entries get a hash of the name. Repeatable.")]
        public string[] Map { get; init; } = [];

        [CommandArgument(0, "<FILES>")]
        [Description("The files of one publication (e.g. sdn.csv add.csv alt.csv sdn_comments.csv).")]
        public string[] Files { get; init; } = [];

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(List))
            {
                return ValidationResult.Error("--list is required");
            }

            // The list id prefixes every entity id ("my-blocklist:42"), so it cannot hold the ':' that ends it.
            if (!List.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return ValidationResult.Error($"--list '{List}': use letters, digits, '-', '_' and '.' only");
            }

            if (Files.Length == 0)
            {
                return ValidationResult.Error("give at least one file");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var f in settings.Files)
        {
            if (!File.Exists(f))
            {
                throw new UsageException($"file not found: {f}");
            }
        }

        var inputs = settings.Files.Select(SourceInput.FromPath).ToList();
        var knownFormats = string.Join(", ", ListCatalog.Formats.Append(MappedCsvParser.FormatName).Order(StringComparer.Ordinal));
        var format = settings.Format ?? (settings.Map.Length > 0 ? MappedCsvParser.FormatName : null) ?? ListCatalog.DetectFormat(inputs)
            ?? throw new UsageException($"cannot tell the format of {string.Join(", ", settings.Files.Select(Path.GetFileName))}; give --format ({knownFormats})");
        IListParser parser;
        if (format == MappedCsvParser.FormatName)
        {
            parser = new MappedCsvParser(ParseMapping(settings.Map));
        }
        else if (settings.Map.Length > 0)
        {
            throw new UsageException($"--map is for --format {MappedCsvParser.FormatName} (your own list), not {format}");
        }
        else
        {
            parser = ListCatalog.CreateParser(format) ?? throw new UsageException($"unknown format '{format}' (known: {knownFormats})");
        }

        using var store = AppEnvironment.OpenStore(settings.Db);

        // An own list states no publication date: it is published when it is imported.
        var published = CliDates.ParseOptional(settings.Published, "--published", endOfDay: false)
            ?? (format == MappedCsvParser.FormatName ? DateTimeOffset.UtcNow : PublishedInFiles(settings.List, format, inputs));
        ImportResult result;
        try
        {
            result = AppEnvironment.Err.Status().Start($"Importing {settings.List} ({format})...", _ =>
                store.Import(settings.List, published, parser, inputs, allowFuture: settings.AllowFuture));
        }
        catch (FuturePublicationException e)
        {
            throw new UsageException(
                $"{settings.List}: the publication date {e.Published.UtcDateTime:yyyy-MM-dd HH:mm} UTC is in the future (more than a day ahead); "
                + "nothing was imported. Check --published or the file's date, or give --allow-future to import it anyway.", e);
        }

        foreach (var w in result.Warnings.Take(20))
        {
            AppEnvironment.Err.MarkupLineInterpolated($"[yellow]warning:[/] {w}");
        }

        if (result.Warnings.Count > 20)
        {
            AppEnvironment.Err.MarkupLineInterpolated($"[yellow]... and {result.Warnings.Count - 20} more warnings[/]");
        }

        var s = result.Snapshot;
        if (result.AlreadyImported)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"Already imported: [bold]{s.ListId}[/] published {s.Published:yyyy-MM-dd HH:mm} UTC with this content is snapshot {s.Id} ({s.EntityCount:N0} entries); nothing was added.");
            return ExitCodes.Ok;
        }

        AnsiConsole.MarkupLineInterpolated(
            $"Imported [bold]{s.ListId}[/] published {s.Published:yyyy-MM-dd HH:mm} UTC as snapshot {s.Id}: {s.EntityCount:N0} entries ({result.Added:N0} added, {result.Removed:N0} removed, {result.Changed:N0} changed, {result.Same:N0} unchanged).");
        if (result.NothingChanged)
        {
            AnsiConsole.MarkupLine("[grey]The content equals the previous snapshot's; it was recorded as a new publication at almost no storage cost.[/]");
        }

        PortfolioCli.AfterListImport(store, settings.Db);
        return ExitCodes.Ok;
    }

    private static CsvColumnMapping ParseMapping(string[] specs)
    {
        if (specs.Length == 0)
        {
            throw new UsageException($"--format {MappedCsvParser.FormatName} needs --map field=Column,... (at least name=<column>)");
        }

        try
        {
            return CsvColumnMapping.Parse(specs);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--map: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The publication date the files state (XML formats carry one); CSV sets state none, so they need --published.
    /// The files are parsed once more by the import itself: correctness first, the dates are small files' business.
    /// </summary>
    private static DateTimeOffset PublishedInFiles(string list, string format, IReadOnlyList<SourceInput> inputs)
    {
        var context = new ParseContext(list);
        var parser = ListCatalog.CreateParser(format)!;
        foreach (var _ in parser.Parse(inputs, context))
        {
            if (context.Published is not null)
            {
                break;
            }
        }

        return context.Published ?? throw new UsageException($"the {format} files do not state their publication date; give --published YYYY-MM-DD");
    }
}
