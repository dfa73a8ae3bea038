namespace Interdict.Sources;

/// <summary>
/// A source file that cannot be read as the list it claims to be. The message always names the file and,
/// where it can, the line or XML element, so that an operator can find and fix the input.
/// </summary>
public sealed class ListFormatException : Exception
{
    public ListFormatException(string file, string reason, long? line = null, string? element = null, Exception? inner = null)
        : base(Describe(file, reason, line, element), inner)
    {
        File = file;
        Reason = reason;
        Line = line;
        Element = element;
    }

    public ListFormatException()
        : this("(unknown)", "unreadable input")
    {
    }

    public ListFormatException(string message)
        : this("(unknown)", message)
    {
    }

    public ListFormatException(string message, Exception inner)
        : this("(unknown)", message, inner: inner)
    {
    }

    public string File { get; }
    public string Reason { get; }
    public long? Line { get; }
    public string? Element { get; }

    private static string Describe(string file, string reason, long? line, string? element)
    {
        var where = file;
        if (line is not null)
        {
            where += $", line {line}";
        }

        if (element is not null)
        {
            where += $", element <{element}>";
        }

        return $"{where}: {reason}";
    }
}
