using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Interdict.Screening.Portfolio;
using Interdict.Store;
using Interdict.Store.Operations;
using Interdict.Store.Portfolio;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

/// <summary><c>portfolio import customers.csv [--replace]</c>: stores the customers and screens the new and changed ones.</summary>
public sealed class PortfolioImportCommand : Command<PortfolioImportCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<CUSTOMERS_CSV>")]
        [Description("Customers in the `screen` input format (id,name,type,dob,country); ids are stable customer ids.")]
        public string Input { get; init; } = "";

        [CommandOption("--replace")]
        [Description("Remove customers absent from the file (their alerts close).")]
        public bool Replace { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Input))
        {
            throw new UsageException($"file not found: {settings.Input}");
        }

        IReadOnlyList<Customer> customers;
        using (var reader = new StreamReader(settings.Input, new UTF8Encoding(false, true)))
        {
            customers = PortfolioMonitor.ReadCsv(reader, Path.GetFileName(settings.Input));
        }

        using var store = AppEnvironment.OpenStore(settings.Db);
        using var portfolio = PortfolioStore.Open(AppEnvironment.DbPath(settings.Db));
        var report = new PortfolioMonitor(store, portfolio).Import(customers, settings.Replace);
        if (report.ListDelta is { } d)
        {
            PortfolioCli.Print("list changes since the last screening", d);
        }

        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Portfolio: {report.Rows:N0} customers read, {report.Changed:N0} new or changed, {report.Unchanged:N0} unchanged, {report.Removed:N0} removed.");
        PortfolioCli.Print("customers screened", report.CustomerScreening);
        return ExitCodes.Ok;
    }
}

/// <summary><c>portfolio rescreen [--list L] [--full]</c>: screens the portfolio against what changed in the lists since it was last screened.</summary>
public sealed class PortfolioRescreenCommand : Command<PortfolioRescreenCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-l|--list <LIST>")]
        [Description("Only these lists (repeatable); default all.")]
        public string[] Lists { get; init; } = [];

        [CommandOption("--full")]
        [Description("Screen every customer against every entry instead of the changes only (same alerts, slower).")]
        public bool Full { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AppEnvironment.OpenStore(settings.Db);
        using var portfolio = PortfolioStore.Open(AppEnvironment.DbPath(settings.Db));
        if (portfolio.CustomerCount == 0)
        {
            throw new NotFoundException("the portfolio is empty: import customers first with `interdict portfolio import customers.csv`");
        }

        var report = new PortfolioMonitor(store, portfolio).Rescreen(settings.Lists, settings.Full);
        PortfolioCli.Print(settings.Full ? "full re-screen" : "re-screen", report);
        return ExitCodes.Ok;
    }
}

/// <summary><c>alerts list [filters] [--json]</c>.</summary>
public sealed class AlertsListCommand : Command<AlertsListCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--status <STATUS>")]
        [Description("open, true-match, false-positive, escalated, closed (any closing reason) or an exact status.")]
        public string? Status { get; init; }

        [CommandOption("-l|--list <LIST>")]
        public string? List { get; init; }

        [CommandOption("--program <PROGRAM>")]
        public string? Program { get; init; }

        [CommandOption("--min-score <SCORE>")]
        public double? MinScore { get; init; }

        [CommandOption("--customer <ID>")]
        public string? Customer { get; init; }

        [CommandOption("--limit <N>")]
        public int Limit { get; init; } = 1000;

        [CommandOption("--json")]
        [Description("One JSON object per line, with the explanation and the decisions.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var portfolio = PortfolioStore.Open(AppEnvironment.DbPath(settings.Db));
        var alerts = portfolio.Alerts(new AlertFilter
        {
            Status = settings.Status,
            List = settings.List,
            Program = settings.Program,
            MinScore = settings.MinScore,
            Customer = settings.Customer,
            Limit = settings.Limit,
        });
        if (settings.Json)
        {
            var stdout = Console.Out;
            foreach (var a in alerts)
            {
                stdout.WriteLine(PortfolioCli.ToJson(a, portfolio.Decisions(a.Id)));
            }

            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("Alert").RightAligned()).AddColumn("Customer").AddColumn("Entry")
            .AddColumn("Matched name").AddColumn(new TableColumn("Score").RightAligned()).AddColumn("Programs").AddColumn("Status");
        foreach (var a in alerts)
        {
            table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.CustomerId), Markup.Escape(a.EntityId), Markup.Escape(a.MatchedName),
                a.Score.ToString("0.000", CultureInfo.InvariantCulture), Markup.Escape(a.Programs.Replace('|', ' ')), Markup.Escape(a.Status));
        }

        AnsiConsole.Write(table);
        AppEnvironment.Err.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{alerts.Count:N0} alerts[/]");
        return ExitCodes.Ok;
    }
}

/// <summary><c>alerts decide ALERT_ID --decision D --reason TEXT --analyst NAME</c>: appends a decision (audited).</summary>
public sealed class AlertsDecideCommand : Command<AlertsDecideCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<ALERT_ID>")]
        public long AlertId { get; init; }

        [CommandOption("--decision <DECISION>")]
        [Description("true-match, false-positive or escalate.")]
        public string Decision { get; init; } = "";

        [CommandOption("--reason <TEXT>")]
        public string Reason { get; init; } = "";

        [CommandOption("--analyst <NAME>")]
        public string Analyst { get; init; } = "";

        public override ValidationResult Validate() =>
            !AlertStatus.Decisions.Contains(Decision) ? ValidationResult.Error("--decision must be true-match, false-positive or escalate")
            : string.IsNullOrWhiteSpace(Reason) ? ValidationResult.Error("--reason is required")
            : string.IsNullOrWhiteSpace(Analyst) ? ValidationResult.Error("--analyst is required")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var db = AppEnvironment.DbPath(settings.Db);
        using var portfolio = PortfolioStore.Open(db);
        using var ops = StoreFactory.OpenOperations(db, TimeProvider.System);
        var decision = PortfolioCli.Decide(portfolio, ops, settings.AlertId, settings.Decision, settings.Reason, settings.Analyst, "cli");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Alert {decision.AlertId}: {decision.Decision} by {decision.Analyst} (decision {decision.Id}); status {portfolio.GetAlert(decision.AlertId)!.Status}.");
        return ExitCodes.Ok;
    }
}

internal static class PortfolioCli
{
    public static void Print(string what, RescreenReport r) =>
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"{what}: {r.Customers:N0} customers x {r.EntriesScreened:N0} entries ({r.EntriesRemoved:N0} delisted) in {r.Elapsed.TotalSeconds:F1} s: {r.Raised:N0} alerts raised, {r.Reevaluated:N0} re-evaluated, {r.Closed:N0} closed; {r.ActiveAlerts:N0} active. Snapshots: {string.Join(", ", r.Snapshots.Select(kv => kv.Key + "#" + kv.Value))}");

    /// <summary>Records the decision and its audit record; a missing alert is NotFound, a closed one an error.</summary>
    public static AlertDecision Decide(PortfolioStore portfolio, IOperationsStore ops, long alertId, string decision, string reason, string analyst, string channel)
    {
        var alert = portfolio.GetAlert(alertId) ?? throw new NotFoundException($"no alert {alertId}");
        var d = portfolio.Decide(alertId, decision, reason, analyst);
        ops.AppendAudit([new AuditRecord
        {
            Time = d.Time,
            Actor = analyst,
            Channel = channel + ":alert-decision",
            Query = JsonSerializer.Serialize(new { alert_id = alertId, decision, reason, customer_id = alert.CustomerId, customer_hash = d.CustomerHash }),
            Snapshots = JsonSerializer.Serialize(new[] { new { list = alert.ListId, snapshot = alert.SnapshotId, published = "" } }),
            Threshold = 0,
            Matches = JsonSerializer.Serialize(new[] { new { entity_id = alert.EntityId, score = Math.Round(alert.Score, 4), entry_hash = d.EntryHash } }),
            MatchCount = 1,
        }]);
        return d;
    }

    public static string ToJson(Alert a, IReadOnlyList<AlertDecision> decisions)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("id", a.Id);
            w.WriteString("customer_id", a.CustomerId);
            w.WriteString("entity_id", a.EntityId);
            w.WriteString("list", a.ListId);
            w.WriteNumber("snapshot_id", a.SnapshotId);
            w.WriteNumber("score", Math.Round(a.Score, 4));
            w.WriteString("matched_name", a.MatchedName);
            w.WriteString("entity_name", a.EntityName);
            w.WriteStartArray("programs");
            foreach (var p in a.Programs.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteString("status", a.Status);
            w.WriteString("created", a.Created);
            w.WriteString("updated", a.Updated);
            w.WritePropertyName("explanation");
            w.WriteRawValue(a.Explanation);
            w.WriteStartArray("decisions");
            foreach (var d in decisions)
            {
                w.WriteStartObject();
                w.WriteNumber("id", d.Id);
                w.WriteString("decision", d.Decision);
                w.WriteString("reason", d.Reason);
                w.WriteString("analyst", d.Analyst);
                w.WriteString("time", d.Time);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>After a list import: re-screen the portfolio by the changes, when there is one.</summary>
    public static void AfterListImport(IListStore store, string? dbOption)
    {
        using var portfolio = PortfolioStore.Open(AppEnvironment.DbPath(dbOption));
        if (portfolio.CustomerCount > 0)
        {
            Print("portfolio re-screened", new PortfolioMonitor(store, portfolio).Rescreen());
        }
    }
}
