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
        Commands.Register(c);
    }
}

/// <summary>Each command file adds its registration here.</summary>
internal static partial class Commands
{
    internal static void Register(IConfigurator c)
    {
        c.AddCommand<UpdateCommand>("update")
            .WithDescription("Download the enabled lists from their official sources and import those that changed.")
            .WithExample("update")
            .WithExample("update", "--list", "un-sc", "--force");
    }
}
