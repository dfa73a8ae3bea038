using Interdict.Store.Operations;

namespace Interdict.App.Server;

/// <summary>Who is calling: a key's name and role, or the local user of a --no-auth server.</summary>
public sealed record Caller(string Name, ApiRole Role);

/// <summary>
/// API-key authentication. A key may come as `Authorization: ApiKey k` (the OpenSanctions convention),
/// `Authorization: Bearer k`, `X-API-Key: k`; the UI sends its session cookie instead (<see cref="UiSessions"/>). Health
/// checks and the UI's sign-in page are open. Failed authentications are counted per address (<see cref="AuthFailureLimiter"/>).
/// </summary>
internal sealed class ApiKeyAuth
{
    private readonly RequestDelegate _next;
    private readonly IOperationsStore _ops;
    private readonly ServerOptions _options;
    private readonly UiSessions _sessions;
    private readonly AuthFailureLimiter _failures;

    public ApiKeyAuth(RequestDelegate next, IOperationsStore ops, ServerOptions options, UiSessions sessions, AuthFailureLimiter failures)
    {
        _next = next;
        _ops = ops;
        _options = options;
        _sessions = sessions;
        _failures = failures;
    }

    public static Caller? CallerOf(HttpContext ctx) => ctx.Items.TryGetValue(nameof(Caller), out var c) ? c as Caller : null;

    private static bool IsProbe(PathString path) => path == "/healthz" || path == "/readyz" || path == "/metrics";

    private static bool IsOpen(PathString path, OpenEndpoints open) =>
        path == "/healthz" || path == "/readyz" || path == "/login" || path == "/login.html"
        || path.StartsWithSegments("/assets") || path == "/favicon.ico" || path == "/api/session"
        // Metrics disclose traffic and list sizes: open only when `serve --open metrics` says so.
        || (open.HasFlag(OpenEndpoints.Metrics) && path == "/metrics")
        // The API's description and its reference page describe, they do not disclose: open like a public API's docs
        // unless `serve --open` leaves docs out.
        || (open.HasFlag(OpenEndpoints.Docs) && (path.StartsWithSegments("/docs") || path.StartsWithSegments("/openapi")));

    public async Task InvokeAsync(HttpContext ctx)
    {
        if (_options.NoAuth)
        {
            ctx.Items[nameof(Caller)] = new Caller("local", ApiRole.Admin);
            await _next(ctx).ConfigureAwait(false);
            return;
        }

        // A blocked address is refused before its key is looked at. Probes stay open: they carry no key, disclose
        // nothing, and refusing them would let a guesser get the server restarted by its orchestrator.
        var client = ctx.Connection.RemoteIpAddress;
        if (!IsProbe(ctx.Request.Path) && _failures.RetryAfter(client) is { } wait)
        {
            await AuthFailureLimiter.Refuse(ctx, wait).ConfigureAwait(false);
            return;
        }

        var key = KeyFrom(ctx.Request);
        var session = key is null ? UiSessions.IdFrom(ctx.Request) : null;
        var info = key is not null ? _ops.Authenticate(key) : session is not null ? _sessions.Authenticate(session) : null;
        if (info is not null)
        {
            ctx.Items[nameof(Caller)] = new Caller(info.Name, info.Role);
            await _next(ctx).ConfigureAwait(false);
            return;
        }

        if (key is not null || session is not null)
        {
            _failures.Failed(client);
            if (session is not null)
            {
                UiSessions.Forget(ctx);
            }
        }

        if (IsOpen(ctx.Request.Path, _options.Open))
        {
            await _next(ctx).ConfigureAwait(false);
            return;
        }

        // A browser asking for a page goes to the sign-in page; an API client gets a 401 problem.
        if (HttpMethods.IsGet(ctx.Request.Method) && ctx.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal) && !IsApiPath(ctx.Request.Path))
        {
            ctx.Response.Redirect("/login");
            return;
        }

        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
        ctx.Response.Headers.WWWAuthenticate = "ApiKey";
        await Results.Problem(
            title: "Unauthorized",
            detail: session is not null
                ? "the session has ended (signed out, expired, or its API key revoked): sign in again"
                : key is null
                ? "an API key is required: send 'Authorization: ApiKey <key>', 'Authorization: Bearer <key>' or 'X-API-Key: <key>' (create one with `interdict apikey create`)"
                : "the API key is unknown or revoked",
            statusCode: 401).ExecuteAsync(ctx).ConfigureAwait(false);
    }

    internal static bool IsApiPath(PathString p) =>
        p.StartsWithSegments("/api") || p.StartsWithSegments("/match") || p.StartsWithSegments("/search") || p.StartsWithSegments("/entities")
        || p.StartsWithSegments("/catalog") || p.StartsWithSegments("/algorithms") || p.StartsWithSegments("/openapi");

    private static string? KeyFrom(HttpRequest r)
    {
        var auth = r.Headers.Authorization.ToString();
        foreach (var scheme in new[] { "ApiKey ", "Bearer " })
        {
            if (auth.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return auth[scheme.Length..].Trim();
            }
        }

        var x = r.Headers["X-API-Key"].ToString();
        return x.Length > 0 ? x.Trim() : null;
    }
}

/// <summary>Endpoint filters for roles.</summary>
public static class Roles
{
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var caller = ApiKeyAuth.CallerOf(ctx.HttpContext);
            if (caller is null)
            {
                return Results.Problem(title: "Unauthorized", detail: "an API key is required", statusCode: 401);
            }

            if (caller.Role != ApiRole.Admin)
            {
                return Results.Problem(title: "Forbidden", detail: $"the key '{caller.Name}' has the screener role; this needs an admin key", statusCode: 403);
            }

            return await next(ctx).ConfigureAwait(false);
        });
}
