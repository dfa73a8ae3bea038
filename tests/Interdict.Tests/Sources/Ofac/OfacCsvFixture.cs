using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac;

namespace Interdict.Tests.Sources.Ofac;

/// <summary>Parses each real OFAC CSV set once for all tests of a class.</summary>
public sealed class OfacCsvFixture
{
    private readonly Lazy<Parsed> _sdn2023 = new(() => Parse("ofac/sdn-csv/2023-12-28-sdn-add-alt", "ofac-sdn"));
    private readonly Lazy<Parsed> _sdn2021 = new(() => Parse("ofac/sdn-csv/2021-07-complete", "ofac-sdn"));
    private readonly Lazy<Parsed> _cons2025 = new(() => Parse("ofac/cons-csv/2025-12", "ofac-cons"));

    public Parsed Sdn2023 => _sdn2023.Value;
    public Parsed Sdn2021 => _sdn2021.Value;
    public Parsed Cons2025 => _cons2025.Value;

    public static Parsed Parse(string dataDir, string listId)
    {
        var files = Directory.GetFiles(TestPaths.Data(dataDir), "*.csv").Order(StringComparer.Ordinal).Select(SourceInput.FromPath).ToList();
        return Parse(files, listId);
    }

    public static Parsed Parse(IReadOnlyList<SourceInput> files, string listId)
    {
        var context = new ParseContext(listId);
        var entities = new OfacCsvParser().Parse(files, context).ToList();
        return new Parsed(entities, context);
    }

    public sealed class Parsed
    {
        public Parsed(List<Entity> entities, ParseContext context)
        {
            Entities = entities;
            Context = context;
            ById = entities.ToDictionary(e => e.NativeId, StringComparer.Ordinal);
        }

        public List<Entity> Entities { get; }
        public ParseContext Context { get; }
        public Dictionary<string, Entity> ById { get; }

        public Entity this[string entNum] => ById[entNum];
    }
}
