using System.Xml.Linq;
using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Refresh;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.Sources.Refresh;

/// <summary>
/// A temporary database, its refresh status, and a loopback server standing in for the publishers. Sources point only
/// at the server: nothing here can reach an official URL.
/// </summary>
internal sealed class RefreshHarness : IDisposable
{
    public const string UnPath = "un/consolidated.xml";
    public static readonly DateTimeOffset UnPublished = new(2026, 2, 27, 0, 0, 9, 554, TimeSpan.Zero);

    /// <summary>The real UN consolidated list of 2026-02-27 (730 individuals, 273 entities).</summary>
    public static readonly byte[] UnReal = File.ReadAllBytes(TestPaths.Data("un/UN_consolidated.xml"));

    private readonly string _dir = TestPaths.TempDir();

    public RefreshHarness(RefreshOptions? options = null)
    {
        DbPath = Path.Combine(_dir, "interdict.db");
        Store = new SqliteListStore(DbPath);
        Status = new RefreshStatusStore(DbPath);
        Server = new ListServer();
        Options = options ?? new RefreshOptions
        {
            Retries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(20),
            StagingDirectory = _dir,
        };
        Sources = new SourceRegistry(
        [
            new RefreshSource("un-sc", "un-xml", [new RemoteFile("consolidated.xml", Server.Url(UnPath))], Enabled: true),
            new RefreshSource(
                "ofac-sdn", "ofac-csv",
                [
                    new RemoteFile("sdn.csv", Server.Url("ofac/SDN.CSV")),
                    new RemoteFile("add.csv", Server.Url("ofac/ADD.CSV")),
                    new RemoteFile("alt.csv", Server.Url("ofac/ALT.CSV")),
                ],
                Enabled: false),
        ]);
    }

    public string DbPath { get; }

    public SqliteListStore Store { get; }

    public RefreshStatusStore Status { get; }

    public ListServer Server { get; }

    public RefreshOptions Options { get; set; }

    public SourceRegistry Sources { get; }

    /// <summary>No proxy: a proxy from the environment must never see (or forward) the test traffic.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public ListRefresher Refresher(TimeProvider? time = null) => new(Store, Status, Sources, Options, Http, time);

    public async Task<RefreshOutcome> RefreshAsync(string listId, bool force = false)
    {
        using var r = Refresher();
        var outcomes = await r.RefreshAsync([listId], force);
        return Assert.Single(outcomes);
    }

    /// <summary>
    /// The snapshot the fault tests start from: the real UN file without its last 10 individuals (993 entries), as if
    /// it were the previous publication. The real file is then a genuine update (+10).
    /// </summary>
    public ListSnapshot ImportUnBaseline() =>
        Store.Import("un-sc", UnPublished, ParserTestKit.Parser("un-xml"), [SourceInput.FromBytes("consolidated.xml", UnWithoutLastIndividuals(10))]).Snapshot;

    /// <summary>Asserts the baseline is still the current snapshot, whole: same id, count, files and readable entries.</summary>
    public void AssertUnBaselineIntact(ListSnapshot baseline)
    {
        var current = Store.SnapshotAt("un-sc");
        Assert.NotNull(current);
        Assert.Equal(baseline.Id, current.Id);
        Assert.Equal(993, current.EntityCount);
        Assert.Equal(baseline.Files, current.Files);
        Assert.Single(Store.Snapshots("un-sc"));
        Assert.Equal(993, Store.Entities(current.Id).Count());
        var zidane = Store.GetEntity("un-sc:QDi.001");
        Assert.NotNull(zidane);
        Assert.Equal("MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE", zidane.PrimaryName.Full);
    }

    /// <summary>
    /// Tests that run the real configuration loader (update command, hosted service) call this first: a source
    /// override in the environment could otherwise send them to a real publisher.
    /// </summary>
    public static void AssertNoSourceEnvironment()
    {
        var set = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("INTERDICT_SOURCE", StringComparison.Ordinal) || k.StartsWith("INTERDICT_REFRESH", StringComparison.Ordinal))
            .ToList();
        Assert.True(set.Count == 0, "unset these before running the refresh tests: " + string.Join(", ", set));
    }

    public static byte[] UnWithoutLastIndividuals(int n) => Rewrite(doc =>
    {
        foreach (var x in doc.Root!.Element("INDIVIDUALS")!.Elements("INDIVIDUAL").TakeLast(n).ToList())
        {
            x.Remove();
        }
    });

    /// <summary>The real file keeping only the first <paramref name="fraction"/> of individuals and of entities.</summary>
    public static byte[] UnKeeping(double fraction) => Rewrite(doc =>
    {
        foreach (var group in new[] { ("INDIVIDUALS", "INDIVIDUAL"), ("ENTITIES", "ENTITY") })
        {
            var all = doc.Root!.Element(group.Item1)!.Elements(group.Item2).ToList();
            foreach (var x in all.Skip((int)(all.Count * fraction)))
            {
                x.Remove();
            }
        }
    });

    /// <summary>The real file re-serialised: other bytes, the same entries.</summary>
    public static byte[] UnReformatted() => Rewrite(_ => { }, indent: false);

    private static byte[] Rewrite(Action<XDocument> change, bool indent = true)
    {
        using var input = new MemoryStream(UnReal);
        var doc = XDocument.Load(input, LoadOptions.PreserveWhitespace);
        change(doc);
        using var output = new MemoryStream();
        doc.Save(output, indent ? SaveOptions.None : SaveOptions.DisableFormatting);
        var bytes = output.ToArray();
        if (!indent)
        {
            // Make sure the bytes really differ even if the serializer kept the layout.
            bytes = [.. bytes, .. "\n"u8.ToArray()];
        }

        return bytes;
    }

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
        Status.Dispose();
        Store.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
