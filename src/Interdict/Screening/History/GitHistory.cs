using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Interdict.Screening.History;

/// <summary>
/// Reads every version of one file from a git repository or bundle through the git command line: a bundle is cloned
/// (bare) into a temporary directory first. Blobs come from one long-running <c>git cat-file --batch</c> rather than a
/// <c>git show</c> per version, which would start hundreds of processes for a long history.
/// </summary>
internal sealed class GitHistory : IDisposable
{
    private readonly string _repo;
    private readonly string? _tempDir;
    private Process? _catFile;

    private GitHistory(string repo, string? tempDir)
    {
        _repo = repo;
        _tempDir = tempDir;
    }

    /// <summary>True when <paramref name="path"/> is a git bundle file or a (bare or working) repository.</summary>
    public static bool IsGitSource(string path) =>
        (File.Exists(path) && IsBundle(path))
        || (Directory.Exists(path) && (Directory.Exists(Path.Combine(path, ".git")) || File.Exists(Path.Combine(path, "HEAD")) && Directory.Exists(Path.Combine(path, "objects"))));

    public static GitHistory Open(string path)
    {
        if (Directory.Exists(path))
        {
            return new GitHistory(Path.GetFullPath(path), null);
        }

        var temp = Path.Combine(Path.GetTempPath(), "interdict-git-" + Guid.NewGuid().ToString("N"));
        try
        {
            Run(null, "clone", "--quiet", "--bare", Path.GetFullPath(path), temp);
            return new GitHistory(temp, temp);
        }
        catch
        {
            DeleteTree(temp);
            throw;
        }
    }

    /// <summary>The commits that touched <paramref name="file"/>, oldest first, with their commit times.</summary>
    public IReadOnlyList<(string Sha, DateTimeOffset Committed)> Commits(string file)
    {
        var log = Run(_repo, "log", "--format=%H %cI", "--", file);
        return log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .Select(p => (p[0], DateTimeOffset.Parse(p[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)))
            .Reverse()

            // Commit times, not graph order, are the publication times; a stable sort keeps graph order for equal times.
            .OrderBy(c => c.Item2)
            .ToList();
    }

    /// <summary>The content of <paramref name="file"/> at <paramref name="sha"/>, or null when the commit deleted it.</summary>
    public byte[]? Read(string sha, string file)
    {
        _catFile ??= Start(_repo, "cat-file", "--batch");
        var input = _catFile.StandardInput;
        input.Write($"{sha}:{file}\n");
        input.Flush();

        var output = _catFile.StandardOutput.BaseStream;
        var header = ReadLine(output);
        var parts = header.Split(' ');
        if (parts.Length == 2 && parts[1] == "missing")
        {
            return null;
        }

        if (parts.Length != 3 || parts[1] != "blob")
        {
            throw new InvalidOperationException($"git cat-file: unexpected answer '{header}' for {sha}:{file}");
        }

        var bytes = new byte[long.Parse(parts[2], CultureInfo.InvariantCulture)];
        output.ReadExactly(bytes);
        ReadLine(output);
        return bytes;
    }

    public void Dispose()
    {
        if (_catFile is not null)
        {
            _catFile.StandardInput.Close();
            if (!_catFile.WaitForExit(5000))
            {
                _catFile.Kill();
            }

            _catFile.Dispose();
        }

        if (_tempDir is not null)
        {
            DeleteTree(_tempDir);
        }
    }

    private static bool IsBundle(string path)
    {
        using var s = File.OpenRead(path);
        var head = new byte[20];
        var n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(head, 0, n).StartsWith("# v", StringComparison.Ordinal)
            && Encoding.ASCII.GetString(head, 0, n).Contains("git bundle", StringComparison.Ordinal);
    }

    private static string ReadLine(Stream s)
    {
        var line = new StringBuilder();
        int b;
        while ((b = s.ReadByte()) is not -1 and not '\n')
        {
            line.Append((char)b);
        }

        return line.ToString();
    }

    private static Process Start(string? repo, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (repo is not null)
        {
            psi.ArgumentList.Add("-C");
            psi.ArgumentList.Add(repo);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            return Process.Start(psi) ?? throw new InvalidOperationException("git could not be started");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("reading a git history needs the git command line on PATH: " + e.Message, e);
        }
    }

    private static string Run(string? repo, params string[] args)
    {
        using var p = Start(repo, args);
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result.Trim()}");
        }

        return stdout;
    }

    private static void DeleteTree(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        // git writes its pack files read-only.
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(f, FileAttributes.Normal);
        }

        Directory.Delete(dir, recursive: true);
    }
}
