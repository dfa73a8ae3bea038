using System.Globalization;

namespace Interdict.App.Server;

/// <summary>
/// The documented bounds on what one request may carry (docs/security.md, "Input limits"). A 50 MB "name" was
/// answered 200 and written whole into the audit trail twice over; beyond these a request gets 400 before any
/// screening or auditing happens, so the audit trail only ever holds bounded text.
/// </summary>
public static class InputLimits
{
    /// <summary>A name or query: the longest listed names are under 300 characters; 500 is already generous.</summary>
    public const int MaxNameChars = 500;

    /// <summary>Any other string field: a type, date, country, gender, identifier, list id, record id.</summary>
    public const int MaxFieldChars = 200;

    /// <summary>Aliases, countries, identifiers or lists on one record.</summary>
    public const int MaxItems = 50;

    /// <summary>A JSON request body to a screening endpoint (a batch of 1,000 records fits easily).</summary>
    public const long MaxJsonBodyBytes = 4L * 1024 * 1024;

    /// <summary>Text stored in the audit trail for one query; anything longer is cut and marked (a second line of defence).</summary>
    public const int MaxAuditQueryChars = 16 * 1024;

    /// <summary>A decision's free-text reason.</summary>
    public const int MaxReasonChars = 4000;

    /// <summary>
    /// Uploads (batch job and portfolio CSVs, free text, payment messages) keep the server's overall body limit and
    /// their own checks; every other request body is JSON of a few records and is capped at <see cref="MaxJsonBodyBytes"/>.
    /// </summary>
    public static bool IsUpload(PathString path) =>
        path == "/api/jobs" || path == "/api/jobs/" || path == "/api/portfolio" || path == "/api/screen/text" || path == "/api/screen/payment";

    public static void Name(string? value, string field) => Check(value, field, MaxNameChars);

    public static void Field(string? value, string field) => Check(value, field, MaxFieldChars);

    public static void Items<T>(IReadOnlyCollection<T>? items, string field)
    {
        if (items is { Count: > MaxItems })
        {
            throw new FormatException($"{field} holds {items.Count.ToString("N0", CultureInfo.InvariantCulture)} items; at most {MaxItems} are accepted");
        }
    }

    /// <summary>Every field of a screening request, named as the client sent it.</summary>
    public static void Check(ScreenRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        Name(req.Name, "name");
        Field(req.Id, "id");
        Field(req.Type, "type");
        Field(req.Dob, "dob");
        Field(req.Country, "country");
        Field(req.Gender, "gender");
        Field(req.AsOf, "asOf");
        Items(req.Aliases, "aliases");
        Items(req.Countries, "countries");
        Items(req.Identifiers, "identifiers");
        Items(req.Lists, "lists");
        foreach (var a in req.Aliases ?? [])
        {
            Name(a, "aliases[]");
        }

        foreach (var c in req.Countries ?? [])
        {
            Field(c, "countries[]");
        }

        foreach (var l in req.Lists ?? [])
        {
            Field(l, "lists[]");
        }

        foreach (var i in req.Identifiers ?? [])
        {
            Field(i.Type, "identifiers[].type");
            Field(i.Value, "identifiers[].value");
            Field(i.Country, "identifiers[].country");
        }
    }

    /// <summary>Bounded text for the audit trail: the start of <paramref name="text"/> and how much was cut.</summary>
    public static string ForAudit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxAuditQueryChars
            ? text
            : string.Concat(text.AsSpan(0, MaxAuditQueryChars), $"... [{(text.Length - MaxAuditQueryChars).ToString("N0", CultureInfo.InvariantCulture)} characters cut]");
    }

    public static void Reason(string? value, string field) => Check(value, field, MaxReasonChars);

    private static void Check(string? value, string field, int max)
    {
        if (value is { Length: > 0 } v && v.Length > max)
        {
            throw new FormatException($"{field} is {v.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; at most {max} are accepted");
        }
    }
}
