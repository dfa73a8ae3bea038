using System.Text;
using Interdict.Sources;
using Interdict.Sources.Refresh;
using Interdict.Store.Sqlite;

namespace Interdict.Tests.Sources.Refresh;

/// <summary>
/// The EU FSF v1.1 XML refreshed by default from its official source, here redirected to a loopback server with the
/// configuration a user would write (URL and token), never to the Commission.
/// </summary>
public sealed class EuFsfRefreshTests : IDisposable
{
    private const string Path = "fsd/fsf/public/files/xmlFullSanctionsList_1_1/content";
    private static readonly byte[] Excerpt = File.ReadAllBytes(TestPaths.Data("eu/eu-fsf-1.1-xml-excerpts/excerpt-2026-08-05-b.xml"));

    private readonly string _dir = TestPaths.TempDir();
    private readonly ListServer _server = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly SqliteListStore _store;
    private readonly RefreshStatusStore _status;
    private readonly SourceRegistry _sources;

    public EuFsfRefreshTests()
    {
        var db = System.IO.Path.Combine(_dir, "interdict.db");
        _store = new SqliteListStore(db);
        _status = new RefreshStatusStore(db);

        // The official URL with its host moved to the loopback server, then the token configured as docs/sources.md says.
        var official = SourceRegistry.Official.Single(s => s.ListId == "eu-fsf");
        var loopback = new UriBuilder(_server.Url(Path)) { Query = official.Primary.Url.Query.TrimStart('?') }.Uri;
        var env = new Dictionary<string, string>
        {
            ["INTERDICT_SOURCE_EU_FSF_URL"] = loopback.AbsoluteUri,
            ["INTERDICT_SOURCE_EU_FSF_TOKEN"] = "new-token",
        };
        _sources = SourceRegistry.Load(db, k => env.GetValueOrDefault(k)).Sources;
    }

    private ListRefresher Refresher() => new(_store, _status, _sources, new RefreshOptions
    {
        Retries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(20),
        StagingDirectory = _dir,
    }, _http);

    private async Task<RefreshOutcome> Refresh(bool force = false)
    {
        using var r = Refresher();
        return Assert.Single(await r.RefreshAsync(["eu-fsf"], force));
    }

    /// <summary>Serves <paramref name="body"/> only to a request with the configured token, as the portal does.</summary>
    private void Serve(byte[] body, string contentType = "application/xml") => _server.Handle(Path, async (ctx, _) =>
    {
        if (ctx.Request.QueryString["token"] != "new-token")
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.Close();
            return;
        }

        await ListServer.Write(ctx, body, contentType);
    });

    [Fact]
    public void Eu_fsf_is_on_by_default_from_the_commissions_v1_1_address()
    {
        var eu = SourceRegistry.Default.Find("eu-fsf")!;
        Assert.True(eu.Enabled);
        Assert.Equal("eu-fsf-xml", eu.Format);
        Assert.Equal("xmlFullSanctionsList_1_1.xml", eu.Primary.Name);
        Assert.Equal("https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw", eu.Primary.Url.AbsoluteUri);
        Assert.Equal("?token=new-token", _sources.Find("eu-fsf")!.Primary.Url.Query);
    }

    [Fact]
    public void The_token_is_configurable_in_the_sources_file_and_a_bad_one_is_named()
    {
        var dir = TestPaths.TempDir();
        try
        {
            var db = System.IO.Path.Combine(dir, "interdict.db");
            File.WriteAllText(System.IO.Path.Combine(dir, SourceRegistry.FileName), """{ "sources": { "eu-fsf": { "token": "abc123" } } }""");
            var eu = SourceRegistry.Load(db, _ => null).Sources.Find("eu-fsf")!;
            Assert.Equal("https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=abc123", eu.Primary.Url.AbsoluteUri);
            Assert.Equal("xmlFullSanctionsList_1_1.xml", eu.Primary.Name);

            var bad = Assert.Throws<FormatException>(() => SourceRegistry.Load(db, k => k == "INTERDICT_SOURCE_EU_FSF_TOKEN" ? "a&b" : null));
            Assert.Equal("INTERDICT_SOURCE_EU_FSF_TOKEN: 'a&b' is not a URL token (no spaces, '&' or '#')", bad.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_excerpt_is_imported_then_unchanged_and_faults_keep_the_snapshot()
    {
        Serve(Excerpt);
        var first = await Refresh();
        Assert.True(first.Result == RefreshResult.Imported, first.Message);
        Assert.Equal(5, first.Snapshot!.EntityCount);
        Assert.Equal(DateTimeOffset.Parse("2026-08-05T16:47:04.449+02:00", System.Globalization.CultureInfo.InvariantCulture), first.Snapshot.Published);
        Assert.Equal("xmlFullSanctionsList_1_1.xml", Assert.Single(first.Snapshot.Files).Name);
        Assert.Equal("Abu Zayd Umar DORDA", _store.GetEntity("eu-fsf:6106")!.PrimaryName.Full);

        var again = await Refresh();
        Assert.Equal(RefreshResult.Unchanged, again.Result);

        var text = Encoding.UTF8.GetString(Excerpt).Replace("2026-08-05T16:47:04", "2026-08-06T16:47:04", StringComparison.Ordinal);
        var faults = new (Action Serve, string Message)[]
        {
            (() => Serve(Encoding.UTF8.GetBytes(text[..text.IndexOf("<nameAlias", text.Length / 2, StringComparison.Ordinal)])), "xmlFullSanctionsList_1_1.xml, line "),
            (() => Serve("<!DOCTYPE html><html><body>maintenance</body></html>"u8.ToArray(), "text/html"), "xmlFullSanctionsList_1_1.xml: the server sent an HTML page"),
            (() => Serve(File.ReadAllBytes(TestPaths.Data("eu/eu-fsf-legacy-xml-2016-02-11-sample/data.xml"))), "xmlFullSanctionsList_1_1.xml, line 3, element <WHOLE>: root element is <WHOLE>"),
            // The portal refusing the token (it changed its token): 403, not retried.
            (() => _server.Status(Path, 403), "xmlFullSanctionsList_1_1.xml: HTTP 403"),
            (() => Serve(Encoding.UTF8.GetBytes(OnlyFirstEntry(text))), "1 entries, fewer than 50% of the 5 in the current snapshot"),
        };
        foreach (var (serve, message) in faults)
        {
            serve();
            var failed = await Refresh();
            Assert.Equal(RefreshResult.Failed, failed.Result);
            Assert.Contains(message, failed.Message, StringComparison.Ordinal);
            Assert.Equal(first.Snapshot.Id, _store.SnapshotAt("eu-fsf")!.Id);
            Assert.Single(_store.Snapshots("eu-fsf"));
            Assert.Equal(5, _store.Entities(first.Snapshot.Id).Count());
        }

        Serve(Encoding.UTF8.GetBytes(text));
        var newer = await Refresh();
        Assert.True(newer.Result is RefreshResult.Imported or RefreshResult.Unchanged, newer.Message);
    }

    private static string OnlyFirstEntry(string text)
    {
        var second = text.IndexOf("<sanctionEntity", text.IndexOf("</sanctionEntity>", StringComparison.Ordinal), StringComparison.Ordinal);
        return text[..second] + "</export>\n";
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _status.Dispose();
        _store.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
