using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Interdict.App.Server;

/// <summary>
/// Refuses requests that change state unless they come from this server's own pages or from a client that is not a
/// browser. A browser lets any page it shows send a "simple" cross-site request (a form or a `text/plain` fetch) with
/// the user's cookie, and with `--no-auth` with no key at all; such a request carries an `Origin` (or at least
/// `Sec-Fetch-Site`) naming another site, which API clients and scripts never send.
/// Content types are enforced by routing from each endpoint's <c>Accepts</c> metadata (the same metadata the OpenAPI
/// document shows); its bare 415 gets a problem body here naming what the endpoint takes.
/// </summary>
internal sealed class RequestGuard(RequestDelegate next, ServerOptions options, EndpointDataSource endpoints)
{
    private IReadOnlyList<(TemplateMatcher Route, IReadOnlyList<string> Methods, IReadOnlyList<string> Types)>? _accepts;

    public async Task InvokeAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }

        if (CrossSite(request, options.PublicOrigins) is { } from)
        {
            await Refuse(ctx, 403, "Cross-site request refused", $"a request from {from} may not change anything on this server; call the API from a client, or use the pages this server serves").ConfigureAwait(false);
            return;
        }

        await next(ctx).ConfigureAwait(false);
        if (ctx.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !ctx.Response.HasStarted)
        {
            var sent = string.IsNullOrWhiteSpace(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            var types = AcceptedAt(request);
            var wanted = types.Count > 0 ? "send the body as " + string.Join(" or ", types) : "see /openapi/v1.json for what this endpoint takes";
            await Refuse(ctx, 415, "Unsupported media type", $"{sent}; {wanted}").ConfigureAwait(false);
        }
    }

    private IReadOnlyList<string> AcceptedAt(HttpRequest request)
    {
        _accepts ??= [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && e.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 })
            .Select(e => (new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!.Trim('/')), new RouteValueDictionary()),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
                e.Metadata.GetMetadata<IAcceptsMetadata>()!.ContentTypes))];
        foreach (var (route, methods, types) in _accepts)
        {
            if ((methods.Count == 0 || methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)) && route.TryMatch(request.Path, new RouteValueDictionary()))
            {
                return types;
            }
        }

        return [];
    }

    /// <summary>The other site a browser says the request comes from, or null for this site and for non-browsers.</summary>
    internal static string? CrossSite(HttpRequest request, IReadOnlyCollection<string> publicOrigins)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            // "null" is what a browser sends from sandboxed frames, data: URLs and some redirects: never this site.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return $"origin '{origin}'";
            }

            // Behind a reverse proxy the Host the server sees is not the one users type: --public-origin names that.
            var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
            var same = string.Equals(authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
                || publicOrigins.Contains(uri.GetLeftPart(UriPartial.Authority), StringComparer.OrdinalIgnoreCase);
            return same ? null : $"origin '{origin}'";
        }

        // Without Origin (older browsers, some navigations) the fetch metadata still tells another site from this one.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site" ? $"another site (Sec-Fetch-Site: {site})" : null;
    }

    private static Task Refuse(HttpContext ctx, int status, string title, string detail)
    {
        ctx.Response.StatusCode = status;
        return Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(ctx);
    }
}
