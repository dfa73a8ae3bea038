namespace Interdict.Screening.Text;

/// <summary>What separates a token from the one before it in the same sentence.</summary>
public enum TokenGap
{
    /// <summary>First token of a sentence.</summary>
    SentenceStart,

    /// <summary>Blanks, line breaks, quotes or other punctuation that does not end a sentence.</summary>
    Space,

    /// <summary>A comma, as in list order "PESKOV, Dmitriy".</summary>
    Comma,

    /// <summary>A hyphen inside a line ("Rimsky-Korsakov", "Iran-Iraq").</summary>
    Hyphen,

    /// <summary>Nothing: adjacent Han characters.</summary>
    None,
}

/// <summary>
/// A word of the text. <see cref="Start"/> and <see cref="Length"/> cover the original characters (including a
/// hyphen and line break that split the word); <see cref="Text"/> is the word as read: re-joined, without a
/// possessive "'s", in its original case.
/// </summary>
public readonly record struct TextToken(int Start, int Length, string Text, int Sentence, TokenGap Gap)
{
    public int End => Start + Length;

    /// <summary>All digits: never part of a name candidate.</summary>
    public bool IsNumber => Text.Length > 0 && Text.All(char.IsDigit);

    /// <summary>Starts with an upper-case letter, or is in a script without case (Arabic, Han, ...).</summary>
    public bool IsCapitalized => Text.Length > 0 && (char.IsUpper(Text[0]) || !char.IsLower(Text[0]) && char.IsLetter(Text[0]));
}
