using Interdict.Matching;
using Interdict.Model;

namespace Interdict.Tests.Matching;

public class NameVariantsTests
{
    [Theory]
    [InlineData("Mohammed", "Muhammad")]
    [InlineData("Mohamed", "Mohamad")]
    [InlineData("Muhammed", "Mohammad")]
    [InlineData("Yusuf", "Youssef")]
    [InlineData("Yousef", "Yusuf")]
    [InlineData("Aleksandr", "Alexander")]
    [InlineData("Alexandr", "Aleksandr")]
    [InlineData("Sergey", "Sergei")]
    [InlineData("Dmitry", "Dmitriy")]
    [InlineData("Abdul", "Abd")]
    [InlineData("Hussein", "Husayn")]
    [InlineData("Hussain", "Hossein")]
    [InlineData("Bill", "William")]
    [InlineData("Bob", "Robert")]
    [InlineData("МУХАММАД", "Mohammed")]
    public void Known_spellings_are_one_name(string a, string b)
    {
        Assert.True(NameVariants.Default.AreEquivalent(a, b), $"{a} ~ {b}");
        Assert.Equal(NameVariants.Default.KeyOf(a), NameVariants.Default.KeyOf(b));
    }

    [Theory]
    [InlineData("Mohammed", "Ahmed")]
    [InlineData("Ali", "Hassan")]
    [InlineData("William", "Robert")]
    [InlineData("Sergey", "Dmitry")]
    public void Different_names_are_not_variants(string a, string b) => Assert.False(NameVariants.Default.AreEquivalent(a, b));

    [Fact]
    public void Group_keys_are_the_tables_canonical_spelling()
    {
        Assert.Equal("muhamad", NameVariants.Default.KeyOf("Mohamed"));
        Assert.Equal("viliam", NameVariants.Default.KeyOf("Billy"));
        Assert.Null(NameVariants.Default.KeyOf("Khoroshev"));
    }

    [Fact]
    public void Variants_are_mined_from_the_aliases_of_one_entry()
    {
        var entity = new Entity
        {
            Id = "t:1",
            ListId = "t",
            NativeId = "1",
            Kind = EntityKind.Organization,
            Names = [new EntityName { Full = "AL-QAIDA" }, new EntityName { Full = "AL QAEDA", Type = NameType.Aka }, new EntityName { Full = "THE BASE", Type = NameType.Aka }],
        };
        var mined = NameVariants.MineFromLists([entity]);
        Assert.Equal(("kaeda", "kaida"), Assert.Single(mined));
        var variants = NameVariants.Default.WithEquivalents([("Qaida", "Qaeda")]);
        Assert.True(variants.AreEquivalent("Qaida", "Qaeda"));
        Assert.False(NameVariants.Default.AreEquivalent("Qaida", "Qaeda"));
        Assert.Equal(1, variants.MinedPairs);
    }

    [Fact]
    public void The_real_sdn_list_yields_mined_variants_used_by_the_index()
    {
        var index = OfacSample.Index;
        Assert.True(index.Variants.MinedPairs > 1000, $"mined {index.Variants.MinedPairs}");
        // OFAC entry 6366 has both "AL QAEDA" and "AL QAIDA" among its aliases.
        Assert.True(index.Variants.AreEquivalent("Qaida", "Qaeda"));
    }
}
