using Interdict.Model;
using Interdict.Screening;
using Interdict.Sources;
using Interdict.Tests.Sources;

namespace Interdict.Tests.Screening;

/// <summary>EU FSF v1.1 entries (real excerpts) against the bundled UN list of 2026-02-27.</summary>
public class EuCrossListLinkTests
{
    private static readonly Lazy<List<Entity>> Un = new(() => ParserTestKit.Parser("un-xml")
        .Parse([SourceInput.FromPath(TestPaths.Bundled("un-sc/2026-02-27/UN_consolidated.xml"))], new ParseContext("un-sc"))
        .ToList());

    private static List<Entity> Eu(string file) => ParserTestKit.ParseFile("eu-fsf-xml", "eu-fsf", "eu/eu-fsf-1.1-xml-excerpts/" + file);

    [Fact]
    public void The_eu_united_nation_id_links_abu_zayd_umar_dorda_to_un_lyi_006()
    {
        var links = CrossListLinker.Link(Eu("excerpt-2026-08-05-b.xml").Concat(Un.Value));

        // Of the five entries only EU.3886.3 gives a UN reference.
        var link = Assert.Single(links, l => l.Reason == LinkReason.UnReference);
        Assert.Equal(("eu-fsf:6106", "un-sc:LYi.006", LinkReason.UnReference), (link.EntityId, link.OtherEntityId, link.Reason));
        Assert.Equal("European Commission gives UN reference LYi.006", link.Explanation);
        Assert.Equal("also listed by United Nations Security Council as LYi.006 (European Commission gives UN reference LYi.006)", link.Describe("eu-fsf:6106"));
        Assert.Single(links, l => l.EntityId == "eu-fsf:6106" || l.OtherEntityId == "eu-fsf:6106");

        // Ibrahim al-Asiri gives no UN reference, but his Saudi national id is the UN entry's.
        var asiri = Assert.Single(links, l => l.EntityId == "eu-fsf:6177");
        Assert.Equal(("un-sc:QDi.291", LinkReason.SharedIdentifier), (asiri.OtherEntityId, asiri.Reason));
    }

    [Fact]
    public void A_un_reference_the_un_list_does_not_hold_links_nothing()
    {
        var dorda = Eu("excerpt-2026-08-05-b.xml").Single(e => e.NativeId == "6106");
        var moved = dorda with { Other = [.. dorda.Other.Where(kv => kv.Key != ListReferences.UnReference), new(ListReferences.UnReference, "LYi.999")] };
        Assert.DoesNotContain(CrossListLinker.Link(Un.Value.Append(moved)), l => l.Reason == LinkReason.UnReference);
    }

    [Fact]
    public void Saddam_hussein_who_has_no_united_nation_id_links_by_name_and_date_of_birth()
    {
        var links = CrossListLinker.Link(Eu("excerpt-2026-08-05-a.xml").Concat(Un.Value));
        var link = Assert.Single(links, l => l.EntityId == "eu-fsf:13" || l.OtherEntityId == "eu-fsf:13");
        Assert.Equal(("un-sc:IQi.001", LinkReason.NameAndBirthDate), (link.OtherThan("eu-fsf:13"), link.Reason));
    }
}
