using CsvHelper;
using Interdict.Model;

namespace Interdict.Bench;

/// <summary>The names of the real OFAC SDN list (2023-12-28 CSV: sdn.csv primary names, alt.csv aliases) as entities.</summary>
internal static class OfacNames
{
    public static string Folder { get; } = Path.Combine(Repo.Root, "tests", "data", "ofac", "sdn-csv", "2023-12-28-sdn-add-alt");

    public static List<Entity> Load()
    {
        var options = new CsvReaderOptions { HasHeader = false, FieldCountMismatch = CsvFieldCountHandling.Allow, MalformedData = CsvMalformedDataHandling.Recover };
        var aliases = new Dictionary<string, List<EntityName>>(StringComparer.Ordinal);
        using (var alt = CsvReader.FromFile(Path.Combine(Folder, "alt.csv"), options))
        {
            while (alt.Read())
            {
                if (alt.FieldCount >= 4 && Value(alt.GetString(3)) is { } name)
                {
                    var id = alt.GetString(0).Trim();
                    (aliases.TryGetValue(id, out var l) ? l : aliases[id] = []).Add(new EntityName { Full = name, Type = NameType.Aka });
                }
            }
        }

        var result = new List<Entity>();
        using var sdn = CsvReader.FromFile(Path.Combine(Folder, "sdn.csv"), options);
        while (sdn.Read())
        {
            if (sdn.FieldCount < 3 || Value(sdn.GetString(1)) is not { } name)
            {
                continue;
            }

            var id = sdn.GetString(0).Trim();
            var names = new List<EntityName> { new() { Full = name } };
            names.AddRange(aliases.GetValueOrDefault(id) ?? []);
            result.Add(new Entity
            {
                Id = "ofac-sdn:" + id,
                ListId = "ofac-sdn",
                NativeId = id,
                Kind = Value(sdn.GetString(2)) switch
                {
                    "individual" => EntityKind.Person,
                    "vessel" => EntityKind.Vessel,
                    "aircraft" => EntityKind.Aircraft,
                    _ => EntityKind.Organization,
                },
                Names = names,
            });
        }

        return result;
    }

    private static string? Value(string field)
    {
        var v = field.Trim();
        return v.Length == 0 || v == "-0-" ? null : v;
    }
}
