using System.Diagnostics;

namespace Interdict.Tests.App;

/// <summary>Runs the real `interdict` program as a process, as a user would, against a database of the test's own.</summary>
internal sealed class CliRunner
{
    private static readonly string AppDll = Path.Combine(AppContext.BaseDirectory, "Interdict.App.dll");

    public CliRunner(string? db = null)
    {
        WorkDir = TestPaths.TempDir();
        Db = db ?? Path.Combine(WorkDir, "interdict.db");
    }

    public string WorkDir { get; }

    public string Db { get; }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public Result Run(params string[] args) => RunWithInput(null, args);

    public Result RunWithInput(string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = WorkDir,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(AppDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["INTERDICT_HOME"] = TestPaths.Repo;
        psi.Environment["INTERDICT_DB"] = Db;
        psi.Environment["COLUMNS"] = "200";
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("interdict " + string.Join(' ', args) + " did not finish");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>
/// One database with the bundled lists, created once by the real CLI and copied for each test class that needs it,
/// so the first-use import is exercised once and not paid for by every test.
/// </summary>
public sealed class BundledDbFixture
{
    private static readonly Lazy<string> Template = new(() =>
    {
        var runner = new CliRunner();
        var r = runner.Run("lists");
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException("creating the bundled database failed: " + r);
        }

        FirstRun = r;
        return runner.Db;
    });

    internal static CliRunner.Result? FirstRun { get; private set; }

    /// <summary>A private copy of the bundled database.</summary>
    internal static string Copy()
    {
        var src = Template.Value;
        var dst = Path.Combine(TestPaths.TempDir(), "interdict.db");
        File.Copy(src, dst);
        return dst;
    }

    internal static CliRunner.Result FirstRunResult
    {
        get
        {
            _ = Template.Value;
            return FirstRun!;
        }
    }
}
