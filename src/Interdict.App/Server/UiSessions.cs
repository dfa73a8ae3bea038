using Interdict.Store.Operations;

namespace Interdict.App.Server;

/// <summary>
/// The UI's sign-in (#16 defect 8): the cookie holds a server-side session id, never the key, so a stolen cookie dies
/// with sign-out, with its key's revocation, or after <see cref="ServerOptions.SessionLifetime"/> at the latest.
/// </summary>
internal sealed class UiSessions
{
    public const string CookieName = "interdict_session";
    private readonly IOperationsStore _ops;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public UiSessions(IOperationsStore ops, TimeProvider clock, ServerOptions options)
    {
        _ops = ops;
        _clock = clock;
        _lifetime = options.SessionLifetime;
    }

    /// <summary>The session id the request's cookie carries, or null.</summary>
    public static string? IdFrom(HttpRequest r) => r.Cookies.TryGetValue(CookieName, out var c) && c.Length > 0 ? c : null;

    /// <summary>The key of a live session, or null (unknown, signed out, expired, key revoked).</summary>
    public ApiKeyInfo? Authenticate(string sessionId) => _ops.Session(sessionId, _clock.GetUtcNow())?.Key;

    /// <summary>Starts a session for an authenticated key and sets its cookie.</summary>
    public void SignIn(HttpContext ctx, ApiKeyInfo key)
    {
        var now = _clock.GetUtcNow();
        var id = _ops.CreateSession(key.Id, now, _lifetime);
        ctx.Response.Cookies.Append(CookieName, id, Options(ctx));
    }

    /// <summary>Ends the request's session on the server, if any, and clears its cookie.</summary>
    public void SignOut(HttpContext ctx)
    {
        if (IdFrom(ctx.Request) is { } id)
        {
            _ops.EndSession(id);
        }

        Forget(ctx);
    }

    /// <summary>Tells the browser to drop its cookie (a dead session's cookie would otherwise be sent, and counted, again).</summary>
    public static void Forget(HttpContext ctx) => ctx.Response.Cookies.Delete(CookieName, Options(ctx));

    // Secure whenever the request came over HTTPS: the browser then never sends the id over plain HTTP. No Expires: the
    // browser drops the cookie when it closes, and the server ends the session after its lifetime anyway.
    private static CookieOptions Options(HttpContext ctx) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = ctx.Request.IsHttps,
        IsEssential = true,
    };
}
