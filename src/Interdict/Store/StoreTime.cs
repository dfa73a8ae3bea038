using System.Globalization;

namespace Interdict.Store;

/// <summary>
/// The one timestamp format of the stores: ISO 8601 in UTC with seven fraction digits, fixed width, so comparing the
/// text (in SQL, on either backend) compares the times.
/// </summary>
internal static class StoreTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads a stored time; also the round-trip ("O", +00:00) form older versions wrote for keys and jobs.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
