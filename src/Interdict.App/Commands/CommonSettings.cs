using System.ComponentModel;
using System.Globalization;
using Spectre.Console.Cli;

namespace Interdict.App.Commands;

/// <summary>Options every command that reads the database accepts.</summary>
public class StoreSettings : CommandSettings
{
    [CommandOption("--db <PATH>")]
    [Description("SQLite database file (default: $INTERDICT_DB, else ./interdict.db). Created from the bundled lists on first use.")]
    public string? Db { get; init; }
}

/// <summary>Options of commands that can look at the lists as they stood on a past date.</summary>
public class AsOfSettings : StoreSettings
{
    [CommandOption("--as-of <DATE>")]
    [Description("Use the lists as they stood on this date (YYYY-MM-DD or an ISO timestamp): the newest snapshot published at or before it.")]
    public string? AsOf { get; init; }

    public DateTimeOffset? AsOfValue => CliDates.ParseOptional(AsOf, "--as-of");
}

internal static class CliDates
{
    /// <summary>A date alone means the end of that day (UTC): "as of 2022-02-26" includes that day's publications.</summary>
    public static DateTimeOffset? ParseOptional(string? s, string option, bool endOfDay = true)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            // The day's last tick directly: adding a day to 9999-12-31 would overflow into a .NET error message.
            return new DateTimeOffset(d.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dt))
        {
            return dt;
        }

        throw new UsageException($"{option}: '{s}' is not a date (expected YYYY-MM-DD or an ISO 8601 timestamp)");
    }
}

/// <summary>A mistake in how a command was called; exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Something asked for does not exist; exits with <see cref="ExitCodes.NotFound"/>.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException()
    {
    }

    public NotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
