namespace Interdict.Sources;

/// <summary>A list Interdict knows: its id, who publishes it, and the formats it can be read from.</summary>
public sealed record ListDefinition(string Id, string Name, string Publisher, IReadOnlyList<string> Formats);

/// <summary>
/// The known lists and parsers. A list id is the prefix of its entity ids; a format is how a file set is read.
/// Parsers register here so the command line and the server find them by name.
/// </summary>
public static class ListCatalog
{
    public static IReadOnlyList<ListDefinition> Lists { get; } =
    [
        new("ofac-sdn", "OFAC Specially Designated Nationals and Blocked Persons List", "US Treasury OFAC", ["ofac-csv", "ofac-xml", "ofac-advanced", "ofac-enhanced"]),
        new("ofac-cons", "OFAC Consolidated (non-SDN) Sanctions List", "US Treasury OFAC", ["ofac-csv", "ofac-xml", "ofac-advanced", "ofac-enhanced"]),
        new("un-sc", "UN Security Council Consolidated List", "United Nations Security Council", ["un-xml"]),
        new("us-csl", "US Consolidated Screening List", "US Department of Commerce ITA", ["us-csl-csv"]),
        new("us-bis-dpl", "BIS Denied Persons List", "US Department of Commerce BIS", ["bis-dpl-tsv"]),
        new("uk-ofsi", "UK Consolidated List of Financial Sanctions Targets", "HM Treasury OFSI", ["uk-ofsi-csv"]),
        new("uk-sanctions-list", "UK Sanctions List", "UK Foreign, Commonwealth & Development Office (FCDO)", ["uk-sanctions-list-xml", "uk-sanctions-list-csv"]),
        new("eu-fsf", "EU Consolidated Financial Sanctions List", "European Commission", ["eu-fsf-legacy-xml"]),
    ];

    private static readonly Dictionary<string, Func<IListParser>> Parsers = new(StringComparer.Ordinal);

    public static void Register(string format, Func<IListParser> factory) => Parsers[format] = factory;

    public static ListDefinition? Find(string listId) => Lists.FirstOrDefault(l => l.Id == listId);

    public static IListParser? CreateParser(string format)
    {
        EnsureRegistered();
        return Parsers.TryGetValue(format, out var f) ? f() : null;
    }

    public static IEnumerable<string> Formats
    {
        get
        {
            EnsureRegistered();
            return Parsers.Keys;
        }
    }

    /// <summary>
    /// Guesses the format of a file set from names and first bytes, so that `import` needs no --format for
    /// official files. Returns null when nothing fits.
    /// </summary>
    public static string? DetectFormat(IReadOnlyList<SourceInput> files)
    {
        foreach (var f in files)
        {
            var n = f.Name.ToLowerInvariant();
            if (n.EndsWith(".csv", StringComparison.Ordinal) && (n.StartsWith("sdn", StringComparison.Ordinal) || n.StartsWith("add", StringComparison.Ordinal) || n.StartsWith("alt", StringComparison.Ordinal) || n.StartsWith("cons_", StringComparison.Ordinal)))
            {
                return "ofac-csv";
            }
        }

        foreach (var f in files)
        {
            var head = Head(f);
            if (head.Contains("<sdnList", StringComparison.Ordinal))
            {
                return "ofac-xml";
            }

            // Before OFAC's <Sanctions: a UK designation's <SanctionsImposed> would match that too.
            if (head.Contains("<Designations", StringComparison.Ordinal))
            {
                return "uk-sanctions-list-xml";
            }

            if (head.TrimStart('\uFEFF').StartsWith("Report Date:", StringComparison.Ordinal) && head.Contains("OFSI Group ID", StringComparison.Ordinal))
            {
                return "uk-sanctions-list-csv";
            }

            if (head.Contains("<Sanctions", StringComparison.Ordinal))
            {
                return "ofac-advanced";
            }

            if (head.Contains("<sanctionsData", StringComparison.Ordinal))
            {
                return "ofac-enhanced";
            }

            if (head.Contains("<CONSOLIDATED_LIST", StringComparison.Ordinal))
            {
                return "un-xml";
            }

            if (head.StartsWith("_id,source,entity_number,", StringComparison.Ordinal))
            {
                return "us-csl-csv";
            }

            if (head.StartsWith("\"Name\"\t\"Street_Address\"", StringComparison.Ordinal))
            {
                return "bis-dpl-tsv";
            }

            if (head.StartsWith("Last Updated,", StringComparison.Ordinal) && head.Contains("Group ID", StringComparison.Ordinal))
            {
                return "uk-ofsi-csv";
            }

            if (head.Contains("<WHOLE", StringComparison.Ordinal) && head.Contains("<ENTITY", StringComparison.Ordinal))
            {
                return "eu-fsf-legacy-xml";
            }

            if (head.TrimStart().StartsWith('{') && head.Contains("\"schema\"", StringComparison.Ordinal))
            {
                return "ftm";
            }
        }

        return null;
    }

    private static string Head(SourceInput f)
    {
        using var s = f.Open();
        var buf = new byte[4096];
        var n = s.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buf, 0, n);
    }

    private static int _registered;

    // Parsers live in this assembly; registering them lazily keeps start-up free of reflection.
    private static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        BuiltInParsers.RegisterAll();
    }
}

/// <summary>Each parser folder adds its line here.</summary>
internal static partial class BuiltInParsers
{
    internal static void RegisterAll()
    {
        ListCatalog.Register("ofac-csv", () => new Ofac.OfacCsvParser());
        ListCatalog.Register("un-xml", () => new Un.UnXmlParser());
        ListCatalog.Register("ftm", () => new Ftm.FtmParser());
        ListCatalog.Register("us-csl-csv", () => new UsCsl.CslCsvParser());
        ListCatalog.Register("ofac-xml", () => new Ofac.Xml.OfacXmlParser());
        ListCatalog.Register("ofac-advanced", () => new Ofac.Advanced.OfacAdvancedXmlParser());
        ListCatalog.Register("ofac-enhanced", () => new Ofac.Enhanced.OfacEnhancedXmlParser());
        ListCatalog.Register("bis-dpl-tsv", () => new BisDpl.DplTsvParser());
        ListCatalog.Register("uk-ofsi-csv", () => new UkOfsi.OfsiCsvParser());
        ListCatalog.Register("eu-fsf-legacy-xml", () => new EuFsf.EuFsfLegacyXmlParser());
        ListCatalog.Register("uk-sanctions-list-xml", () => new UkSanctionsList.UkSanctionsListXmlParser());
        ListCatalog.Register("uk-sanctions-list-csv", () => new UkSanctionsList.UkSanctionsListCsvParser());
    }
}
