using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Interdict.Sources.Refresh;

/// <summary>A file fetched to the staging folder, with what the transfer proved about it.</summary>
internal sealed record DownloadedFile(RemoteFile Remote, string Path, string Sha256, long Bytes, string? ContentType, DateTimeOffset? LastModified, int Attempts);

/// <summary>A download that failed for good; the message says what happened, for the refresh status.</summary>
internal sealed class DownloadException : Exception
{
    public DownloadException(string message, bool transient = false, Exception? inner = null)
        : base(message, inner)
    {
        Transient = transient;
    }

    public DownloadException()
    {
    }

    public DownloadException(string message)
        : base(message)
    {
    }

    public DownloadException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Worth another attempt: HTTP 408, 429 or 5xx, or a body shorter than announced.</summary>
    public bool Transient { get; }
}

/// <summary>
/// Fetches one file to disk through a Polly pipeline: each attempt (headers and whole body) has its own timeout, and
/// transport errors, timeouts, HTTP 408, 429 and 5xx are retried with exponential backoff. A 4xx status or an HTML page
/// is final: asking again will not turn it into a list.
/// </summary>
internal sealed class SourceDownloader
{
    private readonly HttpClient _http;
    private readonly RefreshOptions _options;

    public SourceDownloader(HttpClient http, RefreshOptions options)
    {
        _http = http;
        _options = options;
    }

    public async Task<DownloadedFile> DownloadAsync(RemoteFile file, string targetPath, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var pipeline = BuildPipeline();
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await AttemptAsync(file, targetPath, attempts, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new DownloadException($"{file.Name}: {Describe(ex)} from {file.Url} ({Attempts(attempts)})", inner: ex);
        }
    }

    private ResiliencePipeline BuildPipeline() =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<DownloadException>(e => e.Transient)
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException),
                MaxRetryAttempts = Math.Max(_options.Retries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
            }.WithNoRetryWhen(_options.Retries <= 0))
            .AddTimeout(_options.AttemptTimeout)
            .Build();

    private async Task<DownloadedFile> AttemptAsync(RemoteFile file, string targetPath, int attempt, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var code = (int)response.StatusCode;
            throw new DownloadException(
                $"HTTP {code.ToString(CultureInfo.InvariantCulture)} ({response.ReasonPhrase ?? response.StatusCode.ToString()})",
                transient: code is 408 or 429 || code >= 500);
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (IsHtml(contentType))
        {
            throw new DownloadException($"the server sent an HTML page (Content-Type {contentType}), not the list file");
        }

        var declared = response.Content.Headers.ContentLength;
        long total = 0;
        byte[] head = [];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var output = new FileStream(targetPath, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                {
                    if (total == 0)
                    {
                        head = buffer.AsSpan(0, Math.Min(read, 512)).ToArray();
                    }

                    sha.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                    total += read;
                }
            }
        }

        if (declared is long expected && expected != total)
        {
            throw new DownloadException(
                $"the body ended after {total.ToString(CultureInfo.InvariantCulture)} of {expected.ToString(CultureInfo.InvariantCulture)} announced bytes",
                transient: true);
        }

        if (LooksLikeHtml(head))
        {
            throw new DownloadException($"the server sent an HTML page (Content-Type {contentType ?? "not given"}), not the list file");
        }

        return new DownloadedFile(
            file, targetPath, Convert.ToHexStringLower(sha.GetHashAndReset()), total, contentType, response.Content.Headers.LastModified, attempt);
    }

    private static bool IsHtml(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

    // Portals answer a missing export with a 200 and a sign-in or error page; no list format starts like HTML.
    private static bool LooksLikeHtml(byte[] head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private string Describe(Exception ex) => ex switch
    {
        DownloadException d => d.Message,
        TimeoutRejectedException => $"timed out: no complete response within {FormatDuration(_options.AttemptTimeout)}",
        TaskCanceledException { InnerException: TimeoutException } => "timed out (HttpClient.Timeout)",
        HttpRequestException { StatusCode: HttpStatusCode code } => $"HTTP {(int)code}",
        HttpRequestException h => $"connection failed: {Innermost(h)}",
        IOException io => $"transfer broken: {Innermost(io)}",
        _ => ex.Message,
    };

    private static string Innermost(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(" ", messages);
    }

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n.ToString(CultureInfo.InvariantCulture)} attempts";

    internal static string FormatDuration(TimeSpan t) =>
        t.TotalSeconds < 60
            ? t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : t.TotalMinutes < 60 ? t.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min" : t.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";
}

internal static class RetryOptionsExtensions
{
    /// <summary>Polly needs MaxRetryAttempts ≥ 1; zero retries is a predicate that never handles.</summary>
    public static RetryStrategyOptions WithNoRetryWhen(this RetryStrategyOptions options, bool noRetry)
    {
        if (noRetry)
        {
            options.ShouldHandle = _ => PredicateResult.False();
        }

        return options;
    }
}
