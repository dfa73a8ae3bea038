using Interdict.Screening.Text;

namespace Interdict.Tests.Screening.Text;

public class SpanHighlighterTests
{
    [Fact]
    public void Brackets_mark_spans_and_labels()
    {
        const string text = "Kremlin spokesperson Dmitry Peskov told reporters in Crimea.";
        var rendered = SpanHighlighter.Render(text, [new Highlight(21, 13, "ofac-sdn:35320"), new Highlight(53, 6, "UKRAINE-EO13685")]);
        Assert.Equal("Kremlin spokesperson [Dmitry Peskov]{ofac-sdn:35320} told reporters in [Crimea]{UKRAINE-EO13685}.", rendered);
    }

    [Fact]
    public void Overlapping_spans_merge()
    {
        const string text = "Dmitry Peskov said";
        var spans = MentionCandidates.From(text);
        Assert.Equal("[Dmitry Peskov] said", SpanHighlighter.Render(text, spans.Where(s => s.Text.Contains("Peskov", StringComparison.Ordinal) || s.Text == "Dmitry")));
    }

    [Fact]
    public void Ansi_uses_escape_codes()
    {
        Assert.Equal("in \u001b[1;33mCrimea\u001b[0m\u001b[2m{UKRAINE-EO13685}\u001b[0m", SpanHighlighter.Render("in Crimea", [new Highlight(3, 6, "UKRAINE-EO13685")], HighlightStyle.Ansi));
    }
}
