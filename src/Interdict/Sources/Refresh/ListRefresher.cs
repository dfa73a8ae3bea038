using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Interdict.Model;
using Interdict.Store;

namespace Interdict.Sources.Refresh;

/// <summary>What one refresh of one list did.</summary>
/// <param name="Snapshot">The snapshot now current: the imported one, the unchanged current one, or (on failure) the one left in force.</param>
/// <param name="Import">The store's account of the import; null unless <see cref="Result"/> is <see cref="RefreshResult.Imported"/>.</param>
/// <param name="Files">The downloaded files with their SHA-256, as far as the download got.</param>
public sealed record RefreshOutcome(
    string ListId, RefreshResult Result, string Message, ListSnapshot? Snapshot, ImportResult? Import, IReadOnlyList<SourceFile> Files)
{
    public bool Succeeded => Result != RefreshResult.Failed;
}

/// <summary>
/// Downloads each enabled list from its source, verifies it, and imports it as a new snapshot only when it is a
/// different, complete publication. Nothing it does can replace or damage the current snapshot with a bad download:
/// every file is staged to disk and fully parsed before the store is touched, and the store imports in one transaction.
/// </summary>
/// <remarks>
/// Verification, in order: HTTP status; Content-Type not HTML (and no HTML page served as anything else); body length
/// equal to Content-Length; SHA-256 of every file (equal to the current snapshot's files means unchanged, no parse);
/// a complete parse with the list's parser; at least one entry; at least <see cref="RefreshOptions.MinimumFraction"/>
/// of the current snapshot's entries unless forced; entity content different from the last snapshot this refresher
/// imported; a publication date not older than the current snapshot's. Like the store, one instance is not thread-safe.
/// </remarks>
public sealed class ListRefresher : IDisposable
{
    private readonly IListStore _store;
    private readonly RefreshStatusStore _status;
    private readonly SourceRegistry _sources;
    private readonly RefreshOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;

    /// <param name="http">
    /// The client to download with; by default one owned by the refresher, with no overall timeout (each attempt is
    /// bounded by <see cref="RefreshOptions.AttemptTimeout"/>) and automatic gzip/deflate/brotli decompression.
    /// </param>
    public ListRefresher(
        IListStore store, RefreshStatusStore status, SourceRegistry sources, RefreshOptions? options = null, HttpClient? http = null, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
        _options = options ?? new RefreshOptions();
        _time = time ?? TimeProvider.System;
        if (http is null)
        {
            _http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _ownsHttp = true;
        }
        else
        {
            _http = http;
        }
    }

    public RefreshOptions Options => _options;

    /// <summary>
    /// Refreshes <paramref name="listIds"/> (every enabled source when null or empty; a named list is refreshed even
    /// when disabled, since asking for it by name is the intent) one after another. A failure of one list does not
    /// stop the others; each outcome says what happened and the status table records it.
    /// </summary>
    /// <exception cref="ArgumentException">A named list has no source.</exception>
    public async Task<IReadOnlyList<RefreshOutcome>> RefreshAsync(IEnumerable<string>? listIds = null, bool force = false, CancellationToken cancellationToken = default)
    {
        var wanted = listIds?.Distinct(StringComparer.Ordinal).ToList();
        List<RefreshSource> sources;
        if (wanted is null || wanted.Count == 0)
        {
            sources = _sources.Enabled.ToList();
        }
        else
        {
            var unknown = wanted.Where(id => _sources.Find(id) is null).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException(
                    $"no download source for {string.Join(", ", unknown)} (known: {string.Join(", ", _sources.All.Select(s => s.ListId).Order(StringComparer.Ordinal))})",
                    nameof(listIds));
            }

            sources = wanted.Select(id => _sources.Find(id)!).ToList();
        }

        var outcomes = new List<RefreshOutcome>(sources.Count);
        foreach (var source in sources)
        {
            outcomes.Add(await RefreshAsync(source, force, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    /// <summary>Refreshes one list. Never throws for a bad download or file; only cancellation propagates.</summary>
    public async Task<RefreshOutcome> RefreshAsync(RefreshSource source, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var listId = source.ListId;
        var startedAt = _time.GetUtcNow();
        var staging = Path.Combine(_options.StagingDirectory ?? Path.GetTempPath(), "interdict-refresh", $"{listId}-{Guid.NewGuid():N}");
        var files = new List<SourceFile>();
        ListSnapshot? current = null;
        try
        {
            current = _store.SnapshotAt(listId);
            Directory.CreateDirectory(staging);
            var downloader = new SourceDownloader(_http, _options);
            var downloads = new List<DownloadedFile>(source.Files.Count);
            for (var i = 0; i < source.Files.Count; i++)
            {
                var remote = source.Files[i];

                // Files are staged under their ordinal: two remote names may sanitise to the same local name.
                var d = await downloader.DownloadAsync(remote, Path.Combine(staging, i.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
                downloads.Add(d);
                files.Add(new SourceFile(remote.Name, d.Sha256, d.Bytes));
            }

            if (current is not null && SameFiles(current.Files, files))
            {
                return Success(listId, startedAt, RefreshResult.Unchanged, current, null, files, null,
                    $"unchanged: the files are those of snapshot #{current.Id} ({Count(current.EntityCount)} entries)");
            }

            var inputs = downloads.Select(d => new SourceInput(d.Remote.Name, () => File.OpenRead(d.Path))).ToList();
            var verified = Verify(source, inputs);
            if (current is not null && !force && verified.Count < current.EntityCount * _options.MinimumFraction)
            {
                throw new RefreshRejectedException(
                    $"{Count(verified.Count)} entries, fewer than {Percent(_options.MinimumFraction)} of the " +
                    $"{Count(current.EntityCount)} in the current snapshot #{current.Id}: refused as a probably broken publication (use --force to accept it)");
            }

            var status = _status.Get(listId);
            if (current is not null && status?.LastSnapshotId == current.Id && status.ContentHash == verified.ContentHash)
            {
                return Success(listId, startedAt, RefreshResult.Unchanged, current, null, files, verified.ContentHash,
                    $"unchanged: new files, but the same {Count(current.EntityCount)} entries as snapshot #{current.Id}");
            }

            var published = verified.Published ?? downloads.Max(d => d.LastModified) ?? startedAt;
            if (current is not null && published < current.Published)
            {
                throw new RefreshRejectedException(
                    $"the download is published {published:yyyy-MM-dd HH:mm}Z, before the current snapshot #{current.Id} ({current.Published:yyyy-MM-dd HH:mm}Z): an older publication is not imported over a newer one");
            }

            var parser = ListCatalog.CreateParser(source.Format)!;
            var import = _store.Import(listId, published, parser, inputs);
            if (import.AlreadyImported)
            {
                return Success(listId, startedAt, RefreshResult.Unchanged, import.Snapshot, null, files, verified.ContentHash,
                    $"unchanged: the same publication is already stored as snapshot #{import.Snapshot.Id}");
            }

            var message = $"imported snapshot #{import.Snapshot.Id}: {Count(import.Snapshot.EntityCount)} entries " +
                $"(+{Count(import.Added)} -{Count(import.Removed)} ~{Count(import.Changed)})";
            if (force && current is not null && import.Snapshot.EntityCount < current.EntityCount * _options.MinimumFraction)
            {
                message += $", forced although below {Percent(_options.MinimumFraction)} of the previous {Count(current.EntityCount)}";
            }

            if (import.Warnings.Count > 0)
            {
                message += $"; {Count(import.Warnings.Count)} warning(s): {import.Warnings[0]}";
            }

            return Success(listId, startedAt, RefreshResult.Imported, import.Snapshot, import, files, verified.ContentHash, message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _status.RecordFailure(listId, startedAt, "cancelled before the refresh finished");
            throw;
        }
        catch (Exception ex)
        {
            var error = ex switch
            {
                DownloadException or RefreshRejectedException or ListFormatException => ex.Message,
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            _status.RecordFailure(listId, startedAt, error);
            return new RefreshOutcome(listId, RefreshResult.Failed, error, current, null, files);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private RefreshOutcome Success(
        string listId, DateTimeOffset at, RefreshResult result, ListSnapshot snapshot, ImportResult? import, List<SourceFile> files, string? contentHash, string message)
    {
        _status.RecordSuccess(listId, at, result, snapshot.Id, message, contentHash);
        return new RefreshOutcome(listId, result, message, snapshot, import, files);
    }

    private sealed record Verified(int Count, string ContentHash, DateTimeOffset? Published);

    /// <summary>
    /// Parses the whole download once before the store sees it: a parse error surfaces here, not halfway through an
    /// import, and the content hash lets an unchanged republication (new bytes, same entries) be recognised.
    /// </summary>
    private static Verified Verify(RefreshSource source, IReadOnlyList<SourceInput> inputs)
    {
        var parser = ListCatalog.CreateParser(source.Format)
            ?? throw new RefreshRejectedException($"no parser for format '{source.Format}'");
        var names = string.Join(", ", inputs.Select(i => i.Name));
        var context = new ParseContext(source.ListId);
        var hashes = new List<(string Id, byte[] Hash)>();
        var buffer = new ArrayBufferWriter<byte>(4096);
        Utf8JsonWriter? writer = null;
        try
        {
            foreach (var entity in parser.Parse(inputs, context))
            {
                if (entity.ListId != source.ListId)
                {
                    throw new RefreshRejectedException($"{names}: entry '{entity.Id}' belongs to list '{entity.ListId}', not {source.ListId}");
                }

                EntityJson.Write(entity, buffer, ref writer);
                hashes.Add((entity.Id, SHA256.HashData(buffer.WrittenSpan)));
            }
        }
        catch (System.Xml.XmlException ex)
        {
            // Parsers wrap their own checks; a reader error on a cut file may still arrive bare.
            throw new ListFormatException(names, SourceXml.Describe(ex), ex.LineNumber > 0 ? ex.LineNumber : null, inner: ex);
        }
        finally
        {
            writer?.Dispose();
        }

        if (hashes.Count == 0)
        {
            throw new ListFormatException(names, "contains no entries; an empty list is never imported");
        }

        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (id, hash) in hashes.OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            content.AppendData(Encoding.UTF8.GetBytes(id));
            content.AppendData([0]);
            content.AppendData(hash);
        }

        return new Verified(hashes.Count, Convert.ToHexStringLower(content.GetHashAndReset()), context.Published);
    }

    // By content, not by name: the bundled UN_consolidated.xml and a downloaded consolidated.xml with the same
    // bytes are the same publication.
    private static bool SameFiles(IReadOnlyList<SourceFile> stored, List<SourceFile> downloaded) =>
        stored.Count == downloaded.Count
        && stored.Select(f => f.Sha256.ToLowerInvariant()).Order(StringComparer.Ordinal)
            .SequenceEqual(downloaded.Select(f => f.Sha256.ToLowerInvariant()).Order(StringComparer.Ordinal));

    private static string Percent(double f) => (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover staging folder wastes disk but harms nothing; the next refresh uses a new one.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A download that arrived whole but is refused (shrunk, older, not this list).</summary>
internal sealed class RefreshRejectedException : Exception
{
    public RefreshRejectedException(string message)
        : base(message)
    {
    }

    public RefreshRejectedException()
    {
    }

    public RefreshRejectedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
