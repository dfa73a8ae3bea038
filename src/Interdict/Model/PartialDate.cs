using System.Globalization;

namespace Interdict.Model;

/// <summary>How much of a <see cref="PartialDate"/> the publisher actually gave.</summary>
public enum DatePrecision
{
    Year = 1,
    Month = 2,
    Day = 3,
}

/// <summary>
/// A calendar date that may be known only to the year or the month. Lists routinely give "DOB 1962" or
/// "circa 1970"; turning those into 1 January would invent facts and break matching, so the precision is
/// part of the value.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    public PartialDate(int year, int? month = null, int? day = null)
    {
        if (year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "year must be 1..9999");
        }

        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "month must be 1..12");
        }

        if (day is not null && month is null)
        {
            throw new ArgumentException("a day needs a month", nameof(day));
        }

        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"no such day in {year}-{month:00}");
        }

        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>ISO 8601 prefix: "1962", "1962-11" or "1962-11-23" (the FollowTheMoney convention).</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}-{Day:00}"),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}"),
        _ => Year.ToString("0000", CultureInfo.InvariantCulture),
    };

    public static PartialDate Parse(string iso) =>
        TryParse(iso, out var d) ? d : throw new FormatException($"not an ISO date prefix: '{iso}'");

    /// <summary>Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a time part after 'T' is ignored).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out PartialDate date)
    {
        date = default;
        s = s.Trim();
        var t = s.IndexOf('T');
        if (t >= 0)
        {
            s = s[..t];
        }

        if (s.Length is not (4 or 7 or 10))
        {
            return false;
        }

        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1)
        {
            return false;
        }

        int? m = null, d = null;
        if (s.Length >= 7)
        {
            if (s[4] != '-' || !int.TryParse(s.Slice(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var mm) || mm is < 1 or > 12)
            {
                return false;
            }

            m = mm;
        }

        if (s.Length == 10)
        {
            if (s[7] != '-' || !int.TryParse(s.Slice(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var dd) || dd < 1 || dd > DateTime.DaysInMonth(y, m!.Value))
            {
                return false;
            }

            d = dd;
        }

        date = new PartialDate(y, m, d);
        return true;
    }

    public static PartialDate FromDate(DateOnly d) => new(d.Year, d.Month, d.Day);

    /// <summary>First day the value could denote.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>Last day the value could denote.</summary>
    public DateOnly Latest => new(Year, Month ?? 12, Day ?? DateTime.DaysInMonth(Year, Month ?? 12));

    public int CompareTo(PartialDate other) => Earliest.CompareTo(other.Earliest) is var c and not 0 ? c : Precision.CompareTo(other.Precision);

    public static bool operator <(PartialDate a, PartialDate b) => a.CompareTo(b) < 0;
    public static bool operator >(PartialDate a, PartialDate b) => a.CompareTo(b) > 0;
    public static bool operator <=(PartialDate a, PartialDate b) => a.CompareTo(b) <= 0;
    public static bool operator >=(PartialDate a, PartialDate b) => a.CompareTo(b) >= 0;
}
