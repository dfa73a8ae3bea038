using Interdict.Store.Operations;

namespace Interdict.Store.Sqlite;

/// <summary>
/// UI sessions. Signing in with a key creates a random session id for the browser's cookie, so the cookie never holds
/// the key and signing out can end the session on the server. Only the id's SHA-256 is stored, like a key's.
/// </summary>
public sealed partial class SqliteOperationsStore
{
    // A session is seen on every request; its last_seen is rewritten at most this often, not on every request.
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Starts a session for an active key and returns its id in clear (32 random bytes, base64url): the only time it
    /// exists outside the browser. Sessions that have expired are deleted on the way, so the table stays small.
    /// </summary>
    public string CreateSession(long keyId, DateTimeOffset now, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "a session's lifetime must be positive");
        }

        var id = OperationsSecrets.NewSessionId();
        lock (_gate)
        {
            using var tx = _conn.BeginTransaction();
            using (var purge = _conn.CreateCommand())
            {
                purge.Transaction = tx;
                purge.CommandText = "DELETE FROM sessions WHERE expires <= $now";
                purge.Parameters.AddWithValue("$now", StoreTime.Text(now));
                purge.ExecuteNonQuery();
            }

            using (var cmd = _conn.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO sessions(hash, key_id, created, last_seen, expires) SELECT $h, id, $now, $now, $exp FROM api_keys WHERE id = $k AND revoked IS NULL";
                cmd.Parameters.AddWithValue("$h", OperationsSecrets.Hash(id));
                cmd.Parameters.AddWithValue("$k", keyId);
                cmd.Parameters.AddWithValue("$now", StoreTime.Text(now));
                cmd.Parameters.AddWithValue("$exp", StoreTime.Text(now + lifetime));
                if (cmd.ExecuteNonQuery() != 1)
                {
                    throw new InvalidOperationException("the API key is unknown or revoked");
                }
            }

            tx.Commit();
        }

        return id;
    }

    /// <summary>The session with this id and its key, or null: unknown, signed out, expired, or its key revoked.</summary>
    public SessionInfo? Session(string sessionId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var hash = OperationsSecrets.Hash(sessionId);
        lock (_gate)
        {
            SessionInfo? found;
            using (var cmd = _conn.CreateCommand())
            {
                cmd.CommandText = """
                    SELECT k.id, k.name, k.role, k.prefix, k.created, k.revoked, s.created, s.last_seen, s.expires
                    FROM sessions s JOIN api_keys k ON k.id = s.key_id
                    WHERE s.hash = $h AND s.expires > $now AND k.revoked IS NULL
                    """;
                cmd.Parameters.AddWithValue("$h", hash);
                cmd.Parameters.AddWithValue("$now", StoreTime.Text(now));
                using var r = cmd.ExecuteReader();
                found = r.Read() ? new SessionInfo(ReadKey(r), StoreTime.Parse(r.GetString(6)), StoreTime.Parse(r.GetString(7)), StoreTime.Parse(r.GetString(8))) : null;
            }

            if (found is not null && now - found.LastSeen >= LastSeenResolution)
            {
                using var touch = _conn.CreateCommand();
                touch.CommandText = "UPDATE sessions SET last_seen = $now WHERE hash = $h";
                touch.Parameters.AddWithValue("$h", hash);
                touch.Parameters.AddWithValue("$now", StoreTime.Text(now));
                touch.ExecuteNonQuery();
                found = found with { LastSeen = now };
            }

            return found;
        }
    }

    /// <summary>Ends a session (sign-out): its id never works again. False when there was no such session.</summary>
    public bool EndSession(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "DELETE FROM sessions WHERE hash = $h";
            cmd.Parameters.AddWithValue("$h", OperationsSecrets.Hash(sessionId));
            return cmd.ExecuteNonQuery() == 1;
        }
    }
}
