using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac.Enhanced;
using Interdict.Sources.Ofac.Xml;

namespace Interdict.Tests.Sources.Ofac;

/// <summary>
/// CONSOLIDATED.XML of 2025-03-28 and CONS_ENHANCED.XML of 2025-01-10 are two renderings of nearly the same
/// publication: read by their own parsers they must agree on what both state.
/// </summary>
public class OfacXmlCrossFormatTests
{
    private static readonly Lazy<(Dictionary<string, Entity> Classic, Dictionary<string, Entity> Enhanced)> Both = new(() =>
    (
        new OfacXmlParser().Parse([SourceInput.FromPath(TestPaths.Data("ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML"))], new ParseContext("ofac-cons")).ToDictionary(e => e.NativeId),
        new OfacEnhancedXmlParser().Parse([SourceInput.FromPath(TestPaths.Data("ofac/enhanced-xml/cons-enhanced-2025-01-14/CONS_ENHANCED.XML"))], new ParseContext("ofac-cons")).ToDictionary(e => e.NativeId)));

    [Fact]
    public void Both_formats_hold_the_same_443_entries()
    {
        var (classic, enhanced) = Both.Value;

        Assert.Equal(443, classic.Count);
        Assert.Equal(classic.Keys.Order(StringComparer.Ordinal), enhanced.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("9639")]
    [InlineData("9647")]
    [InlineData("17013")]
    [InlineData("17014")]
    [InlineData("18267")]
    [InlineData("26182")]
    [InlineData("30923")]
    [InlineData("33114")]
    public void Sampled_entries_agree_on_names_programs_and_facts(string id)
    {
        var (classic, enhanced) = Both.Value;
        var a = classic[id];
        var b = enhanced[id];

        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.Kind, b.Kind);
        Assert.Equal(a.PrimaryName.Full, b.PrimaryName.Full);
        Assert.Equal(a.Programs.Order(StringComparer.Ordinal), b.Programs.Order(StringComparer.Ordinal));

        // The classic format has no original-script names; the Latin names are the same set in both.
        Assert.Equal(a.Names.Select(n => (n.Full, n.Type, n.Strength)).Order(), b.Names.Where(n => n.Script is null).Select(n => (n.Full, n.Type, n.Strength)).Order());
        Assert.Equal(a.BirthDates.Select(d => d.ToString()), b.BirthDates.Select(d => d.ToString()));
        Assert.Equal(a.Nationalities, b.Nationalities);
        Assert.Equal(a.Citizenships, b.Citizenships);
        Assert.Equal(a.Gender, b.Gender);
        Assert.Equal(a.Identifiers.Select(i => (i.Kind, i.Value)).Order(), b.Identifiers.Select(i => (i.Kind, i.Value)).Order());
    }

    [Fact]
    public void Every_entry_agrees_on_primary_name_and_programs()
    {
        var (classic, enhanced) = Both.Value;

        var nameDiffs = classic.Values.Where(a => a.PrimaryName.Full != enhanced[a.NativeId].PrimaryName.Full).Select(a => a.NativeId).ToList();
        var programDiffs = classic.Values.Where(a => !a.Programs.Order(StringComparer.Ordinal).SequenceEqual(enhanced[a.NativeId].Programs.Order(StringComparer.Ordinal))).Select(a => a.NativeId).ToList();

        Assert.Empty(nameDiffs);
        Assert.Empty(programDiffs);
    }

    [Fact]
    public void The_formats_differ_where_they_really_differ()
    {
        var (classic, enhanced) = Both.Value;

        // Classic remarks carry "(Linked To: ...)"; the enhanced format states the same as relationships instead.
        Assert.Equal("(Linked To: HAMAS)", classic["9647"].Remarks);
        Assert.Null(enhanced["9647"].Remarks);
        Assert.Equal("HAMAS", Assert.Single(enhanced["9647"].Links).TargetName);
        Assert.Empty(classic["9647"].Links);
        Assert.Equal(283, classic.Values.Count(e => e.Remarks?.Contains("Linked To:", StringComparison.Ordinal) == true
            && e.Remarks != enhanced[e.NativeId].Remarks));

        // Gaza: a pseudo-country "Region: Gaza" in the classic file, a REGION address part in the enhanced one.
        Assert.Equal(("Region: Gaza", "PS"), (classic["9647"].Addresses[0].CountryName, classic["9647"].Addresses[0].Country));
        Assert.Equal(("Gaza", (string?)null), (enhanced["9647"].Addresses[0].Region, enhanced["9647"].Addresses[0].CountryName));

        // Between January and March 2025 OFAC added a secondary-sanctions note to 9659.
        Assert.Contains(classic["9659"].Other, o => o.Key == "Secondary sanctions risk:");
        Assert.DoesNotContain(enhanced["9659"].Other, o => o.Key == "Secondary sanctions risk:");
    }
}
