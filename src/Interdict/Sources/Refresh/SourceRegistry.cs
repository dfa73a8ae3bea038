using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interdict.Sources.Refresh;

/// <summary>
/// The download sources of every list: the official URLs built in (see docs/sources.md), overridden by
/// <c>interdict.sources.json</c> next to the database and then by environment variables.
/// </summary>
/// <remarks>
/// Environment variables (list id upper-cased, '-' and '.' as '_'; <c>OFAC_SDN</c> for ofac-sdn):
/// <list type="bullet">
/// <item><c>INTERDICT_SOURCES</c>: path of the sources file instead of the one next to the database.</item>
/// <item><c>INTERDICT_SOURCE_&lt;LIST&gt;_ENABLED</c>: true or false.</item>
/// <item><c>INTERDICT_SOURCE_&lt;LIST&gt;_URL</c>: the URL of a single-file list.</item>
/// <item><c>INTERDICT_SOURCE_&lt;LIST&gt;_BASE_URL</c>: a mirror holding every file of the list under its official file name.</item>
/// <item><c>INTERDICT_SOURCE_&lt;LIST&gt;_&lt;FILE&gt;_URL</c>: one file of a set, e.g. <c>INTERDICT_SOURCE_OFAC_SDN_SDN_CSV_URL</c>.</item>
/// <item><c>INTERDICT_REFRESH_INTERVAL</c> (e.g. 6h, off), <c>INTERDICT_REFRESH_MIN_FRACTION</c> (e.g. 0.5).</item>
/// </list>
/// </remarks>
public sealed class SourceRegistry
{
    /// <summary>The file looked for next to the database.</summary>
    public const string FileName = "interdict.sources.json";

    private const string OfacExports = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/";

    private readonly Dictionary<string, RefreshSource> _sources;

    public SourceRegistry(IEnumerable<RefreshSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = new Dictionary<string, RefreshSource>(StringComparer.Ordinal);
        foreach (var s in sources)
        {
            if (s.Files.Count == 0)
            {
                throw new ArgumentException($"source '{s.ListId}' has no files", nameof(sources));
            }

            _sources[s.ListId] = s;
        }
    }

    /// <summary>The official sources (docs/sources.md), before any configuration.</summary>
    public static IReadOnlyList<RefreshSource> Official { get; } =
    [
        Set("ofac-sdn", "ofac-csv", true, OfacExports, ("sdn.csv", "SDN.CSV"), ("add.csv", "ADD.CSV"), ("alt.csv", "ALT.CSV"), ("sdn_comments.csv", "SDN_COMMENTS.CSV")),
        Set("ofac-cons", "ofac-csv", true, OfacExports, ("cons_prim.csv", "CONS_PRIM.CSV"), ("cons_add.csv", "CONS_ADD.CSV"), ("cons_alt.csv", "CONS_ALT.CSV"), ("cons_comments.csv", "CONS_COMMENTS.CSV")),
        Single("un-sc", "un-xml", true, "https://scsanctions.un.org/resources/xml/en/consolidated.xml"),
        Single("us-csl", "us-csl-csv", true, "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"),
        Single(
            "us-bis-dpl", "bis-dpl-tsv", false, "https://www.bis.doc.gov/dpl/dpl.txt",
            "Off by default: the BIS site has been reorganised and this historical URL may no longer serve the file; the Denied Persons List is also part of us-csl."),
        Single(
            "uk-ofsi", "uk-ofsi-csv", false, "https://ofsistorage.blob.core.windows.net/publishlive/ConList.csv",
            "Off by default: OFSI stopped publishing its Consolidated List on 28 January 2026; kept to re-read old ConList.csv files. The UK list is now uk-sanctions-list (FCDO)."),
        Single("uk-sanctions-list", "uk-sanctions-list-xml", true, "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml"),
        Single(
            "opensanctions", "ftm", false, "https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
            "Off by default: OpenSanctions data is licensed CC BY-NC 4.0 (commercial use needs a licence) and the default dataset is several GB."),
    ];

    /// <summary>The sources with only the official defaults.</summary>
    public static SourceRegistry Default { get; } = new(Official);

    public IReadOnlyCollection<RefreshSource> All => _sources.Values;

    public IEnumerable<RefreshSource> Enabled => _sources.Values.Where(s => s.Enabled);

    public RefreshSource? Find(string listId) => _sources.GetValueOrDefault(listId);

    /// <summary>
    /// The sources and refresh options in force for the database at <paramref name="databasePath"/>: the official
    /// sources, then <c>interdict.sources.json</c> beside the database (or <c>$INTERDICT_SOURCES</c>), then environment
    /// variables.
    /// </summary>
    /// <exception cref="FormatException">The sources file or an environment variable is malformed (the message says where).</exception>
    public static RefreshConfiguration Load(string databasePath, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        environment ??= Environment.GetEnvironmentVariable;
        var configPath = environment("INTERDICT_SOURCES") is { Length: > 0 } p
            ? Path.GetFullPath(p)
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? ".", FileName);

        var sources = Official.ToDictionary(s => s.ListId, StringComparer.Ordinal);
        var options = new RefreshOptions();
        string? loaded = null;
        if (File.Exists(configPath))
        {
            loaded = configPath;
            ConfigFile? file;
            try
            {
                file = JsonSerializer.Deserialize<ConfigFile>(File.ReadAllBytes(configPath), JsonOptions);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{configPath}: {ex.Message}", ex);
            }

            if (file is not null)
            {
                options = Apply(options, file.Refresh, configPath);
                foreach (var (listId, entry) in file.Sources ?? [])
                {
                    sources[listId] = Apply(sources.GetValueOrDefault(listId), listId, entry, configPath);
                }
            }
        }

        foreach (var listId in sources.Keys.ToList())
        {
            sources[listId] = ApplyEnvironment(sources[listId], environment);
        }

        options = ApplyEnvironment(options, environment);
        return new RefreshConfiguration(new SourceRegistry(sources.Values), options, loaded);
    }

    /// <summary>The prefix of a list's environment variables, e.g. INTERDICT_SOURCE_OFAC_SDN.</summary>
    public static string EnvironmentPrefix(string listId) => "INTERDICT_SOURCE_" + EnvironmentToken(listId);

    private static RefreshSource Apply(RefreshSource? official, string listId, SourceEntry entry, string configPath)
    {
        var where = $"{configPath}: sources.{listId}";
        var format = entry.Format ?? official?.Format
            ?? throw new FormatException($"{where}: a list without a built-in source needs \"format\" (one of {string.Join(", ", ListCatalog.Formats.Order(StringComparer.Ordinal))})");
        if (ListCatalog.CreateParser(format) is null)
        {
            throw new FormatException($"{where}: unknown format '{format}'");
        }

        IReadOnlyList<RemoteFile>? files = official?.Files;
        if (entry.Files is { Count: > 0 })
        {
            files = entry.Files.Select(kv => new RemoteFile(kv.Key, ParseUrl(kv.Value, $"{where}.files.{kv.Key}"))).ToList();
        }
        else if (entry.Url is not null)
        {
            var url = ParseUrl(entry.Url, $"{where}.url");
            if (files is { Count: > 1 })
            {
                throw new FormatException($"{where}: \"url\" names one file but this list is a set of {files.Count} ({string.Join(", ", files.Select(f => f.Name))}); use \"files\" or \"baseUrl\"");
            }

            files = [new RemoteFile(entry.FileName ?? files?[0].Name ?? LastSegment(url), url)];
        }
        else if (entry.BaseUrl is not null)
        {
            files = Rebase(files ?? throw new FormatException($"{where}: \"baseUrl\" needs the list's official file names; give \"url\" or \"files\""), ParseUrl(entry.BaseUrl, $"{where}.baseUrl"));
        }

        if (files is null or { Count: 0 })
        {
            throw new FormatException($"{where}: no \"url\" or \"files\" given");
        }

        return new RefreshSource(listId, format, files, entry.Enabled ?? official?.Enabled ?? true, entry.Note ?? official?.Note);
    }

    private static RefreshOptions Apply(RefreshOptions options, RefreshEntry? r, string configPath)
    {
        if (r is null)
        {
            return options;
        }

        try
        {
            return options with
            {
                Interval = r.Interval is null ? options.Interval : RefreshOptions.ParseDuration(r.Interval),
                RetryAfterFailure = RefreshOptions.ParseDuration(r.RetryAfterFailure) ?? options.RetryAfterFailure,
                MinimumFraction = CheckFraction(r.MinimumFraction ?? options.MinimumFraction),
                Retries = r.Retries is int n && n >= 0 ? n : r.Retries is null ? options.Retries : throw new FormatException("retries must be 0 or more"),
                RetryDelay = RefreshOptions.ParseDuration(r.RetryDelay) ?? options.RetryDelay,
                AttemptTimeout = RefreshOptions.ParseDuration(r.AttemptTimeout) ?? options.AttemptTimeout,
                StagingDirectory = r.StagingDirectory ?? options.StagingDirectory,
            };
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{configPath}: refresh: {ex.Message}", ex);
        }
    }

    private static RefreshSource ApplyEnvironment(RefreshSource source, Func<string, string?> environment)
    {
        var prefix = EnvironmentPrefix(source.ListId);
        var enabled = source.Enabled;
        if (environment(prefix + "_ENABLED") is { Length: > 0 } e)
        {
            enabled = e.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw new FormatException($"{prefix}_ENABLED: '{e}' is not true or false"),
            };
        }

        var files = source.Files;
        if (environment(prefix + "_BASE_URL") is { Length: > 0 } b)
        {
            files = Rebase(files, ParseUrl(b, prefix + "_BASE_URL"));
        }

        if (environment(prefix + "_URL") is { Length: > 0 } u)
        {
            if (files.Count > 1)
            {
                throw new FormatException($"{prefix}_URL: {source.ListId} is a set of {files.Count} files; use {prefix}_BASE_URL or {prefix}_<FILE>_URL");
            }

            files = [files[0] with { Url = ParseUrl(u, prefix + "_URL") }];
        }

        files = files.Select(f => environment($"{prefix}_{EnvironmentToken(f.Name)}_URL") is { Length: > 0 } fu
            ? f with { Url = ParseUrl(fu, $"{prefix}_{EnvironmentToken(f.Name)}_URL") }
            : f).ToList();
        return source with { Enabled = enabled, Files = files };
    }

    private static RefreshOptions ApplyEnvironment(RefreshOptions options, Func<string, string?> environment)
    {
        if (environment("INTERDICT_REFRESH_INTERVAL") is { Length: > 0 } interval)
        {
            options = options with { Interval = RefreshOptions.ParseDuration(interval) };
        }

        if (environment("INTERDICT_REFRESH_MIN_FRACTION") is { Length: > 0 } f)
        {
            if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
            {
                throw new FormatException($"INTERDICT_REFRESH_MIN_FRACTION: '{f}' is not a number");
            }

            options = options with { MinimumFraction = CheckFraction(fraction) };
        }

        return options;
    }

    private static double CheckFraction(double f) =>
        f is >= 0 and <= 1 ? f : throw new FormatException($"minimumFraction {f.ToString(CultureInfo.InvariantCulture)} is not between 0 and 1");

    private static List<RemoteFile> Rebase(IReadOnlyList<RemoteFile> files, Uri baseUrl)
    {
        var b = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return files.Select(f => f with { Url = new Uri(b, LastSegment(f.Url)) }).ToList();
    }

    private static Uri ParseUrl(string text, string where) =>
        Uri.TryCreate(text, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? u
            : throw new FormatException($"{where}: '{text}' is not an http(s) URL");

    private static string LastSegment(Uri url) => Uri.UnescapeDataString(url.Segments[^1]);

    private static string EnvironmentToken(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return sb.ToString();
    }

    private static RefreshSource Single(string listId, string format, bool enabled, string url, string? note = null)
    {
        var u = new Uri(url);
        return new RefreshSource(listId, format, [new RemoteFile(LastSegment(u), u)], enabled, note);
    }

    private static RefreshSource Set(string listId, string format, bool enabled, string baseUrl, params (string Name, string Path)[] files) =>
        new(listId, format, files.Select(f => new RemoteFile(f.Name, new Uri(baseUrl + f.Path))).ToList(), enabled);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed class ConfigFile
    {
        public RefreshEntry? Refresh { get; set; }

        public Dictionary<string, SourceEntry>? Sources { get; set; }
    }

    private sealed class RefreshEntry
    {
        public string? Interval { get; set; }

        public string? RetryAfterFailure { get; set; }

        public double? MinimumFraction { get; set; }

        public int? Retries { get; set; }

        public string? RetryDelay { get; set; }

        public string? AttemptTimeout { get; set; }

        public string? StagingDirectory { get; set; }
    }

    private sealed class SourceEntry
    {
        public bool? Enabled { get; set; }

        public string? Format { get; set; }

        public string? Url { get; set; }

        public string? FileName { get; set; }

        public string? BaseUrl { get; set; }

        public Dictionary<string, string>? Files { get; set; }

        public string? Note { get; set; }
    }
}

/// <summary>What <see cref="SourceRegistry.Load"/> found: the sources, the refresh options, and the file read (if any).</summary>
public sealed record RefreshConfiguration(SourceRegistry Sources, RefreshOptions Options, string? ConfigPath);
