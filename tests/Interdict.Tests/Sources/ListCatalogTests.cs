using System.Reflection;
using System.Runtime.Loader;
using Interdict.Sources;

namespace Interdict.Tests.Sources;

public class ListCatalogTests
{
    /// <summary>
    /// The catalogue is first touched by whichever request comes first, often several at once in the server. Each
    /// round loads the library afresh into its own load context, so the catalogue is really uninitialised when the
    /// threads, released together, all ask for it.
    /// </summary>
    [Fact]
    public void Threads_asking_at_once_on_first_use_all_see_every_parser()
    {
        var expected = ListCatalog.Formats.Order(StringComparer.Ordinal).ToArray();
        Assert.True(expected.Length >= 10, string.Join(", ", expected));
        const int Threads = 8;
        for (var round = 0; round < 10; round++)
        {
            var context = new AssemblyLoadContext($"catalog-{round}", isCollectible: true);
            try
            {
                var catalog = context.LoadFromAssemblyPath(typeof(ListCatalog).Assembly.Location).GetType(typeof(ListCatalog).FullName!, throwOnError: true)!;
                var createParser = catalog.GetMethod(nameof(ListCatalog.CreateParser), BindingFlags.Public | BindingFlags.Static)!;
                var formats = catalog.GetProperty(nameof(ListCatalog.Formats), BindingFlags.Public | BindingFlags.Static)!;
                using var start = new Barrier(Threads);
                var seen = new string[Threads][];
                var parsers = new int[Threads];
                var workers = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
                {
                    start.SignalAndWait();
                    parsers[i] = expected.Count(f => createParser.Invoke(null, [f]) is not null);
                    seen[i] = ((IEnumerable<string>)formats.GetValue(null)!).Order(StringComparer.Ordinal).ToArray();
                })).ToList();
                workers.ForEach(w => w.Start());
                workers.ForEach(w => w.Join());
                for (var i = 0; i < Threads; i++)
                {
                    Assert.Equal(expected.Length, parsers[i]);
                    Assert.Equal(expected, seen[i]);
                }
            }
            finally
            {
                context.Unload();
            }
        }
    }

    [Fact]
    public void Every_list_names_formats_the_catalogue_can_parse_and_every_official_source_a_known_list()
    {
        Assert.Equal(
            ["ofac-sdn", "ofac-cons", "un-sc", "us-csl", "us-bis-dpl", "uk-ofsi", "eu-fsf"],
            ListCatalog.Lists.Select(l => l.Id).Take(7));
        Assert.Equal(ListCatalog.Formats.Count(), ListCatalog.Formats.Distinct().Count());
        foreach (var list in ListCatalog.Lists)
        {
            Assert.All(list.Formats, f => Assert.Equal(f, ListCatalog.CreateParser(f)!.Format));
        }

        foreach (var source in Interdict.Sources.Refresh.SourceRegistry.Official)
        {
            Assert.True(source.ListId == "opensanctions" || ListCatalog.Find(source.ListId) is not null, source.ListId);
            Assert.Equal(source.Format, ListCatalog.CreateParser(source.Format)!.Format);
            Assert.True(source.Enabled || source.Note is not null, $"{source.ListId} is off by default without saying why");
        }
    }
}
