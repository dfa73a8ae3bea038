using Interdict.Screening.Text;

namespace Interdict.Tests.Screening.Text;

public class TextTokenizerTests
{
    private static string[] Words(string text) => TextTokenizer.Tokenize(text).Select(t => t.Text).ToArray();

    [Fact]
    public void Possessives_end_the_name_before_the_apostrophe()
    {
        const string text = "Putin's aides and Biden’s team met the leaders' envoys.";
        var tokens = TextTokenizer.Tokenize(text);
        Assert.Equal(["Putin", "aides", "and", "Biden", "team", "met", "the", "leaders", "envoys"], tokens.Select(t => t.Text));
        Assert.Equal((0, 5), (tokens[0].Start, tokens[0].Length));
        Assert.Equal("Biden", text.Substring(tokens[3].Start, tokens[3].Length));
    }

    [Fact]
    public void Upper_case_possessive() => Assert.Equal(["PAYMENT", "FOR", "PUTIN", "DACHA"], Words("PAYMENT FOR PUTIN'S DACHA"));

    [Fact]
    public void Apostrophes_inside_names_stay()
    {
        Assert.Equal(["Sinead", "O'Brien", "d'Alembert"], Words("Sinead O'Brien d'Alembert"));
    }

    [Fact]
    public void A_word_hyphenated_across_a_line_break_is_joined_with_its_original_span()
    {
        const string text = "spokesman Dmitry Pes-\r\n   kov said";
        var tokens = TextTokenizer.Tokenize(text);
        Assert.Equal(["spokesman", "Dmitry", "Peskov", "said"], tokens.Select(t => t.Text));
        Assert.Equal("Pes-\r\n   kov", text.Substring(tokens[2].Start, tokens[2].Length));
    }

    [Fact]
    public void A_hyphen_at_a_line_end_before_a_capital_is_a_compound_not_a_split_word()
    {
        var tokens = TextTokenizer.Tokenize("Abdul-\nRahman");
        Assert.Equal(["Abdul", "Rahman"], tokens.Select(t => t.Text));
        Assert.Equal(TokenGap.Space, tokens[1].Gap);
    }

    [Fact]
    public void Hyphens_and_commas_inside_a_sentence_are_recorded_as_gaps()
    {
        var tokens = TextTokenizer.Tokenize("Rimsky-Korsakov and PESKOV, Dmitriy");
        Assert.Equal([TokenGap.SentenceStart, TokenGap.Hyphen, TokenGap.Space, TokenGap.Space, TokenGap.Comma], tokens.Select(t => t.Gap));
    }

    [Fact]
    public void Sentences_end_at_periods_but_not_after_initials_and_abbreviations()
    {
        var tokens = TextTokenizer.Tokenize("Dmitry S. Peskov met U.S. officials. Mr. Smith left; he said: no.\n\nNew paragraph");
        Assert.Equal(
            [("Dmitry", 0), ("S", 0), ("Peskov", 0), ("met", 0), ("U", 0), ("S", 0), ("officials", 0), ("Mr", 1), ("Smith", 1), ("left", 1), ("he", 2), ("said", 2), ("no", 3), ("New", 4), ("paragraph", 4)],
            tokens.Select(t => (t.Text, t.Sentence)));
    }

    [Fact]
    public void Single_line_breaks_do_not_end_a_sentence_but_blank_lines_do()
    {
        var tokens = TextTokenizer.Tokenize("DMITRIY SERGEEVICH\r\nPESKOV\r\n\r\nMOSCOW");
        Assert.Equal([0, 0, 0, 1], tokens.Select(t => t.Sentence));
    }

    [Fact]
    public void Cyrillic_and_arabic_words_with_offsets()
    {
        const string text = "Песков заявил, «Путин» — فلاديمير بوتين";
        var tokens = TextTokenizer.Tokenize(text);
        Assert.Equal(["Песков", "заявил", "Путин", "فلاديمير", "بوتين"], tokens.Select(t => t.Text));
        Assert.All(tokens, t => Assert.Equal(t.Text, text.Substring(t.Start, t.Length)));
    }

    [Fact]
    public void Han_characters_are_one_token_each_and_kana_runs_one_token()
    {
        var tokens = TextTokenizer.Tokenize("普京总统 プーチン大統領");
        Assert.Equal(["普", "京", "总", "统", "プーチン", "大", "統", "領"], tokens.Select(t => t.Text));
        Assert.Equal([TokenGap.SentenceStart, TokenGap.None, TokenGap.None, TokenGap.None, TokenGap.Space, TokenGap.None, TokenGap.None, TokenGap.None], tokens.Select(t => t.Gap));
    }

    [Fact]
    public void Numbers_are_tokens_marked_as_numbers()
    {
        var tokens = TextTokenizer.Tokenize("Election 2020 interference");
        Assert.Equal([false, true, false], tokens.Select(t => t.IsNumber));
    }

    [Fact]
    public void Soft_hyphens_are_dropped_from_the_reading()
    {
        const string text = "Pes\u00ADkov";
        var t = Assert.Single(TextTokenizer.Tokenize(text));
        Assert.Equal(("Peskov", 0, 7), (t.Text, t.Start, t.Length));
    }

    [Fact]
    public void News_article_tokens_are_exact_slices_except_where_rewritten()
    {
        var text = File.ReadAllText(TestPaths.Data("text/news-2021-04-16-us-sanctions-russia.txt"));
        var tokens = TextTokenizer.Tokenize(text);
        Assert.Equal(363, tokens.Count);
        Assert.All(tokens, t => Assert.Equal(t.Text, text.Substring(t.Start, t.Length)));
        // 14 sentences, the headline "US sanctions Russia" and "Image credits: AP" split at its colon.
        Assert.Equal(16, tokens.Max(t => t.Sentence) + 1);
    }
}
