namespace Interdict.Tests;

/// <summary>Locates the repository and its test data (a copy of the real official files, see tests/data/README.md).</summary>
internal static class TestPaths
{
    public static string Repo { get; } = FindRepo();

    /// <summary>A file under tests/data, e.g. Data("ofac/xml/consolidated-2025-03-28/CONSOLIDATED.XML").</summary>
    public static string Data(string relative) => Path.Combine(Repo, "tests", "data", relative);

    /// <summary>A file under the bundled data/ folder shipped with the product.</summary>
    public static string Bundled(string relative) => Path.Combine(Repo, "data", relative);

    /// <summary>A fresh temporary directory removed at process exit is not guaranteed; tests clean up themselves.</summary>
    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "interdict-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    private static string FindRepo()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Interdict.slnx")))
        {
            d = d.Parent;
        }

        return d?.FullName ?? throw new InvalidOperationException("repository root (Interdict.slnx) not found above " + AppContext.BaseDirectory);
    }
}
