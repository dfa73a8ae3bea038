using System.Threading.RateLimiting;
using Interdict.Store;
using Interdict.Store.Operations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;
using Prometheus;
using Scalar.AspNetCore;

namespace Interdict.App.Server;

/// <summary>Builds the web host: API, yente-compatible endpoints, UI, health, metrics. Used by `serve` and by tests.</summary>
public static class ServerHost
{
    public static WebApplication Build(ServerOptions options, Action<string>? log = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var ops = StoreFactory.OpenOperations(options.DbPath, TimeProvider.System);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new DbPath(options.DbPath));
        builder.Services.AddSingleton<ReadStore>();
        builder.Services.AddSingleton<IOperationsStore>(ops);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuthFailureLimiter>();
        builder.Services.AddSingleton<UiSessions>();
        builder.Services.AddSingleton(sp => new ScreeningState(() => StoreFactory.Open(options.DbPath), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(sp => new ListWatcher(
            sp.GetRequiredService<ScreeningState>(), options.ListPollInterval, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ListWatcher>>()));
        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        builder.Services.AddHostedService<JobRetention>();
        builder.Services.AddHostedService(sp => new RefreshHostedService(
            options.DbPath,
            () => StoreFactory.Open(options.DbPath),
            (_, _) =>
            {
                // A new snapshot landed: swap in a fresh index; requests keep using the old one until then.
                sp.GetRequiredService<ScreeningState>().Load();
                PortfolioEndpoints.RescreenAfterRefresh(options.DbPath);
                return Task.CompletedTask;
            },
            sp.GetRequiredService<ILogger<RefreshHostedService>>(),
            options.RefreshInterval,
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            j.SerializerOptions.PropertyNamingPolicy = ServerJson.Options.PropertyNamingPolicy;
            j.SerializerOptions.DefaultIgnoreCondition = ServerJson.Options.DefaultIgnoreCondition;
            j.SerializerOptions.Encoder = ServerJson.Options.Encoder;
            foreach (var c in ServerJson.Options.Converters)
            {
                j.SerializerOptions.Converters.Add(c);
            }
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Interdict API";
            doc.Info.Description = "Sanctions screening and sanctions lists. Authenticate with `Authorization: ApiKey <key>`.";
            return Task.CompletedTask;
        }));
        builder.Services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                RateLimitPartition.GetTokenBucketLimiter(
                    ApiKeyAuth.CallerOf(ctx)?.Name ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.RateLimitPerSecond,
                        TokensPerPeriod = options.RateLimitPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            r.OnRejected = async (ctx, ct) =>
            {
                await Results.Problem(title: "Too many requests", detail: $"more than {options.RateLimitPerSecond} requests per second for this key", statusCode: 429)
                    .ExecuteAsync(ctx.HttpContext).ConfigureAwait(false);
            };
        });

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(ops.Dispose);
        app.UseSecurityHeaders();

        // Errors: RFC 7807 problem details with a useful message and never a stack trace. The middleware's own
        // error log is off: a bad date or an unknown id is the client's mistake, not an error of the server, and
        // the handler below logs what is one (status 500) itself.
        var errors = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Interdict");
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = ProblemFor,
        });

        async Task ProblemFor(HttpContext ctx)
        {
            var ex = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, title) = ex switch
            {
                // System.Text.Json reports a string of invalid UTF-8 as an invalid operation, not a bad request.
                InvalidOperationException { InnerException: System.Text.DecoderFallbackException } => (400, "Bad request"),
                // Shared parsing helpers throw the command line's usage and not-found errors: the same mistakes here.
                FormatException or ArgumentException or System.Text.Json.JsonException or BadHttpRequestException or Commands.UsageException => (400, "Bad request"),
                KeyNotFoundException or Commands.NotFoundException => (404, "Not found"),
                ServiceNotReadyException => (503, "Not ready"),
                InvalidOperationException => (409, "Conflict"),
                _ => (500, "Internal error"),
            };
            if (ex is BadHttpRequestException b)
            {
                status = b.StatusCode;
            }

            ctx.Response.StatusCode = status;
            var detail = status == 500 ? "an internal error occurred; it has been logged"
                : ex is InvalidOperationException { InnerException: System.Text.DecoderFallbackException } ? "the request body is not valid UTF-8 text"
                : ex?.Message;
            await Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(ctx).ConfigureAwait(false);
            if (status == 500)
            {
                Log.Unhandled(errors, ex);
            }
        }

        app.UseStatusCodePages();
        app.UseHttpMetrics();
        app.UseMiddleware<RequestGuard>();
        app.UseMiddleware<ApiKeyAuth>();
        app.Use((ctx, next) =>
        {
            // A screening request is a few records of JSON; only uploads may use the server's whole body limit.
            if (!InputLimits.IsUpload(ctx.Request.Path) && ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = InputLimits.MaxJsonBodyBytes;
            }

            return next(ctx);
        });
        app.UseRateLimiter();

        var web = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(web))
        {
            var files = new PhysicalFileProvider(web);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Interdict API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithNonce().DisableDefaultFonts());

        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true, SuppressProcessMetrics = false, SuppressDebugMetrics = true });
        app.MapMetrics("/metrics");

        HealthEndpoints.Map(app);
        ApiEndpoints.Map(app);
        TextEndpoints.Map(app);
        JobEndpoints.Map(app);
        PortfolioEndpoints.Map(app);
        YenteEndpoints.Map(app);
        HistoryEndpoints.Map(app);
        UiEndpoints.Map(app);

        var state = app.Services.GetRequiredService<ScreeningState>();
        if (options.LoadBeforeServing)
        {
            state.Load();
        }
        else
        {
            app.Lifetime.ApplicationStarted.Register(() => Task.Run(() =>
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    state.Load();
                    log?.Invoke($"index ready: {state.Current.EntityCount:N0} entries in {sw.Elapsed.TotalSeconds:0.0} s");
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException)
                {
                    log?.Invoke("index failed to load: " + ex.Message);
                }
            }));
        }

        return app;
    }
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "unhandled error")]
    public static partial void Unhandled(ILogger logger, Exception? ex);
}
