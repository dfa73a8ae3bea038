namespace Interdict.Screening.Payments;

/// <summary>
/// A payment message that cannot be read as the format it claims. The message names the element or field and, where
/// known, the line, so that an operator can find the fault in the original message.
/// </summary>
public sealed class PaymentFormatException : Exception
{
    public PaymentFormatException(string reason, string? location = null, long? line = null, Exception? inner = null, string? file = null)
        : base(Describe(reason, location, line, file), inner)
    {
        Reason = reason;
        Location = location;
        Line = line;
        File = file;
    }

    public PaymentFormatException()
        : this("unreadable payment message")
    {
    }

    public PaymentFormatException(string message, Exception inner)
        : this(message, null, null, inner)
    {
    }

    public string Reason { get; }

    /// <summary>The element path ("CdtTrfTxInf[2]/CdtrAgt/FinInstnId/BICFI") or field tag (":59:", "block 4").</summary>
    public string? Location { get; }

    public long? Line { get; }

    /// <summary>The file the message was read from, when it came from one.</summary>
    public string? File { get; }

    private static string Describe(string reason, string? location, long? line, string? file)
    {
        var where = new List<string>();
        if (file is not null)
        {
            where.Add(file);
        }

        if (line is not null)
        {
            where.Add($"line {line}");
        }

        if (location is not null)
        {
            where.Add(location.StartsWith(':') || location.StartsWith('{') || location.StartsWith("block", StringComparison.Ordinal) ? $"field {location}" : $"element <{location}>");
        }

        return where.Count == 0 ? reason : $"{string.Join(", ", where)}: {reason}";
    }
}
