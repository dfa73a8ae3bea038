using Interdict.Model;
using Interdict.Screening;
using Interdict.Sources;
using Interdict.Tests.Sources;

namespace Interdict.Tests.Screening;

/// <summary>
/// Cross-list links on the bundled real lists: OFAC SDN of 2023-12-28 (sdn, add, alt) and the UN consolidated list of
/// 2026-02-27. Pairs were checked by hand in both files.
/// </summary>
public class CrossListLinkerTests
{
    private static readonly Lazy<List<Entity>> Sdn = new(() => ParserTestKit.Parser("ofac-csv")
        .Parse(new[] { "sdn.csv", "add.csv", "alt.csv" }.Select(f => SourceInput.FromPath(TestPaths.Bundled("ofac-sdn/2023-12-28/" + f))).ToList(), new ParseContext("ofac-sdn"))
        .ToList());

    private static readonly Lazy<List<Entity>> Un = new(() => ParserTestKit.Parser("un-xml")
        .Parse([SourceInput.FromPath(TestPaths.Bundled("un-sc/2026-02-27/UN_consolidated.xml"))], new ParseContext("un-sc"))
        .ToList());

    private static readonly Lazy<IReadOnlyList<CrossListLink>> Links = new(() => CrossListLinker.Link(Sdn.Value.Concat(Un.Value)));

    private static CrossListLink? Between(string a, string b) =>
        Links.Value.SingleOrDefault(l => (l.EntityId == a && l.OtherEntityId == b) || (l.EntityId == b && l.OtherEntityId == a));

    private static bool Linked(string id) => Links.Value.Any(l => l.EntityId == id || l.OtherEntityId == id);

    [Fact]
    public void Links_only_join_entries_of_different_lists_each_pair_once()
    {
        var links = Links.Value;

        Assert.Equal(389, links.Count);
        Assert.Equal(147, links.Count(l => l.Reason == LinkReason.SharedIdentifier));
        Assert.Equal(242, links.Count(l => l.Reason == LinkReason.NameAndBirthDate));
        Assert.All(links, l => Assert.NotEqual(l.EntityId.Split(':')[0], l.OtherEntityId.Split(':')[0]));
        Assert.Equal(links.Count, links.Select(l => (l.EntityId, l.OtherEntityId)).Distinct().Count());
    }

    [Fact]
    public void A_shared_national_id_links_hafiz_saeed_and_says_why()
    {
        // SDN 10689 SAEED, Muhammad (SDGT) and UN QDi.263 HAFIZ MUHAMMAD SAEED both carry NIC 3520025509842-7 (Pakistan).
        var link = Between("ofac-sdn:10689", "un-sc:QDi.263");

        Assert.NotNull(link);
        Assert.Equal(LinkReason.SharedIdentifier, link.Reason);
        Assert.Equal("same National ID No. 3520025509842-7 (Pakistan)", link.Explanation);
        Assert.Equal(
            "also listed by United Nations Security Council as QDi.263 (same National ID No. 3520025509842-7 (Pakistan))",
            link.Describe("ofac-sdn:10689"));
        Assert.StartsWith("also listed by US Treasury OFAC as 10689 (", link.Describe("un-sc:QDi.263"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_passport_links_entries_whose_names_are_spelled_differently()
    {
        // SDN "KOSHLAF, Mohamed" and UN LYi.025 "Mohammed Al Amin Al-Arabi Kashlaf": passport C17HLRL3.
        var link = Between("ofac-sdn:24311", "un-sc:LYi.025");

        Assert.NotNull(link);
        Assert.Equal("same Passport C17HLRL3", link.Explanation);
    }

    [Fact]
    public void Same_name_and_full_date_of_birth_link_mullah_krekar()
    {
        var link = Between("ofac-sdn:10007", "un-sc:QDi.226");

        Assert.NotNull(link);
        Assert.Equal(LinkReason.NameAndBirthDate, link.Reason);
        Assert.Equal("same name \"AHMAD, Najmuddin Faraj\" = \"NAJMUDDIN FARAJ AHMAD\" and date of birth 1956-07-07", link.Explanation);
    }

    [Fact]
    public void Father_and_son_of_the_same_name_words_are_told_apart_by_date_of_birth()
    {
        // Sab'awi Ibrahim Hassan al-Tikriti (SDN 7878, UN IQi.036, born 1947) and his son Ibrahim Sabawi Ibrahim Hasan
        // al-Tikriti (SDN 9332, UN IQi.084, born 1983-10-25): each links to himself only.
        var father = Between("ofac-sdn:7878", "un-sc:IQi.036");
        var son = Between("ofac-sdn:9332", "un-sc:IQi.084");

        Assert.NotNull(father);
        Assert.Equal("same name \"AL-TIKRITI, Sab'awi Ibrahim Hassan\" = \"SAB'AWI IBRAHIM HASSAN AL-TIKRITI\" and date of birth 1947", father.Explanation);
        Assert.NotNull(son);
        Assert.EndsWith("and date of birth 1983-10-25", son.Explanation, StringComparison.Ordinal);
        Assert.Null(Between("ofac-sdn:7878", "un-sc:IQi.084"));
        Assert.Null(Between("ofac-sdn:9332", "un-sc:IQi.036"));
    }

    [Fact]
    public void The_same_name_with_another_date_of_birth_is_not_linked()
    {
        // SDN 22060 "AHMAD, Hasan", born 13 May 1966 (Syria), and UN QDi.192 ABD ALLAH MOHAMED RAGAB ABDEL RAHMAN,
        // a.k.a. "Ahmad Hasan", born 1957-11-03: two different men.
        var sdn = Sdn.Value.One("ofac-sdn:22060");
        var un = Un.Value.One("un-sc:QDi.192");
        Assert.Contains(un.Names, n => n.Full == "Ahmad Hasan" && n.Strength == AliasStrength.Strong);
        Assert.Equal(new PartialDate(1966, 5, 13), sdn.BirthDates.Single().From);
        Assert.Equal(new PartialDate(1957, 11, 3), un.BirthDates.Single().From);

        Assert.Null(Between("ofac-sdn:22060", "un-sc:QDi.192"));
        Assert.False(Linked("ofac-sdn:22060"));
    }

    [Fact]
    public void A_name_alone_never_links()
    {
        // SDN 7886 "AL-UBAIDI, Yahia Abdallah" and UN IQi.044 YAHIA ABDALLAH AL-UBAIDI: the same words, no date of birth
        // and no identifier on either side.
        Assert.Empty(Sdn.Value.One("ofac-sdn:7886").BirthDates);
        Assert.Empty(Un.Value.One("un-sc:IQi.044").BirthDates);

        Assert.Null(Between("ofac-sdn:7886", "un-sc:IQi.044"));
    }

    [Fact]
    public void A_name_common_in_one_list_does_not_link_even_with_a_matching_date_of_birth()
    {
        // The SDN list has two KIM, Yong Chol (12211, born c. 1947; 17614, born 18 Feb 1962). UN KPi.024 KIM YONG CHOL is
        // born 1962-02-18, but a name held twice in one list is too weak to join on.
        Assert.Equal(new PartialDate(1962, 2, 18), Sdn.Value.One("ofac-sdn:17614").BirthDates.Single().From);

        Assert.Null(Between("ofac-sdn:17614", "un-sc:KPi.024"));
        Assert.Null(Between("ofac-sdn:12211", "un-sc:KPi.024"));
    }

    [Fact]
    public void A_national_id_of_another_country_does_not_link()
    {
        var sdn = Sdn.Value.One("ofac-sdn:10689");
        var un = Un.Value.One("un-sc:QDi.263");
        var elsewhere = sdn with { Identifiers = sdn.Identifiers.Select(i => i with { Country = "IN", CountryName = "India" }).ToList() };

        Assert.Single(CrossListLinker.Link([sdn, un]));
        Assert.DoesNotContain(CrossListLinker.Link([elsewhere, un]), l => l.Reason == LinkReason.SharedIdentifier);
    }

    [Fact]
    public void Entries_of_one_list_are_never_linked_to_each_other()
    {
        // SDN 11311 and 11746 are both "AW-MOHAMED, Ahmed Abdi", born 1977-07-10.
        var a = Sdn.Value.One("ofac-sdn:11311");
        var b = Sdn.Value.One("ofac-sdn:11746");

        Assert.Empty(CrossListLinker.Link([a, b]));
    }

    [Fact]
    public void Groups_join_links_transitively()
    {
        var groups = CrossListLinker.Groups(
        [
            new CrossListLink("ofac-sdn:1", "un-sc:QDi.1", LinkReason.SharedIdentifier, "x"),
            new CrossListLink("un-sc:QDi.1", "uk-ofsi:7", LinkReason.NameAndBirthDate, "y"),
            new CrossListLink("ofac-sdn:2", "un-sc:QDi.2", LinkReason.SharedIdentifier, "z"),
        ]);

        Assert.Equal(2, groups.Count);
        Assert.Equal(["ofac-sdn:1", "uk-ofsi:7", "un-sc:QDi.1"], groups[0]);
        Assert.Equal(["ofac-sdn:2", "un-sc:QDi.2"], groups[1]);
    }
}
