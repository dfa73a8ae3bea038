using System.ComponentModel;
using System.Globalization;
using Interdict.Model;
using Interdict.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

public sealed class ShowCommand : Command<ShowCommand.Settings>
{
    public sealed class Settings : AsOfSettings
    {
        [CommandArgument(0, "<ENTITY-ID>")]
        [Description("Entity id, e.g. ofac-sdn:22790 or un-sc:QDi.001.")]
        public string Id { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the full structured record as JSON.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AppEnvironment.OpenStore(settings.Db);
        var entity = store.GetEntity(settings.Id, settings.AsOfValue)
            ?? throw new NotFoundException(settings.AsOfValue is { } at
                ? $"no entity '{settings.Id}' in the lists as of {at:yyyy-MM-dd}"
                : $"no entity '{settings.Id}' in the current lists (ids look like ofac-sdn:22790 or un-sc:QDi.001)");
        if (settings.Json)
        {
            Console.WriteLine(EntityJson.Serialize(entity, indented: true));
            return ExitCodes.Ok;
        }

        AnsiConsole.Write(EntityView.Render(entity, store));
        return ExitCodes.Ok;
    }
}

/// <summary>The readable record an analyst reads in a terminal.</summary>
internal static class EntityView
{
    public static Panel Render(Entity e, IListStore? store = null)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                grid.AddRow(new Markup($"[grey]{Markup.Escape(label)}[/]"), new Text(value));
            }
        }

        Row("Id", e.Id);
        Row("Type", e.Kind.ToString());
        Row("Programs", string.Join(", ", e.Programs));
        Row("Listed on", e.ListedOn?.ToString());
        Row("Titles", string.Join("; ", e.Titles));
        foreach (var n in e.Names.Skip(1))
        {
            var kind = n.Type switch { NameType.Fka => "f.k.a.", NameType.Nka => "n.k.a.", _ => "a.k.a." };
            var label = $"{(n.Strength == AliasStrength.Weak ? "weak " : "")}{kind}";
            Row(label, n.Script is null ? n.Full : $"{n.Full}  [{n.Script}]");
        }

        Row("Gender", e.Gender?.ToString());
        foreach (var d in e.BirthDates)
        {
            Row("Date of birth", d.ToString());
        }

        foreach (var p in e.BirthPlaces)
        {
            Row("Place of birth", p);
        }

        Row("Nationality", string.Join(", ", e.Nationalities.Select(c => $"{Countries.Name(c) ?? c} ({c})")));
        Row("Citizenship", string.Join(", ", e.Citizenships.Select(c => $"{Countries.Name(c) ?? c} ({c})")));
        foreach (var id in e.Identifiers)
        {
            var extra = new List<string>();
            if (id.IssueDate is { } iss)
            {
                extra.Add($"issued {iss}");
            }

            if (id.ExpiryDate is { } exp)
            {
                extra.Add($"expires {exp}");
            }

            var country = id.Country is not null || id.CountryName is not null ? $" ({id.CountryName ?? Countries.Name(id.Country) ?? id.Country}{(id.Country is null ? "" : ", " + id.Country)})" : "";
            Row(id.Kind == IdentifierKind.Other ? "Identifier" : Humanize(id.Kind.ToString()), $"{id.Label}: {id.Value}{country}{(extra.Count > 0 ? "; " + string.Join(", ", extra) : "")}");
        }

        foreach (var a in e.Addresses)
        {
            Row("Address", a.ToString());
        }

        if (e.Vessel is { } v)
        {
            Row("Vessel", string.Join("; ", new[]
            {
                v.Type is null ? null : $"type {v.Type}", (v.FlagName ?? v.Flag) is { } f ? $"flag {f}" : null,
                v.CallSign is null ? null : $"call sign {v.CallSign}", v.Tonnage is null ? null : $"tonnage {v.Tonnage}",
                v.GrossRegisteredTonnage is null ? null : $"GRT {v.GrossRegisteredTonnage}", v.Owner is null ? null : $"owner {v.Owner}",
            }.Where(s => s is not null)));
        }

        if (e.Aircraft is { } ac)
        {
            Row("Aircraft", string.Join("; ", new[] { ac.Manufacturer, ac.Model, ac.SerialNumber is null ? null : "MSN " + ac.SerialNumber, ac.TailNumber, ac.Operator }.Where(s => s is not null)));
        }

        foreach (var l in e.Links)
        {
            Row(l.Relation, l.TargetId is null ? l.TargetName : $"{l.TargetName} ({l.TargetId})");
        }

        foreach (var (k, val) in e.Other)
        {
            Row(k, val);
        }

        Row("Remarks", e.Remarks);
        _ = store;
        return new Panel(grid)
        {
            Header = new PanelHeader($" {Markup.Escape(e.PrimaryName.Full)} ", Justify.Left),
            Border = BoxBorder.Rounded,
            Expand = true,
        };
    }

    private static string Humanize(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var ch in pascal)
        {
            if (char.IsUpper(ch) && sb.Length > 0)
            {
                sb.Append(' ');
                sb.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
