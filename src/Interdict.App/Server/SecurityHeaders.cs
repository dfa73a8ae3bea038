using Scalar.AspNetCore;

namespace Interdict.App.Server;

/// <summary>
/// Browser-facing hardening headers on every response (#16): a strict Content-Security-Policy (the UI has no inline
/// script or style, so nothing but the server's own files runs or styles a page), no framing, no MIME sniffing,
/// no referrer, and no caching of API answers (screening results and list data must not linger in shared caches).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The UI's policy: its own scripts, styles and images only; no plug-ins, no base-URI games, no framing.</summary>
    internal const string UiPolicy = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// The API reference (Scalar) boots with one inline module script, which carries a per-request nonce, and styles
    /// its components with inline styles and data: images; it loads nothing from other origins (its default fonts,
    /// from Scalar's CDN, are turned off in <see cref="ServerHost"/>).
    /// </summary>
    internal static string DocsPolicy(string? nonce) =>
        $"default-src 'self'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((ctx, next) =>
        {
            // Set when the headers go out: later middleware (the error handler) clears headers, and Scalar's nonce
            // exists only once its endpoint has run.
            ctx.Response.OnStarting(() =>
            {
                var h = ctx.Response.Headers;
                var path = ctx.Request.Path;
                h.ContentSecurityPolicy = path.StartsWithSegments("/docs")
                    ? DocsPolicy(ctx.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var n) ? n as string : null)
                    : UiPolicy;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                if (ApiKeyAuth.IsApiPath(path))
                {
                    h.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(ctx);
        });
}
