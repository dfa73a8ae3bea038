using System.Text;

namespace Interdict.Screening.Text;

/// <summary>A stretch of text to highlight, with an optional label ("ofac-sdn:35320 0.93", "UKRAINE-EO13685").</summary>
public readonly record struct Highlight(int Start, int Length, string? Label = null);

public enum HighlightStyle
{
    /// <summary>[Dmitry Peskov]{ofac-sdn:35320}: readable in plain logs and tests.</summary>
    Brackets,

    /// <summary>ANSI bold yellow with the label dimmed, for terminals.</summary>
    Ansi,
}

/// <summary>Renders text with its mentions marked. Overlapping highlights are merged so that the markup stays balanced.</summary>
public static class SpanHighlighter
{
    public static string Render(string text, IEnumerable<Highlight> highlights, HighlightStyle style = HighlightStyle.Brackets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(highlights);
        var merged = new List<(int Start, int End, List<string> Labels)>();
        foreach (var h in highlights.Where(h => h.Length > 0 && h.Start >= 0 && h.Start + h.Length <= text.Length).OrderBy(h => h.Start).ThenByDescending(h => h.Length))
        {
            if (merged.Count > 0 && h.Start < merged[^1].End)
            {
                var m = merged[^1];
                if (h.Label is not null && !m.Labels.Contains(h.Label))
                {
                    m.Labels.Add(h.Label);
                }

                merged[^1] = (m.Start, Math.Max(m.End, h.Start + h.Length), m.Labels);
            }
            else
            {
                merged.Add((h.Start, h.Start + h.Length, h.Label is null ? [] : [h.Label]));
            }
        }

        var sb = new StringBuilder(text.Length + (merged.Count * 16));
        var at = 0;
        foreach (var (start, end, labels) in merged)
        {
            sb.Append(text, at, start - at);
            var label = labels.Count == 0 ? null : string.Join("; ", labels);
            if (style == HighlightStyle.Ansi)
            {
                sb.Append("\u001b[1;33m").Append(text, start, end - start).Append("\u001b[0m");
                if (label is not null)
                {
                    sb.Append("\u001b[2m{").Append(label).Append("}\u001b[0m");
                }
            }
            else
            {
                sb.Append('[').Append(text, start, end - start).Append(']');
                if (label is not null)
                {
                    sb.Append('{').Append(label).Append('}');
                }
            }

            at = end;
        }

        sb.Append(text, at, text.Length - at);
        return sb.ToString();
    }

    public static string Render(string text, IEnumerable<TextSpan> spans, HighlightStyle style = HighlightStyle.Brackets) =>
        Render(text, spans.Select(s => new Highlight(s.Start, s.Length)), style);
}
