using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Interdict.Tests.App;

namespace Interdict.Tests.Server;

/// <summary>`interdict serve` started as a real process on a free loopback port, as a user would run it.</summary>
public class ServeProcessTests
{
    [Fact]
    public async Task Serve_starts_answers_and_stops()
    {
        var db = BundledDbFixture.Copy();
        await using var serve = await ServeProcess.Start(db, "--no-auth");
        var c = serve.Client;
        Assert.Contains("--no-auth", serve.Log);
        var body = await c.GetStringAsync("/api/search?q=Vladimir%20Putin");
        Assert.Contains("matches", body);
        var page = await c.GetStringAsync("/");
        Assert.Contains("<title>Search · Interdict</title>", page);

        // A client's mistake is a problem response, not a server error in the log (and never a stack trace).
        var missing = await c.GetAsync("/api/entities/ofac-sdn:999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = await missing.Content.ReadAsStringAsync();
        Assert.Contains("no entity 'ofac-sdn:999999999'", problem);
        Assert.DoesNotContain(" at Interdict.", problem);
        var badDate = await c.GetAsync("/api/search?q=Putin&asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("'yesterday' is not a date", await badDate.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.DoesNotContain("unhandled exception", serve.Log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("KeyNotFoundException", serve.Log);
    }

    /// <summary>
    /// The worst defect a screener can have (#16): a publication imported by the CLI into the database a server uses
    /// was already in /api/lists while the server went on screening against the old snapshot until restarted.
    /// </summary>
    [Fact]
    public async Task A_cli_import_into_a_running_servers_database_is_screened_against_within_seconds()
    {
        var db = BundledDbFixture.Copy();
        await using var serve = await ServeProcess.Start(db, "--no-auth");
        var c = serve.Client;
        const string Query = "/api/search?q=IMPORTADORA%20JIREH";
        using (var before = JsonDocument.Parse(await c.GetStringAsync(Query)))
        {
            Assert.DoesNotContain("IMPORTADORA JIREH", before.RootElement.GetProperty("matches").GetRawText(), StringComparison.Ordinal);
            Assert.Equal("2023-12-28", SdnPublished(before.RootElement));
        }

        using (var ready = JsonDocument.Parse(await c.GetStringAsync("/readyz")))
        {
            Assert.Equal("2023-12-28", SdnPublished(ready.RootElement));
        }

        // Requests go on while the server notices the import and rebuilds: none may fail or wait for the build.
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var answered = 0;
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await c.GetAsync("/api/search?q=Vladimir%20Putin");
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                }

                answered++;
                await Task.Delay(20);
            }
        });

        var csv = Path.Combine(TestPaths.TempDir(), "sdn.csv");
        File.Copy(TestPaths.Data("history/sdn-2024-05-03.csv"), csv);
        var import = new CliRunner(db).Run("import", "--db", db, "--list", "ofac-sdn", "--published", "2024-05-04", csv);
        Assert.True(import.ExitCode == 0, import.ToString());

        string? found = null;
        for (var i = 0; i < 600 && found is null; i++)
        {
            using var doc = JsonDocument.Parse(await c.GetStringAsync(Query));
            if (SdnPublished(doc.RootElement) == "2024-05-04")
            {
                found = doc.RootElement.GetProperty("matches").GetRawText();
            }
            else
            {
                await Task.Delay(100);
            }
        }

        await stop.CancelAsync();
        await load;
        Assert.True(found is not null, "the server never screened against the imported snapshot: " + serve.Log);
        Assert.Contains("IMPORTADORA JIREH", found, StringComparison.Ordinal);
        using (var ready = JsonDocument.Parse(await c.GetStringAsync("/readyz")))
        {
            Assert.Equal("2024-05-04", SdnPublished(ready.RootElement));
        }

        using (var yente = JsonDocument.Parse(await c.GetStringAsync("/search/default?q=IMPORTADORA%20JIREH")))
        {
            Assert.Equal("2024-05-04", SdnPublished(yente.RootElement));
        }

        Assert.True(answered > 0, "the load loop never ran");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://127.0.0.1:{0};http://*:{0}")]
    public void No_auth_is_refused_on_an_address_beyond_this_machine(string urls)
    {
        var bound = string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, FreePort());
        var r = new CliRunner(BundledDbFixture.Copy()).Run("serve", "--no-auth", "--urls", bound);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("allowed only on a loopback address", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", r.Stderr, StringComparison.Ordinal);
    }

    private static string? SdnPublished(JsonElement response) =>
        response.GetProperty("snapshots").EnumerateArray()
            .Where(s => s.GetProperty("list").GetString() == "ofac-sdn")
            .Select(s => s.GetProperty("published").GetDateTimeOffset().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .SingleOrDefault();

    internal static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>A real <c>interdict serve</c> process on a free loopback port, ready when returned; killed on dispose.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>Everything the process printed so far (both streams).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ServeProcess> Start(string db, params string[] args)
    {
        var port = ServeProcessTests.FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interdict.App.dll"));
        foreach (var a in new[] { "serve", "--urls", $"http://127.0.0.1:{port}", "--db", db }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["INTERDICT_HOME"] = TestPaths.Repo;
        var serve = new ServeProcess(Process.Start(psi)!, port);
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await serve.Client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return serve;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (serve._process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await serve.DisposeAsync();
        throw new InvalidOperationException("serve never became ready: " + serve.Log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
