namespace Interdict.App.Server;

/// <summary>Friendly routes for the analyst UI's pages (plain files in wwwroot, no CDN, no build step).</summary>
internal static class UiEndpoints
{
    private static readonly (string Route, string File)[] Pages =
    [
        ("/login", "login.html"), ("/search", "index.html"), ("/entity/{id}", "entity.html"), ("/lists", "lists.html"),
        ("/batch", "batch.html"), ("/audit", "audit.html"), ("/history", "history.html"), ("/text", "text.html"), ("/alerts", "alerts.html"),
    ];

    public static void Map(WebApplication app)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        foreach (var (route, file) in Pages)
        {
            var path = Path.Combine(web, file);
            app.MapGet(route, (HttpContext ctx) =>
            {
                // /search without Accept: text/html is the yente search; only browsers get the page.
                if (route == "/search" && !ctx.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
                {
                    return Results.Problem(title: "Bad request", detail: "use /search/{dataset}?q=... for the yente search API", statusCode: 400);
                }

                return File.Exists(path) ? Results.File(path, "text/html; charset=utf-8") : Results.NotFound();
            }).ExcludeFromDescription();
        }
    }
}
