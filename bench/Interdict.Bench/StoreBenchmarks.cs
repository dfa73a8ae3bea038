using BenchmarkDotNet.Attributes;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Store;
using Interdict.Store.Sqlite;

namespace Interdict.Bench;

/// <summary>
/// Import and load of an SDN-sized list (14,000 entries shaped like OFAC's: aliases, addresses, identifiers,
/// remarks). The parser is a stand-in yielding prebuilt entities, so this measures the store alone: canonical JSON,
/// SHA-256, diff, SQLite writes and reads.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Count = 14_000;
    private static readonly DateTimeOffset Published = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SourceInput[] _files = [SourceInput.FromBytes("synthetic.txt", [1, 2, 3])];
    private Entity[] _entities = [];
    private string _dir = "";
    private SqliteListStore? _store;
    private long _current;

    [GlobalSetup]
    public void Setup()
    {
        _entities = SyntheticList.Build(Count);
        _dir = Path.Combine(Path.GetTempPath(), "interdict-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [IterationSetup(Targets = [nameof(ImportIntoEmptyStore)])]
    public void FreshStore()
    {
        _store?.Dispose();
        var path = Path.Combine(_dir, "fresh.db");
        foreach (var f in Directory.GetFiles(_dir, "fresh.db*"))
        {
            File.Delete(f);
        }

        _store = SqliteListStore.Open(path);
    }

    [IterationSetup(Targets = [nameof(ReimportUnchanged), nameof(LoadCurrentEntities)])]
    public void FilledStore()
    {
        if (_store is null || !_store.Path.EndsWith("filled.db", StringComparison.Ordinal))
        {
            _store?.Dispose();
            _store = SqliteListStore.Open(Path.Combine(_dir, "filled.db"));
            _current = _store.Import("ofac-sdn", Published, new PrebuiltParser(_entities), _files).Snapshot.Id;
        }
    }

    [Benchmark]
    public ImportResult ImportIntoEmptyStore() => _store!.Import("ofac-sdn", Published, new PrebuiltParser(_entities), _files);

    [Benchmark]
    public ImportResult ReimportUnchanged() => _store!.Import("ofac-sdn", Published, new PrebuiltParser(_entities), _files);

    [Benchmark]
    public int LoadCurrentEntities() => _store!.Entities(_current).Count();

    [Benchmark]
    public int SerializeAndHashOnly()
    {
        var n = 0;
        foreach (var e in _entities)
        {
            n += EntityJson.Hash(e)[0];
        }

        return n;
    }

    private sealed class PrebuiltParser(Entity[] entities) : IListParser
    {
        public string Format => "bench";

        public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context) => entities;
    }
}

/// <summary>Deterministic entries shaped like OFAC SDN records.</summary>
internal static class SyntheticList
{
    private static readonly string[] Given = ["Ivan", "Mohammed", "Maria", "Nicolas", "Li", "Ahmad", "Olga", "Carlos", "Kim", "Fatima"];
    private static readonly string[] Family = ["IVANOV", "AL-RASHID", "GONZALEZ", "MADURO MOROS", "WANG", "HOSSEINI", "PETROVA", "RODRIGUEZ", "PAK", "HADDAD"];
    private static readonly string[] Programs = ["SDGT", "RUSSIA-EO14024", "IRAN", "SDNTK", "CYBER2", "VENEZUELA", "DPRK3", "UKRAINE-EO13685"];

    public static Entity[] Build(int count)
    {
        var rnd = new Random(42);
        var result = new Entity[count];
        for (var i = 0; i < count; i++)
        {
            var id = (10_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var family = Family[rnd.Next(Family.Length)] + (i % 7 == 0 ? "" : " " + i);
            var given = Given[rnd.Next(Given.Length)];
            var person = rnd.Next(3) > 0;
            result[i] = new Entity
            {
                Id = "ofac-sdn:" + id,
                ListId = "ofac-sdn",
                NativeId = id,
                Kind = person ? EntityKind.Person : EntityKind.Organization,
                Names =
                [
                    new EntityName { Full = person ? $"{family}, {given}" : $"{family} TRADING LLC", Given = person ? given : null, Family = person ? family : null },
                    .. Enumerable.Range(0, rnd.Next(4)).Select(a => new EntityName { Full = $"{family} ALIAS {a}", Type = NameType.Aka, Strength = a == 2 ? AliasStrength.Weak : AliasStrength.Strong }),
                ],
                BirthDates = person ? [BirthDate.Exact(new PartialDate(1940 + rnd.Next(50), 1 + rnd.Next(12), 1 + rnd.Next(28)))] : [],
                BirthPlaces = person ? ["Tehran, Iran"] : [],
                Nationalities = person ? ["IR"] : [],
                Gender = person ? Gender.Male : null,
                Addresses = [new Address { Lines = [$"{rnd.Next(200)} Example Street"], City = "Dubai", Country = "AE", CountryName = "United Arab Emirates" }],
                Identifiers = Enumerable.Range(0, rnd.Next(3)).Select(n => new Identifier { Kind = IdentifierKind.Passport, Label = "Passport", Value = $"P{rnd.Next(10_000_000):D8}", Country = "IR", CountryName = "Iran" }).ToArray(),
                Programs = [Programs[rnd.Next(Programs.Length)]],
                Remarks = $"DOB 1962; POB Tehran, Iran; nationality Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Passport P{i:D8} (Iran).",
            };
        }

        return result;
    }
}
