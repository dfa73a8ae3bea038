namespace Interdict.Screening.Payments;

/// <summary>Recognises the format of a payment message (ISO 20022 XML or SWIFT FIN) and reads it.</summary>
public static class PaymentMessageParser
{
    public static PaymentMessage Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var t = content.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (t.IsEmpty)
        {
            throw new PaymentFormatException("empty payment message");
        }

        return t[0] == '<' ? Iso20022Parser.Parse(content) : Mt103Parser.Parse(content);
    }

    public static PaymentMessage ParseFile(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (PaymentFormatException ex)
        {
            throw new PaymentFormatException(ex.Reason, ex.Location, ex.Line, ex, Path.GetFileName(path));
        }
    }
}
