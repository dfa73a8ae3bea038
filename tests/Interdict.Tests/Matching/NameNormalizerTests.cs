using Interdict.Matching;
using Interdict.Model;

namespace Interdict.Tests.Matching;

public class NameNormalizerTests
{
    private static string Key(string name, EntityKind? kind = null) => NameNormalizer.Normalize(name, kind).Key;

    private static NameToken Token(string name, string text, EntityKind? kind = null) =>
        NameNormalizer.Normalize(name, kind).Tokens.Single(t => t.Text == text);

    [Theory]
    [InlineData("Дмитрий Сергеевич Хорошев", "Dmitry Sergeyevich Khoroshev")]
    [InlineData("Dmitriy Sergeevich Khoroshev", "Dmitrii Sergeyevich Khoroshev")]
    [InlineData("Дмитрий", "Dmitrij")]
    [InlineData("Юрий", "Yury")]
    [InlineData("Евгений", "Yevgeniy")]
    [InlineData("Nicolas", "Nikolas")]
    [InlineData("Mohammed", "Mohamed")]
    [InlineData("José Müller", "Jose MULLER")]
    public void Romanisations_of_one_name_normalise_alike(string a, string b) => Assert.Equal(Key(a), Key(b));

    [Theory]
    [InlineData("Дмитрий Сергеевич Хорошев", "dmitri sergevich horoshev")]
    [InlineData("Αλέξανδρος", "aleksandros")]
    [InlineData("ალექსანდრე", "aleksandre")]
    [InlineData("习近平", "ksi jin ping")]
    [InlineData("김정은", "gim jeong eun")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("MADURO MOROS, Nicolas", "maduro moros nikolas")]
    public void Scripts_are_transliterated_and_folded(string name, string key) => Assert.Equal(key, Key(name));

    [Fact]
    public void Arabic_script_keeps_its_consonants_and_is_marked()
    {
        var n = NameNormalizer.Normalize("محمد علي");
        Assert.Equal("mhmd ali", n.Key);
        Assert.All(n.Tokens, t => Assert.True(t.Consonantal));
        Assert.False(NameNormalizer.Normalize("Mohammed Ali").Tokens[0].Consonantal);
    }

    [Fact]
    public void Arabic_article_is_a_particle_written_apart_or_joined()
    {
        var latin = NameNormalizer.Normalize("Abd al-Rahman");
        Assert.Equal(["abd", "al", "rahman"], latin.Tokens.Select(t => t.Text));
        Assert.Equal(TokenRole.Particle, latin.Tokens[1].Role);
        Assert.Equal(TokenRole.Particle, Token("Ahmed el-Sayed", "al").Role);
        Assert.Equal(TokenRole.Particle, Token("Abd ul Karim", "al").Role);
        // Written joined in Arabic script, the article still comes out as its own particle.
        var arabic = NameNormalizer.Normalize("الحسين");
        Assert.Equal(TokenRole.Particle, arabic.Tokens[0].Role);
        Assert.Equal("al", arabic.Tokens[0].Text);
    }

    [Theory]
    [InlineData("OOO Romashka", "llc")]
    [InlineData("ООО Ромашка", "llc")]
    [InlineData("Romashka LLC", "llc")]
    [InlineData("Romashka Limited Liability Company", "llc")]
    [InlineData("Obshchestvo s Ogranichennoi Otvetstvennostyu Romashka", "llc")]
    [InlineData("TOO Romashka", "llc")]
    [InlineData("JSC ARGUMENT", "jsc")]
    [InlineData("PJSC Argument", "jsc")]
    [InlineData("OAO Argument", "jsc")]
    [InlineData("Argument Joint Stock Company", "jsc")]
    [InlineData("Publichnoe Aktsionernoe Obshchestvo Argument", "jsc")]
    [InlineData("Siemens AG", "ag")]
    [InlineData("Acme GmbH", "gmbh")]
    [InlineData("Acme Ltd.", "ltd")]
    [InlineData("Acme Limited", "ltd")]
    [InlineData("Acme S.A.", "sa")]
    [InlineData("Acme SARL", "sarl")]
    [InlineData("Acme Co.", "co")]
    [InlineData("Acme Corporation", "corp")]
    [InlineData("Acme Inc", "inc")]
    public void Legal_forms_are_canonicalised_and_kept(string name, string code)
    {
        var n = NameNormalizer.Normalize(name);
        var form = Assert.Single(n.Tokens, t => t.Role == TokenRole.LegalForm);
        Assert.Equal(code, form.Text);
        Assert.Contains(n.Tokens, t => t.Role == TokenRole.Name);
    }

    [Fact]
    public void Ambiguous_legal_forms_count_only_at_the_end()
    {
        // "As" starting a name is the Arabic article, not the Scandinavian legal form.
        Assert.Equal(TokenRole.Particle, NameNormalizer.Normalize("As Sahab Media").Tokens[0].Role);
        Assert.Equal(TokenRole.LegalForm, NameNormalizer.Normalize("Norsk Hydro AS").Tokens[^1].Role);
        // A person's name is never read as a legal form.
        Assert.DoesNotContain(NameNormalizer.Normalize("Ao Li", EntityKind.Person).Tokens, t => t.Role == TokenRole.LegalForm);
    }

    [Theory]
    [InlineData("Sheikh Mohammed bin Rashid", "sheikh")]
    [InlineData("Dr. Ayman al-Zawahiri", "dr")]
    [InlineData("Mr John Smith", "mr")]
    [InlineData("General Qasem Soleimani", "general")]
    [InlineData("Hajji Abdul Basir", "hajji")]
    public void Leading_titles_are_recognised_kept_and_not_scored(string name, string title)
    {
        var n = NameNormalizer.Normalize(name);
        Assert.Equal(TokenRole.Title, n.Tokens[0].Role);
        Assert.Equal(title, n.Tokens[0].Text);
        Assert.False(n.Tokens[0].Scored);
        Assert.DoesNotContain(title, n.Key.Split(' '));
    }

    [Fact]
    public void A_title_alone_stays_a_name()
    {
        Assert.Equal(TokenRole.Name, NameNormalizer.Normalize("Sheikh").Tokens[0].Role);
    }

    [Fact]
    public void Numbers_are_kept_as_numbers()
    {
        var n = NameNormalizer.Normalize("Brigade 44");
        Assert.Equal(TokenRole.Number, n.Tokens[1].Role);
        Assert.Equal("44", n.Tokens[1].Text);
        Assert.NotEqual(Key("Brigade 44"), Key("Brigade 45"));
    }

    [Theory]
    [InlineData("M/V ATLANTIC STAR")]
    [InlineData("MV Atlantic Star")]
    [InlineData("M.V. Atlantic Star")]
    public void Vessel_prefixes_are_recognised(string name)
    {
        var n = NameNormalizer.Normalize(name, EntityKind.Vessel);
        Assert.Equal(TokenRole.VesselPrefix, n.Tokens[0].Role);
        Assert.Equal("atlantik star", n.Key);
    }

    [Fact]
    public void Punctuation_hyphens_and_initials()
    {
        var n = NameNormalizer.Normalize("AL-QA'IDA");
        Assert.Equal("al kaida", n.Key);
        var p = NameNormalizer.Normalize("V. V. Putin");
        Assert.Equal([TokenRole.Initial, TokenRole.Initial, TokenRole.Name], p.Tokens.Select(t => t.Role));
    }

    [Fact]
    public void Every_real_sdn_name_normalises_to_something()
    {
        var names = OfacSample.Entities.SelectMany(e => e.Names).ToList();
        Assert.Equal(30912, names.Count);
        var empty = names.Where(n => NameNormalizer.Normalize(n.Full).Tokens.Count == 0).Select(n => n.Full).ToList();
        Assert.Empty(empty);
    }

    [Fact]
    public void Single_letters_in_an_organisation_name_are_one_abbreviation_and_stay_initials_in_a_person_name()
    {
        var org = NameNormalizer.Normalize("A.T.E. INTERNATIONAL LTD.", EntityKind.Organization);
        Assert.Equal(["ate", "international", "ltd"], org.Tokens.Select(t => t.Text));
        Assert.Equal(TokenRole.Name, org.Tokens[0].Role);

        // The legal form at the end is not swallowed by the abbreviation before it.
        var doo = NameNormalizer.Normalize("T.G.A. D.O.O.", EntityKind.Organization);
        Assert.Equal(TokenRole.Name, doo.Tokens[0].Role);
        Assert.Equal("tga", doo.Tokens[0].Text);
        Assert.Equal(TokenRole.LegalForm, doo.Tokens[1].Role);

        // Without a kind, a legal form marks the name as an organisation's.
        Assert.Equal("des", NameNormalizer.Normalize("D.E.S. INTERNATIONAL LTD").Tokens[0].Text);

        var person = NameNormalizer.Normalize("SMITH, J. R.", EntityKind.Person);
        Assert.Equal([TokenRole.Name, TokenRole.Initial, TokenRole.Initial], person.Tokens.Select(t => t.Role));
    }

    [Fact]
    public void German_and_partnership_legal_forms_are_recognised_in_their_long_spellings()
    {
        var gmbh = NameNormalizer.Normalize("MINES AND METALS ENGINEERING GESELLSCHAFT MIT BESCHRAENKTER HAFTUNG", EntityKind.Organization);
        Assert.Equal("gmbh", Assert.Single(gmbh.Tokens, t => t.Role == TokenRole.LegalForm).Text);
        var llp = NameNormalizer.Normalize("DEFENSE ENGINEERING LTD LIABILITY PARTNERSHIP", EntityKind.Organization);
        Assert.Equal("llp", Assert.Single(llp.Tokens, t => t.Role == TokenRole.LegalForm).Text);
    }
}
