namespace Interdict.Store;

/// <summary>The database file holds API-key hashes, the audit trail and customers: only its owner may read it.</summary>
internal static class DatabaseFile
{
    /// <summary>
    /// Creates <paramref name="path"/> empty with mode 0600 on Unix if it does not exist yet, before SQLite opens it
    /// (SQLite takes an empty file for a new database and gives its -wal and -shm files the main file's mode).
    /// Left to SQLite otherwise: an existing file keeps its mode, and a path that cannot be created fails there,
    /// with SQLite's message, as before.
    /// </summary>
    public static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || path.Length == 0 || path == ":memory:" || File.Exists(path))
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException)
        {
            // Another process created it first, or the directory is missing: SQLite opens or reports it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
