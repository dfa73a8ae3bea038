using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Interdict.Tests.App;

namespace Interdict.Tests.Server;

/// <summary>`interdict serve` started as a real process on a free loopback port, as a user would run it.</summary>
public class ServeProcessTests
{
    [Fact]
    public async Task Serve_starts_answers_and_stops()
    {
        var port = FreePort();
        var db = BundledDbFixture.Copy();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interdict.App.dll"));
        foreach (var a in new[] { "serve", "--urls", $"http://127.0.0.1:{port}", "--no-auth", "--db", db })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["INTERDICT_HOME"] = TestPaths.Repo;
        using var p = Process.Start(psi)!;
        var stderr = new System.Text.StringBuilder();
        var stdout = new System.Text.StringBuilder();
        p.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        p.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        try
        {
            using var c = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = false;
            for (var i = 0; i < 300 && !ready; i++)
            {
                try
                {
                    ready = (await c.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }

                if (!ready)
                {
                    await Task.Delay(100);
                }
            }

            Assert.True(ready, "serve never became ready: " + stderr);
            Assert.Contains("--no-auth", stderr.ToString());
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
            string log;
            lock (stdout)
            {
                lock (stderr)
                {
                    log = stdout.ToString() + stderr;
                }
            }

            Assert.DoesNotContain("unhandled exception", log, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("KeyNotFoundException", log);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
