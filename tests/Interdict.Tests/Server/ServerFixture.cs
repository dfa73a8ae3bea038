using System.Net.Http.Headers;
using Interdict.App.Server;
using Interdict.Store.Operations;
using Interdict.Store.Sqlite;
using Interdict.Tests.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Interdict.Tests.Server;

/// <summary>
/// A real Kestrel server on a free loopback port over a copy of the bundled database, with an admin key and a
/// screener key. Shared by the server tests of one class.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public string Db { get; } = BundledDbFixture.Copy();

    public string AdminKey { get; private set; } = "";

    public string ScreenerKey { get; private set; } = "";

    public string RevokedKey { get; private set; } = "";

    public WebApplication App => _app!;

    public async Task InitializeAsync()
    {
        using (var ops = SqliteOperationsStore.Open(Db))
        {
            AdminKey = ops.CreateKey("test-admin", ApiRole.Admin).Key;
            ScreenerKey = ops.CreateKey("test-screener", ApiRole.Screener).Key;
            RevokedKey = ops.CreateKey("test-revoked", ApiRole.Screener).Key;
            ops.RevokeKey("test-revoked");
        }

        _app = ServerHost.Build(new ServerOptions { Urls = "http://127.0.0.1:0", DbPath = Db, LoadBeforeServing = true });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public HttpClient Client(string? key = null, string scheme = "ApiKey")
    {
        var c = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (key is not null)
        {
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, key);
        }

        return c;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
