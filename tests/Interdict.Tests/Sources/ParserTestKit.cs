using System.Text;
using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Sources;

/// <summary>Runs a parser the way the import command does: through the catalog, on real files or on bytes.</summary>
internal static class ParserTestKit
{
    public static List<Entity> ParseFile(string format, string listId, string dataPath, ParseContext? context = null) =>
        Parser(format).Parse([SourceInput.FromPath(TestPaths.Data(dataPath))], context ?? new ParseContext(listId)).ToList();

    public static List<Entity> ParseBytes(string format, string listId, string name, byte[] bytes, ParseContext? context = null) =>
        Parser(format).Parse([SourceInput.FromBytes(name, bytes)], context ?? new ParseContext(listId)).ToList();

    public static List<Entity> ParseText(string format, string listId, string name, string text) =>
        ParseBytes(format, listId, name, Encoding.UTF8.GetBytes(text));

    public static ListFormatException Fails(string format, string listId, string name, byte[] bytes) =>
        Assert.Throws<ListFormatException>(() => ParseBytes(format, listId, name, bytes));

    public static ListFormatException Fails(string format, string listId, string name, string text) =>
        Fails(format, listId, name, Encoding.UTF8.GetBytes(text));

    public static IListParser Parser(string format) =>
        ListCatalog.CreateParser(format) ?? throw new InvalidOperationException($"format {format} is not registered");

    public static Entity One(this IEnumerable<Entity> entities, string id) => Assert.Single(entities, e => e.Id == id);
}
