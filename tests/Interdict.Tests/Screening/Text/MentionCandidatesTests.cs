using Interdict.Screening.Text;

namespace Interdict.Tests.Screening.Text;

public class MentionCandidatesTests
{
    private static readonly string News = File.ReadAllText(TestPaths.Data("text/news-2021-04-16-us-sanctions-russia.txt"));

    private static TextSpan At(IReadOnlyList<TextSpan> spans, string text, string needle, int occurrence = 0)
    {
        var at = -1;
        for (var k = 0; k <= occurrence; k++)
        {
            at = text.IndexOf(needle, at + 1, StringComparison.Ordinal);
        }

        Assert.True(at >= 0, needle);
        return Assert.Single(spans, s => s.Start == at && s.Length == needle.Length);
    }

    [Fact]
    public void News_spans_include_Dmitry_Peskov_with_its_title_and_offsets()
    {
        var spans = MentionCandidates.From(News);
        var peskov = At(spans, News, "Dmitry Peskov");
        Assert.Equal(296, peskov.Start);
        Assert.Equal("Dmitry Peskov", News.Substring(peskov.Start, peskov.Length));
        Assert.Equal(("Dmitry Peskov", 2, "Kremlin spokesperson"), (peskov.Text, peskov.TokenCount, peskov.Title));
        Assert.Equal("Peskov", At(spans, News, "Peskov").Text);
    }

    [Fact]
    public void News_spans_include_Vladimir_Putin_and_titled_surname_mentions()
    {
        var spans = MentionCandidates.From(News);
        var putin = At(spans, News, "Vladimir Putin");
        Assert.Equal((207, "Vladimir Putin"), (putin.Start, News.Substring(putin.Start, putin.Length)));

        // "President Putin" three times: the title is context, never part of the span.
        var titled = spans.Where(s => s.Text == "Putin" && s.Title == "President").ToList();
        Assert.Equal(3, titled.Count);
        Assert.All(titled, s => Assert.Equal("President ", News.Substring(s.Start - 10, 10)));
        Assert.DoesNotContain(spans, s => s.Text == "President" || s.Text.StartsWith("President ", StringComparison.Ordinal));
    }

    [Fact]
    public void Possessive_biden_is_a_span_of_the_name_only()
    {
        var spans = MentionCandidates.From(News);
        var start = News.IndexOf("Biden’s", StringComparison.Ordinal);
        var biden = Assert.Single(spans, s => s.Start == start);
        Assert.Equal(("Biden", 5), (biden.Text, biden.Length));
    }

    [Fact]
    public void Common_words_alone_are_no_candidates()
    {
        var spans = MentionCandidates.From(News);
        Assert.DoesNotContain(spans, s => s.Text is "United States" or "Department of the Treasury" or "Treasury" or "The Biden" or "Image credits");
        Assert.Contains(spans, s => s.Text == "OFAC");
        Assert.All(spans, s => Assert.InRange(s.TokenCount, 1, 4));
        Assert.Equal(66, spans.Count);
    }

    [Fact]
    public void Spans_do_not_cross_sentences_or_numbers()
    {
        var spans = MentionCandidates.From("He called Putin. Peskov replied. CHARTER HIRE 15 DAYS MV MARSHAL ZHUKOV IMO 9690224");
        Assert.DoesNotContain(spans, s => s.Text.Contains("Putin Peskov", StringComparison.Ordinal));
        var vessel = Assert.Single(spans, s => s.Text == "MARSHAL ZHUKOV");
        Assert.Equal("MV", vessel.Title);
        Assert.DoesNotContain(spans, s => s.Text.Contains("DAYS MARSHAL", StringComparison.Ordinal) || s.Text.Contains("15", StringComparison.Ordinal));
    }

    [Fact]
    public void Upper_case_payment_text_gives_every_run()
    {
        var spans = MentionCandidates.From("PAYMENT TO DMITRIY SERGEEVICH PESKOV FOR SERVICES");
        Assert.Equal(
            ["DMITRIY", "DMITRIY SERGEEVICH", "DMITRIY SERGEEVICH PESKOV", "SERGEEVICH", "SERGEEVICH PESKOV", "PESKOV"],
            spans.Where(s => !s.Text.Contains("PAYMENT", StringComparison.Ordinal) && !s.Text.Contains("SERVICES", StringComparison.Ordinal)).Select(s => s.Text));
        Assert.DoesNotContain(spans, s => s.Text.EndsWith(" FOR", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_hyphenated_across_lines_reads_joined()
    {
        const string text = "Kremlin spokesman Dmitry Pes-\nkov said on Friday";
        var span = Assert.Single(MentionCandidates.From(text), s => s.TokenCount == 2 && s.Text.StartsWith("Dmitry", StringComparison.Ordinal));
        Assert.Equal("Dmitry Peskov", span.Text);
        Assert.Equal("Dmitry Pes-\nkov", text.Substring(span.Start, span.Length));
        Assert.Equal("Kremlin spokesman", span.Title);
    }

    [Fact]
    public void List_order_keeps_its_comma()
    {
        Assert.Contains(MentionCandidates.From("Listed as PESKOV, Dmitriy Sergeevich on the SDN list"), s => s.Text == "PESKOV, Dmitriy Sergeevich");
    }

    [Fact]
    public void Original_script_names_are_candidates()
    {
        var spans = MentionCandidates.From("Пресс-секретарь Кремля Дмитрий Песков заявил журналистам");
        Assert.Contains(spans, s => s.Text == "Дмитрий Песков");
        var han = MentionCandidates.From("普京总统");
        Assert.Contains(han, s => s.Text == "普京" && s.TokenCount == 2);
    }

    [Fact]
    public void Lower_case_words_do_not_start_or_end_candidates_in_prose_unless_asked()
    {
        const string text = "The minister met putin and Joe Biden today.";
        Assert.DoesNotContain(MentionCandidates.From(text), s => s.Text.Contains("putin", StringComparison.Ordinal));
        Assert.Contains(MentionCandidates.From(text, new MentionOptions { Case = CaseRule.Any }), s => s.Text == "putin");
    }

    [Fact]
    public void Clean_prose_yields_spans_only_at_capitalised_words()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Data("text"), "clean-*.txt"))
        {
            var text = File.ReadAllText(file);
            var spans = MentionCandidates.From(text);
            Assert.NotEmpty(spans);
            Assert.All(spans, s => Assert.True(char.IsUpper(text[s.Start]), s.Text));
        }
    }
}
