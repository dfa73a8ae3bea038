using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Interdict.Model;

namespace Interdict.Tests.Matching;

/// <summary>
/// Test-only reader of the real OFAC SDN CSV (2023-12-28): primary names (sdn.csv columns 0-2), aliases (alt.csv)
/// and the dates of birth, gender and nationality stated in the remarks. Not the product's parser; it only feeds
/// the matching tests and benchmarks with real names.
/// </summary>
internal static partial class OfacSample
{
    public const string Folder = "ofac/sdn-csv/2023-12-28-sdn-add-alt";

    private static readonly Lazy<IReadOnlyList<Entity>> All = new(() => Load(TestPaths.Data(Folder)));
    private static readonly Lazy<Interdict.Matching.MatchIndex> AllIndex = new(() => Interdict.Matching.MatchIndex.Build(All.Value));

    public static IReadOnlyList<Entity> Entities => All.Value;

    public static Interdict.Matching.MatchIndex Index => AllIndex.Value;

    public static IReadOnlyList<Entity> Load(string folder, bool aliases = true)
    {
        var alts = new Dictionary<string, List<EntityName>>(StringComparer.Ordinal);
        if (aliases)
        {
            using var ac = CsvReader.FromFile(Path.Combine(folder, "alt.csv"), Options());
            while (ac.Read())
            {
                if (ac.FieldCount < 4)
                {
                    continue;
                }

                var id = ac.GetString(0).Trim();
                var name = Value(ac.GetString(3));
                if (string.IsNullOrEmpty(id) || name is null)
                {
                    continue;
                }

                var type = Value(ac.GetString(2)) switch { "fka" => NameType.Fka, "nka" => NameType.Nka, _ => NameType.Aka };
                (alts.TryGetValue(id, out var l) ? l : alts[id] = []).Add(new EntityName { Full = name, Type = type });
            }
        }

        var result = new List<Entity>();
        using var csv = CsvReader.FromFile(Path.Combine(folder, "sdn.csv"), Options());
        while (csv.Read())
        {
            if (csv.FieldCount < 12)
            {
                continue;
            }

            var id = csv.GetString(0).Trim();
            var name = Value(csv.GetString(1));
            if (string.IsNullOrEmpty(id) || name is null)
            {
                continue;
            }

            var kind = Value(csv.GetString(2)) switch
            {
                "individual" => EntityKind.Person,
                "vessel" => EntityKind.Vessel,
                "aircraft" => EntityKind.Aircraft,
                _ => EntityKind.Organization,
            };
            var remarks = Value(csv.GetString(11)) ?? string.Empty;
            var names = new List<EntityName> { new() { Full = name } };
            if (alts.TryGetValue(id, out var more))
            {
                names.AddRange(more);
            }

            result.Add(new Entity
            {
                Id = "ofac-sdn:" + id,
                ListId = "ofac-sdn",
                NativeId = id,
                Kind = kind,
                Names = names,
                BirthDates = BirthDates(remarks),
                Gender = remarks.Contains("Gender Female", StringComparison.Ordinal) ? Gender.Female : remarks.Contains("Gender Male", StringComparison.Ordinal) ? Gender.Male : null,
                Nationalities = NationalityRx().Matches(remarks).Select(m => Nationality(m.Groups[1].Value.Trim())).OfType<string>().Distinct().ToList(),
                Remarks = remarks,
            });
        }

        return result;
    }

    // A few nationalities spelled out for the attribute tests (the product's country resolution is the parsers' job).
    private static string? Nationality(string name) => name switch
    {
        "Russia" => "RU",
        "Venezuela" => "VE",
        "Iran" => "IR",
        "Syria" => "SY",
        "Iraq" => "IQ",
        "Afghanistan" => "AF",
        "Pakistan" => "PK",
        "Saudi Arabia" => "SA",
        "Korea, North" => "KP",
        "China" => "CN",
        "Mexico" => "MX",
        "Colombia" => "CO",
        "Lebanon" => "LB",
        "Yemen" => "YE",
        "Egypt" => "EG",
        "Ukraine" => "UA",
        "Belarus" => "BY",
        "Cuba" => "CU",
        _ => null,
    };

    private static CsvReaderOptions Options() => new() { HasHeader = false, FieldCountMismatch = CsvFieldCountHandling.Allow, MalformedData = CsvMalformedDataHandling.Recover };

    private static string? Value(string? field)
    {
        var v = field?.Trim();
        return string.IsNullOrEmpty(v) || v == "-0-" ? null : v;
    }

    private static List<BirthDate> BirthDates(string remarks)
    {
        var list = new List<BirthDate>();
        foreach (Match m in DobRx().Matches(remarks))
        {
            var text = m.Groups[1].Value.Trim();
            var circa = text.StartsWith("circa ", StringComparison.Ordinal);
            var core = circa ? text[6..] : text;
            if (DateTime.TryParseExact(core, "dd MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                list.Add(new BirthDate { From = new PartialDate(d.Year, d.Month, d.Day), Approximate = circa, Raw = text });
            }
            else if (DateTime.TryParseExact(core, "MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
            {
                list.Add(new BirthDate { From = new PartialDate(d.Year, d.Month), Approximate = circa, Raw = text });
            }
            else if (core.Length == 4 && int.TryParse(core, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                list.Add(new BirthDate { From = new PartialDate(y), Approximate = circa, Raw = text });
            }
            else if (core.Length == 12 && core[4..8] == " to " && int.TryParse(core[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y1)
                && int.TryParse(core[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var y2))
            {
                list.Add(new BirthDate { From = new PartialDate(y1), To = new PartialDate(y2), Approximate = circa, Raw = text });
            }
        }

        return list;
    }

    [GeneratedRegex(@"DOB ([^;.]+)")]
    private static partial Regex DobRx();

    [GeneratedRegex(@"nationality ([^;.]+)")]
    private static partial Regex NationalityRx();
}
