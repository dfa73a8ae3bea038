using Interdict.Store.Postgres;
using Interdict.Store.Relational;
using Interdict.Store.Sqlite;
using Npgsql;

namespace Interdict.Store;

/// <summary>
/// Where the whole state of an installation lives, as <c>--db</c> / <c>INTERDICT_DB</c> name it: a file path (an embedded
/// SQLite database), a <c>postgresql://user[:password]@host[:port]/database[?param=value]</c> URI, or an Npgsql
/// connection string (<c>Host=...;Database=...</c>). Every store opens from it; nothing is derived from it but the database.
/// </summary>
public sealed record StoreLocation
{
    private StoreLocation(string? path, string? connectionString, string display)
    {
        SqlitePath = path;
        PostgresConnectionString = connectionString;
        Display = display;
    }

    /// <summary>The SQLite file (full path), or null for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The Npgsql connection string, or null for SQLite.</summary>
    internal string? PostgresConnectionString { get; }

    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>What a message or a status page may show: the file, or host, port and database (never a password).</summary>
    public string Display { get; }

    public override string ToString() => Display;

    /// <summary>Reads a location as the user wrote it.</summary>
    /// <exception cref="ArgumentException">A PostgreSQL URI or connection string that cannot be read; the message says what is wrong.</exception>
    public static StoreLocation Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var text = location.Trim();
        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(FromUri(text));
        }

        if (LooksLikeConnectionString(text))
        {
            NpgsqlConnectionStringBuilder csb;
            try
            {
                csb = new NpgsqlConnectionStringBuilder(text);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"the database connection string cannot be read: {ex.Message}", nameof(location), ex);
            }

            return Postgres(csb);
        }

        var path = Path.GetFullPath(text);
        return new StoreLocation(path, null, path);
    }

    /// <summary>Opens the engine behind the location (for PostgreSQL: checks within seconds that the server answers).</summary>
    internal SqlBackend OpenBackend() =>
        PostgresConnectionString is { } cs ? new PostgresBackend(cs) : new SqliteBackend(SqlitePath!);

    private static StoreLocation Postgres(NpgsqlConnectionStringBuilder csb)
    {
        if (string.IsNullOrEmpty(csb.Host))
        {
            throw new ArgumentException("the PostgreSQL location names no host (postgresql://user@host:port/database)");
        }

        if (string.IsNullOrEmpty(csb.Database))
        {
            throw new ArgumentException($"the PostgreSQL location names no database (postgresql://user@{csb.Host}:{csb.Port}/database)");
        }

        return new StoreLocation(null, csb.ConnectionString, $"postgresql://{(csb.Username is { Length: > 0 } u ? u + "@" : "")}{csb.Host}:{csb.Port}/{csb.Database}");
    }

    private static bool LooksLikeConnectionString(string text) =>
        text.Contains('=', StringComparison.Ordinal) && text.Split(';').Any(part =>
            part.Split('=', 2)[0].Trim() is var key
            && (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)));

    // The libpq URI form: postgresql://[user[:password]@][host][:port][/database][?key=value&...].
    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{Redact(text)}' is not a PostgreSQL URI (postgresql://user@host:port/database)");
        }

        var csb = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        if (uri.UserInfo is { Length: > 0 } info)
        {
            var colon = info.IndexOf(':', StringComparison.Ordinal);
            csb.Username = Uri.UnescapeDataString(colon < 0 ? info : info[..colon]);
            if (colon >= 0)
            {
                csb.Password = Uri.UnescapeDataString(info[(colon + 1)..]);
            }
        }

        csb.Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                csb[key switch
                {
                    "sslmode" => "SSL Mode",
                    "connect_timeout" => "Timeout",
                    "application_name" => "Application Name",
                    _ => key,
                }] = value;
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"the PostgreSQL URI parameter '{key}' is not understood: {ex.Message}", ex);
            }
        }

        return csb;
    }

    private static string Redact(string text) =>
        text.IndexOf('@', StringComparison.Ordinal) is var at and > 0 && text.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 && at > scheme
            ? text[..(scheme + 3)] + "…" + text[at..]
            : text;
}
