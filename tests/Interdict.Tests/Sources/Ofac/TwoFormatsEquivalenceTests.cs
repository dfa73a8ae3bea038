using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Sources.Ofac;

/// <summary>
/// The same list in two formats must give the same entities. OFAC's consolidated list: the classic XML of
/// 2025-03-28 against the CSV set of December 2025, compared field by field where they overlap. The only
/// differences allowed are those the publications really have (entries OFAC updated between March and December)
/// and the one the CSV format really has (no double quotes inside a quoted weak alias).
/// </summary>
public class TwoFormatsEquivalenceTests
{
    private static readonly Lazy<(Dictionary<string, Entity> Csv, Dictionary<string, Entity> Xml)> Sets = new(() =>
    {
        var dir = TestPaths.Data("ofac/cons-csv/2025-12");
        var csv = ListCatalog.CreateParser("ofac-csv")!
            .Parse(new[] { "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv" }.Select(f => SourceInput.FromPath(Path.Combine(dir, f))).ToList(), new ParseContext("ofac-cons"))
            .ToDictionary(e => e.Id);
        var xml = ListCatalog.CreateParser("ofac-xml")!
            .Parse([SourceInput.FromPath(TestPaths.Data("ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML"))], new ParseContext("ofac-cons"))
            .ToDictionary(e => e.Id);
        return (csv, xml);
    });

    private static string Set<T>(IEnumerable<T> items, Func<T, string> key) => string.Join(" | ", items.Select(key).Order(StringComparer.Ordinal));

    /// <summary>Every field the two formats both carry, in a comparable form.</summary>
    private static Dictionary<string, string> Fields(Entity e) => new()
    {
        ["kind"] = e.Kind.ToString(),
        ["primary name"] = e.PrimaryName.Full,
        ["names"] = Set(e.Names, n => $"{n.Type}/{n.Strength}/{n.Full}"),
        ["programs"] = Set(e.Programs, p => p),
        ["birth dates"] = Set(e.BirthDates, d => d.ToString()),
        ["birth places"] = Set(e.BirthPlaces, p => p),
        ["nationalities"] = Set(e.Nationalities, c => c),
        ["citizenships"] = Set(e.Citizenships, c => c),
        ["gender"] = e.Gender?.ToString() ?? "",
        ["titles"] = Set(e.Titles, t => t),
        ["identifiers"] = Set(e.Identifiers, i => $"{i.Kind}:{i.Value}:{i.Country}:{i.IssueDate}:{i.ExpiryDate}"),
        ["address countries"] = Set(e.Addresses, a => a.Country ?? ""),
        ["vessel"] = e.Vessel is { } v ? $"{v.Flag}/{v.Type}/{v.CallSign}/{v.Tonnage}/{v.GrossRegisteredTonnage}" : "",
    };

    private static List<string> Differences(Entity a, Entity b)
    {
        var fa = Fields(a);
        var fb = Fields(b);
        return fa.Keys.Where(k => fa[k] != fb[k]).ToList();
    }

    [Fact]
    public void The_formats_overlap_on_every_entry_but_one_delisted_between_the_publications()
    {
        var (csv, xml) = Sets.Value;
        Assert.Equal(442, csv.Count);
        Assert.Equal(443, xml.Count);
        Assert.Empty(csv.Keys.Except(xml.Keys));
        Assert.Equal(["ofac-cons:26182"], xml.Keys.Except(csv.Keys));
    }

    [Fact]
    public void Entries_OFAC_did_not_update_are_identical_field_by_field()
    {
        var (csv, xml) = Sets.Value;
        var updated = csv.Keys.Where(id => Fields(csv[id])["programs"] != Fields(xml[id])["programs"]).ToHashSet();
        var checkedEntries = 0;
        foreach (var id in csv.Keys.Where(id => !updated.Contains(id) && id != "ofac-cons:22391"))
        {
            Assert.True(Differences(csv[id], xml[id]).Count == 0, $"{id} differs in {string.Join(", ", Differences(csv[id], xml[id]))}");
            checkedEntries++;
        }

        Assert.True(checkedEntries > 420, $"only {checkedEntries} entries compared");
    }

    [Fact]
    public void The_differences_are_the_publications_real_updates()
    {
        var (csv, xml) = Sets.Value;
        var programChanges = csv.Keys
            .Where(id => Fields(csv[id])["programs"] != Fields(xml[id])["programs"])
            .ToDictionary(id => id, id => (Added: csv[id].Programs.Except(xml[id].Programs).ToList(), Removed: xml[id].Programs.Except(csv[id].Programs).ToList()));

        // Between March and December 2025 OFAC added EO 14024 to eleven Russian energy entries (Lukoil, Rosneft
        // subsidiaries...) and took one entry off the Syria program.
        Assert.Equal(11, programChanges.Count(c => c.Value.Added.SequenceEqual(["RUSSIA-EO14024"]) && c.Value.Removed.Count == 0));
        Assert.Equal(["SYRIA"], programChanges["ofac-cons:18782"].Removed);
        Assert.Equal(12, programChanges.Count);
        Assert.Contains("PUBLIC JOINT-STOCK COMPANY OIL COMPANY LUKOIL", csv["ofac-cons:17248"].Names.Select(n => n.Full));
        Assert.DoesNotContain("PUBLIC JOINT-STOCK COMPANY OIL COMPANY LUKOIL", xml["ofac-cons:17248"].Names.Select(n => n.Full));
    }

    [Fact]
    public void The_one_format_difference_is_quotes_inside_a_weak_alias()
    {
        var (csv, xml) = Sets.Value;
        Assert.Equal(["names"], Differences(csv["ofac-cons:22391"], xml["ofac-cons:22391"]));
        Assert.Contains("OPEN JOINT-STOCK COMPANY 'OIL TRUNK PIPELINES 'DRUZHBA''", csv["ofac-cons:22391"].Names.Select(n => n.Full));
        Assert.Contains("OPEN JOINT-STOCK COMPANY \"OIL TRUNK PIPELINES 'DRUZHBA'\"", xml["ofac-cons:22391"].Names.Select(n => n.Full));
    }

    [Fact]
    public void An_identifier_whose_country_is_written_into_its_number_matches_the_csv()
    {
        var (csv, xml) = Sets.Value;
        var fromXml = xml["ofac-cons:17064"].Identifiers.Single(i => i.Value == "1026303117642");
        var fromCsv = csv["ofac-cons:17064"].Identifiers.Single(i => i.Value == "1026303117642");
        Assert.Equal("RU", fromXml.Country);
        Assert.Equal(fromCsv.Kind, fromXml.Kind);
    }
}
