using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Interdict.Tests.Sources.Refresh;

/// <summary>
/// A real HTTP server (HttpListener) on 127.0.0.1 and a free port, standing in for a publisher: each path serves real
/// list files or a fault, and every request is counted so retries can be asserted. Never binds anything but loopback.
/// </summary>
internal sealed class ListServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerContext, int, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ListServer()
    {
        // HttpListener cannot bind port 0; a port the OS just handed out on loopback is free in practice.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Requests received for <paramref name="path"/> so far.</summary>
    public int Hits(string path) => _hits.GetValueOrDefault("/" + path.TrimStart('/'));

    /// <summary>Answers requests to <paramref name="path"/>; the handler gets the 1-based request number for that path.</summary>
    public void Handle(string path, Func<HttpListenerContext, int, Task> handler) => _routes["/" + path.TrimStart('/')] = handler;

    public void Serve(string path, byte[] body, string contentType = "application/octet-stream") =>
        Handle(path, (ctx, _) => Write(ctx, body, contentType));

    public void ServeFile(string path, string file, string contentType = "application/octet-stream") => Serve(path, File.ReadAllBytes(file), contentType);

    public void Status(string path, int status) => Handle(path, (ctx, _) =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Close();
        return Task.CompletedTask;
    });

    /// <summary>Accepts the request and never answers (until the server stops).</summary>
    public void Hang(string path) => Handle(path, async (ctx, _) =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        ctx.Response.Abort();
    });

    /// <summary>Announces the whole body, sends the first half, then drops the connection.</summary>
    public void ResetMidBody(string path, byte[] body) => Handle(path, (ctx, _) => ResetAfterHalf(ctx, body));

    public static async Task ResetAfterHalf(HttpListenerContext ctx, byte[] body)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/octet-stream";
        ctx.Response.ContentLength64 = body.Length;
        await ctx.Response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await ctx.Response.OutputStream.FlushAsync();
        ctx.Response.Abort();
    }

    public static async Task Write(HttpListenerContext ctx, byte[] body, string contentType)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength64 = body.Length;
        await ctx.Response.OutputStream.WriteAsync(body);
        ctx.Response.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }

            _ = Task.Run(() => Respond(ctx));
        }
    }

    private async Task Respond(HttpListenerContext ctx)
    {
        var path = ctx.Request.Url!.AbsolutePath;
        var n = _hits.AddOrUpdate(path, 1, (_, c) => c + 1);
        try
        {
            if (_routes.TryGetValue(path, out var handler))
            {
                await handler(ctx, n);
            }
            else
            {
                ctx.Response.StatusCode = 404;
                ctx.Response.Close();
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client gave up (a timeout test); nothing to answer.
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
