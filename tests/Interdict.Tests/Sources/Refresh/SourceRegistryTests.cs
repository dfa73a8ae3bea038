using Interdict.Sources.Refresh;

namespace Interdict.Tests.Sources.Refresh;

public class SourceRegistryTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Official_sources_name_the_publishers_urls_and_formats()
    {
        var r = SourceRegistry.Default;

        var sdn = r.Find("ofac-sdn")!;
        Assert.Equal("ofac-csv", sdn.Format);
        Assert.Equal(["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"], sdn.Files.Select(f => f.Name));
        Assert.Equal("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV", sdn.Files[3].Url.AbsoluteUri);
        Assert.Equal(["cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"], r.Find("ofac-cons")!.Files.Select(f => f.Name));
        Assert.Equal("https://scsanctions.un.org/resources/xml/en/consolidated.xml", r.Find("un-sc")!.Primary.Url.AbsoluteUri);
        Assert.Equal("un-xml", r.Find("un-sc")!.Format);
        Assert.Equal("https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv", r.Find("us-csl")!.Primary.Url.AbsoluteUri);
        Assert.Equal("ftm", r.Find("opensanctions")!.Format);
        Assert.Equal(["eu-fsf", "ofac-cons", "ofac-sdn", "uk-sanctions-list", "un-sc", "us-csl"], r.Enabled.Select(s => s.ListId).Order(StringComparer.Ordinal));
        Assert.Equal(("uk-sanctions-list-xml", "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml", "UK-Sanctions-List.xml"), (r.Find("uk-sanctions-list")!.Format, r.Find("uk-sanctions-list")!.Primary.Url.AbsoluteUri, r.Find("uk-sanctions-list")!.Primary.Name));
        Assert.Contains("OFSI stopped publishing its Consolidated List on 28 January 2026", r.Find("uk-ofsi")!.Note, StringComparison.Ordinal);
        Assert.All(r.All.Where(s => !s.Enabled), s => Assert.StartsWith("Off by default: ", s.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_sources_file_the_official_sources_and_defaults_apply()
    {
        var dir = TestPaths.TempDir();
        try
        {
            var config = SourceRegistry.Load(Path.Combine(dir, "interdict.db"), NoEnvironment);

            Assert.Null(config.ConfigPath);
            Assert.Null(config.Options.Interval);
            Assert.Equal(0.5, config.Options.MinimumFraction);
            Assert.Equal(
                SourceRegistry.Default.All.Select(s => (s.ListId, s.Format, s.Enabled, string.Join(" ", s.Files))).Order(),
                config.Sources.All.Select(s => (s.ListId, s.Format, s.Enabled, string.Join(" ", s.Files))).Order());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Overrides_from_file_then_environment()
    {
        var dir = TestPaths.TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, SourceRegistry.FileName), """
                {
                  "refresh": { "interval": "6h", "minimumFraction": 0.3, "retries": 5, "retryDelay": "1s", "attemptTimeout": "2m" },
                  "sources": {
                    "ofac-sdn": { "baseUrl": "https://mirror.example.org/ofac" },
                    "un-sc": { "url": "https://mirror.example.org/un/consolidated.xml", "enabled": false },
                    "ofac-cons": { "files": { "cons_prim.csv": "https://m.example.org/p.csv", "cons_alt.csv": "https://m.example.org/a.csv" } },
                    "us-bis-dpl": { "enabled": true },
                    "my-blocklist": { "format": "ftm", "url": "https://intranet.example.org/blocklist.ftm.json" }
                  }
                }
                """);
            var env = new Dictionary<string, string>
            {
                ["INTERDICT_SOURCE_UN_SC_ENABLED"] = "true",
                ["INTERDICT_SOURCE_OFAC_SDN_SDN_CSV_URL"] = "https://other.example.org/sdn.csv",
                ["INTERDICT_SOURCE_US_CSL_URL"] = "https://csl.example.org/consolidated.csv",
                ["INTERDICT_REFRESH_INTERVAL"] = "30m",
            };

            var config = SourceRegistry.Load(Path.Combine(dir, "interdict.db"), env.GetValueOrDefault);
            var r = config.Sources;

            Assert.Equal(Path.Combine(dir, SourceRegistry.FileName), config.ConfigPath);
            Assert.Equal(TimeSpan.FromMinutes(30), config.Options.Interval);
            Assert.Equal(0.3, config.Options.MinimumFraction);
            Assert.Equal(5, config.Options.Retries);
            Assert.Equal(TimeSpan.FromSeconds(1), config.Options.RetryDelay);
            Assert.Equal(TimeSpan.FromMinutes(2), config.Options.AttemptTimeout);
            Assert.Equal(
                ["https://other.example.org/sdn.csv", "https://mirror.example.org/ofac/ADD.CSV", "https://mirror.example.org/ofac/ALT.CSV", "https://mirror.example.org/ofac/SDN_COMMENTS.CSV"],
                r.Find("ofac-sdn")!.Files.Select(f => f.Url.AbsoluteUri));
            Assert.Equal(["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"], r.Find("ofac-sdn")!.Files.Select(f => f.Name));
            Assert.True(r.Find("un-sc")!.Enabled);
            Assert.Equal("https://mirror.example.org/un/consolidated.xml", r.Find("un-sc")!.Primary.Url.AbsoluteUri);
            Assert.Equal([("cons_prim.csv", "https://m.example.org/p.csv"), ("cons_alt.csv", "https://m.example.org/a.csv")], r.Find("ofac-cons")!.Files.Select(f => (f.Name, f.Url.AbsoluteUri)));
            Assert.True(r.Find("us-bis-dpl")!.Enabled);
            Assert.Equal("https://csl.example.org/consolidated.csv", r.Find("us-csl")!.Primary.Url.AbsoluteUri);
            var mine = r.Find("my-blocklist")!;
            Assert.Equal(("ftm", "blocklist.ftm.json", true), (mine.Format, mine.Primary.Name, mine.Enabled));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{ "sources": { "un-sc": { "url": "ftp://example.org/x.xml" } } }""", "sources.un-sc.url: 'ftp://example.org/x.xml' is not an http(s) URL")]
    [InlineData("""{ "sources": { "mine": { "url": "https://example.org/x.csv" } } }""", "sources.mine: a list without a built-in source needs \"format\"")]
    [InlineData("""{ "sources": { "mine": { "format": "nope", "url": "https://example.org/x.csv" } } }""", "sources.mine: unknown format 'nope'")]
    [InlineData("""{ "sources": { "ofac-sdn": { "url": "https://example.org/sdn.csv" } } }""", "sources.ofac-sdn: \"url\" names one file but this list is a set of 4")]
    [InlineData("""{ "refresh": { "minimumFraction": 2 } }""", "refresh: minimumFraction 2 is not between 0 and 1")]
    [InlineData("""{ "refresh": { "interval": "6" } }""", "refresh: '6' is not a duration (expected e.g. 90s, 30m, 6h, 1d or 06:00:00)")]
    [InlineData("""{ "refresh": { "retryDelay": "500ms" } }""", "refresh: '500ms' is not a duration (expected e.g. 90s, 30m, 6h, 1d or 06:00:00)")]
    [InlineData("""{ "sources": { "un-sc": { "adress": "x" } } }""", "'adress'")]
    public void A_malformed_sources_file_is_reported_with_its_path(string json, string expected)
    {
        var dir = TestPaths.TempDir();
        try
        {
            var path = Path.Combine(dir, SourceRegistry.FileName);
            File.WriteAllText(path, json);

            var ex = Assert.Throws<FormatException>(() => SourceRegistry.Load(Path.Combine(dir, "interdict.db"), NoEnvironment));

            Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Environment_errors_name_the_variable()
    {
        var ex = Assert.Throws<FormatException>(() => SourceRegistry.Load(
            Path.Combine(Path.GetTempPath(), "no-such-dir-interdict", "x.db"),
            name => name == "INTERDICT_SOURCE_OFAC_SDN_URL" ? "https://example.org/sdn.csv" : null));

        Assert.Equal("INTERDICT_SOURCE_OFAC_SDN_URL: ofac-sdn is a set of 4 files; use INTERDICT_SOURCE_OFAC_SDN_BASE_URL or INTERDICT_SOURCE_OFAC_SDN_<FILE>_URL", ex.Message);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("6h", 21600)]
    [InlineData("1d", 86400)]
    [InlineData("0.5s", 0.5)]
    [InlineData("06:00:00", 21600)]
    public void Durations_are_read_with_units(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RefreshOptions.ParseDuration(text));

    [Theory]
    [InlineData("off")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData(null)]
    public void Off_means_no_interval(string? text) => Assert.Null(RefreshOptions.ParseDuration(text));
}
