using Spectre.Console.Cli;

namespace Interdict.App;

/// <summary>Exit codes that scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Screening found matches (only where a command documents it).</summary>
    public const int Usage = 2;

    /// <summary>The input data was malformed (file, line and reason are printed).</summary>
    public const int DataError = 3;

    /// <summary>Something was asked for that does not exist (unknown entity id, list).</summary>
    public const int NotFound = 4;

    public const int InternalError = 70;
}

public static class Cli
{
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(Configure);
        return app.Run(args);
    }

    internal static void Configure(IConfigurator c)
    {
        c.SetApplicationName("interdict");
        c.Settings.StrictParsing = true;
        c.Settings.PropagateExceptions = false;
        CommandRegistry.Register(c);
    }
}

/// <summary>Each command file adds its registration here.</summary>
internal static partial class CommandRegistry
{
    internal static void Register(IConfigurator c)
    {
        c.AddCommand<Interdict.App.Commands.ImportHistoryCommand>("import-history")
            .WithDescription("Import every dated file of a folder, or every version of sdn.csv in a git repository or bundle, as snapshots.");
        c.AddCommand<Interdict.App.Commands.ChangesCommand>("changes")
            .WithDescription("What each publication of a list added, removed and modified, with a summary per program and entity kind.");
        c.AddCommand<Interdict.App.Commands.EntityHistoryCommand>("history")
            .WithDescription("An entry's history: first listed, every change with field differences, delisting, relisting.");
    }
}
