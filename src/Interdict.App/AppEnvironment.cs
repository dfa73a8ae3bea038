using Interdict.App.Commands;
using Interdict.Store;
using Spectre.Console;

namespace Interdict.App;

/// <summary>Where the product's files are and how a command gets a ready store.</summary>
internal static class AppEnvironment
{
    /// <summary>The installation folder holding data/ (the bundled lists); INTERDICT_HOME overrides.</summary>
    public static string Home { get; } = FindHome();

    public static string BundledDataDir => Path.Combine(Home, "data");

    /// <summary>--db, else INTERDICT_DB, else ./interdict.db in the working directory.</summary>
    /// <summary>
    /// The SQLite file the commands open. A PostgreSQL location (a postgresql:// URI or an Npgsql connection string) is
    /// recognised and refused with what to do instead, rather than taken for a file name: only the operations store has
    /// a PostgreSQL backend so far (issue #11).
    /// </summary>
    public static string DbPath(string? option)
    {
        StoreLocation location;
        try
        {
            location = StoreLocation.Parse(option ?? Environment.GetEnvironmentVariable("INTERDICT_DB") ?? "interdict.db");
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--db / INTERDICT_DB: {ex.Message}");
        }

        return location.SqlitePath ?? throw new UsageException(
            $"--db / INTERDICT_DB names PostgreSQL ({location.Display}), but this build keeps the lists and the portfolio in SQLite only; "
            + "give a database file path (e.g. --db interdict.db). PostgreSQL for the whole store is in progress (issue #11).");
    }

    /// <summary>Diagnostics and progress go to stderr so that stdout stays machine-readable.</summary>
    public static IAnsiConsole Err { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    /// <summary>
    /// Opens the store and, the first time, fills it from the bundled lists so that a new user never has to import
    /// anything before the first search.
    /// </summary>
    public static IListStore OpenStore(string? dbOption, bool quiet = false)
    {
        var path = DbPath(dbOption);
        var store = StoreFactory.Open(path);
        try
        {
            BundledData.EnsureImported(store, BundledDataDir, quiet ? null : Err);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    private static string FindHome()
    {
        var env = Environment.GetEnvironmentVariable("INTERDICT_HOME");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "data", "bundled.json")))
        {
            return env;
        }

        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "data", "bundled.json")))
            {
                return d.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
