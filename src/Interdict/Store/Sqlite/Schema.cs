using Microsoft.Data.Sqlite;

namespace Interdict.Store.Sqlite;

/// <summary>
/// The database layout and its migrations. Each entry of <see cref="Migrations"/> moves the schema one version up;
/// a database records its version in schema_version, so opening an older file upgrades it in place.
/// </summary>
internal static class Schema
{
    public static int Current => Migrations.Length;

    /// <summary>
    /// The last_seq of a span that reaches the newest snapshot of its list ("still there"). Reads compare seqs with it as
    /// with any other end; an import extends every unchanged entry without writing a row.
    /// </summary>
    public const long OpenEnd = long.MaxValue;

    // Append only: a released migration is never edited, a change is a new entry.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE snapshots (
            id           INTEGER PRIMARY KEY,
            list_id      TEXT    NOT NULL,
            seq          INTEGER NOT NULL,  -- ordinal within the list, in publication order, from 1
            published    TEXT    NOT NULL,  -- ISO 8601 UTC, fixed width so text order is time order
            imported_at  TEXT    NOT NULL,
            entity_count INTEGER NOT NULL,
            format       TEXT    NOT NULL,
            content_hash BLOB    NOT NULL,  -- SHA-256 over (entity id, version hash) in id order
            UNIQUE (list_id, seq)
        );

        CREATE TABLE snapshot_files (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
            ordinal     INTEGER NOT NULL,
            name        TEXT    NOT NULL,
            sha256      TEXT    NOT NULL,
            bytes       INTEGER NOT NULL,
            PRIMARY KEY (snapshot_id, ordinal)
        ) WITHOUT ROWID;

        -- One row per distinct content of an entry, shared by every snapshot that contains it.
        CREATE TABLE entity_versions (
            hash      BLOB PRIMARY KEY,     -- SHA-256 of json
            entity_id TEXT NOT NULL,
            json      BLOB NOT NULL         -- canonical UTF-8 JSON (EntityJson)
        );

        -- Membership: the entry had content `hash` in snapshots first_seq..last_seq of its list. An unchanged
        -- entry costs nothing per snapshot; its span just reaches further.
        CREATE TABLE entity_spans (
            list_id   TEXT    NOT NULL,
            entity_id TEXT    NOT NULL,
            first_seq INTEGER NOT NULL,
            last_seq  INTEGER NOT NULL,
            hash      BLOB    NOT NULL REFERENCES entity_versions (hash),
            PRIMARY KEY (list_id, entity_id, first_seq)
        ) WITHOUT ROWID;

        CREATE TABLE program_names (
            code      TEXT PRIMARY KEY,
            name      TEXT NOT NULL,
            publisher TEXT,
            origin    TEXT NOT NULL         -- 'built-in', or the list whose files defined it
        );
        """,
        """
        -- Version 2: spans that reach the newest snapshot of their list are open (last_seq = 9223372036854775807), so an
        -- import no longer rewrites the span of every unchanged entry.
        UPDATE entity_spans SET last_seq = 9223372036854775807
        WHERE last_seq = (SELECT max(seq) FROM snapshots s WHERE s.list_id = entity_spans.list_id);
        """,
        """
        -- Version 3: snapshots removed by 'snapshots remove'. Alerts raised against one keep its id, which this table
        -- resolves; new snapshots take ids above these too, so an id is never reused.
        CREATE TABLE IF NOT EXISTS removed_snapshots (
            id           INTEGER PRIMARY KEY,  -- the snapshot's id
            list_id      TEXT    NOT NULL,
            published    TEXT    NOT NULL,
            imported_at  TEXT    NOT NULL,
            entity_count INTEGER NOT NULL,
            removed_at   TEXT    NOT NULL,
            actor        TEXT    NOT NULL,
            reason       TEXT    NOT NULL,
            alerts       INTEGER NOT NULL       -- portfolio alerts that referred to it (non-zero only when forced)
        );
        """,
    ];

    /// <summary>Creates or upgrades the schema. Refuses a database written by a newer build.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }

        using var tx = connection.BeginTransaction();
        var version = ReadVersion(connection, tx);
        if (version > Current)
        {
            throw new InvalidOperationException(
                $"{connection.DataSource}: database schema version {version} is newer than this build understands ({Current}); use a newer Interdict.");
        }

        for (var v = version; v < Current; v++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = tx;
            migrate.CommandText = Migrations[v];
            migrate.ExecuteNonQuery();
        }

        if (version != Current)
        {
            using var set = connection.CreateCommand();
            set.Transaction = tx;
            set.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($v)";
            set.Parameters.AddWithValue("$v", Current);
            set.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction tx)
    {
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT max(version) FROM schema_version";
        return read.ExecuteScalar() is long v ? (int)v : 0;
    }
}
