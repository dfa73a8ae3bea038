using System.Text.Json;
using System.Text.Json.Serialization;
using Interdict.Sources;
using Interdict.Store;
using Spectre.Console;

namespace Interdict.App;

/// <summary>One bundled publication as described in data/bundled.json.</summary>
internal sealed record BundledList(
    [property: JsonPropertyName("list")] string List,
    [property: JsonPropertyName("published")] DateTimeOffset Published,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("dir")] string Dir,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files);

[JsonSerializable(typeof(List<BundledList>))]
internal sealed partial class BundledJsonContext : JsonSerializerContext;

/// <summary>The official files shipped in data/, imported on first use of an empty database.</summary>
internal static class BundledData
{
    public static IReadOnlyList<BundledList> Read(string dataDir)
    {
        var manifest = Path.Combine(dataDir, "bundled.json");
        if (!File.Exists(manifest))
        {
            return [];
        }

        using var s = File.OpenRead(manifest);
        return JsonSerializer.Deserialize(s, BundledJsonContext.Default.ListBundledList) ?? [];
    }

    /// <summary>Imports each bundled list the store has no snapshot of yet.</summary>
    public static void EnsureImported(IListStore store, string dataDir, IAnsiConsole? console)
    {
        var missing = Read(dataDir).Where(b => store.Snapshots(b.List).Count == 0).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        console?.MarkupLine("[grey]First use: loading the bundled official lists into the database...[/]");
        foreach (var b in missing)
        {
            var parser = ListCatalog.CreateParser(b.Format) ?? throw new InvalidOperationException($"bundled list {b.List}: no parser for format '{b.Format}'");
            var files = b.Files.Select(f => SourceInput.FromPath(Path.Combine(dataDir, b.Dir, f))).ToList();
            var result = store.Import(b.List, b.Published, parser, files);
            console?.MarkupLineInterpolated($"[grey]  {b.List}: {result.Snapshot.EntityCount:N0} entries, published {b.Published:yyyy-MM-dd}[/]");
        }
    }
}
