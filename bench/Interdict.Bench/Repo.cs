namespace Interdict.Bench;

/// <summary>The repository root (found by walking up to Interdict.slnx), where the data files live.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Interdict.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Interdict.slnx) not found above " + AppContext.BaseDirectory);
    }
}
