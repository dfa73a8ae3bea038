namespace Interdict.Store.Operations;

public enum ApiRole
{
    Screener,
    Admin,
}

public sealed record ApiKeyInfo(long Id, string Name, ApiRole Role, string Prefix, DateTimeOffset Created, DateTimeOffset? Revoked);

public sealed record AuditRecord
{
    public long Id { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required string Actor { get; init; }
    public required string Channel { get; init; }
    public required string Query { get; init; }
    public required string Snapshots { get; init; }
    public required double Threshold { get; init; }
    public required string Matches { get; init; }
    public int MatchCount { get; init; }
}

public enum JobStatus
{
    Queued,
    Running,
    Done,
    Failed,
    Interrupted,

    /// <summary>Finished longer ago than the retention: its input and results are deleted, only this record is kept.</summary>
    Expired,
}

/// <summary>What a job does: screen a batch file into results, or import the portfolio.</summary>
public enum JobKind
{
    Batch,
    Portfolio,
}

public sealed record JobInfo(string Id, string Owner, JobStatus Status, long RowsDone, long? RowsTotal, long Matches, long BadRows, DateTimeOffset Created, DateTimeOffset? Finished, string? Error, double Threshold)
{
    public JobKind Kind { get; init; }

    /// <summary>The job's parameters as JSON (a portfolio import's replace flag), or null.</summary>
    public string? Options { get; init; }

    /// <summary>A finished portfolio import's report as JSON, or null.</summary>
    public string? Summary { get; init; }
}

/// <summary>Which of a job's two byte streams: the uploaded CSV or the results written by the job.</summary>
public enum JobPart
{
    Input,
    Output,
}

/// <summary>A UI session as stored: never its id, which only the browser's cookie holds.</summary>
public sealed record SessionInfo(ApiKeyInfo Key, DateTimeOffset Created, DateTimeOffset LastSeen, DateTimeOffset Expires);

/// <summary>
/// What the server keeps besides the lists: API keys (hashed), the append-only audit trail, batch jobs and their data,
/// and UI sessions. Hosts depend on this seam only; each backend (SQLite in the list store's file, PostgreSQL for a
/// team) implements all of it with the same semantics, which one contract test suite checks against both.
/// </summary>
/// <remarks>
/// Batch job inputs and outputs live in the store, in chunks of <see cref="ChunkBytes"/>, never in files beside it:
/// one store is the whole state (a PostgreSQL store has no folder), and an upload that fails leaves nothing on disk.
/// A job row is created only once its input is complete and valid, so data without a job row is the remainder of an
/// upload cut off by a crash, deleted at the next start (<see cref="DeleteOrphanJobData"/>).
/// </remarks>
public interface IOperationsStore : IDisposable
{
    /// <summary>One chunk: big enough that a 100 MB upload is a hundred rows, small enough that memory stays bounded.</summary>
    const int ChunkBytes = 1024 * 1024;

    // ---- API keys

    /// <summary>Creates a key and returns it in clear: the only time it is ever shown. Only its SHA-256 is stored.</summary>
    (ApiKeyInfo Info, string Key) CreateKey(string name, ApiRole role);

    IReadOnlyList<ApiKeyInfo> Keys();

    /// <summary>The active key with this secret, or null (unknown or revoked).</summary>
    ApiKeyInfo? Authenticate(string key);

    /// <summary>Revokes the active key of that name; false when there is none.</summary>
    bool RevokeKey(string name);

    // ---- Audit

    /// <summary>Appends records in one transaction (the audit writer batches, so recording costs little per screening).</summary>
    void AppendAudit(IReadOnlyList<AuditRecord> records);

    /// <summary>Audit records in [from, until) with an id above <paramref name="afterId"/>, in id order (oldest first).</summary>
    IEnumerable<AuditRecord> Audit(DateTimeOffset? from, DateTimeOffset? until, int? limit = null, long? afterId = null);

    long AuditCount();

    // ---- Jobs

    /// <summary>Creates the job row once its input is stored: from then on the job exists and is queued.</summary>
    void CreateJob(string id, string owner, JobKind kind, double threshold, long rowsTotal, string? options);

    /// <summary>Sets a job's progress; a finished status (done, failed, interrupted) also stamps its finish time.</summary>
    void UpdateJob(string id, JobStatus status, long rowsDone, long matches, long badRows, long? rowsTotal = null, string? failure = null);

    /// <summary>Records a finished portfolio import's report.</summary>
    void SetJobSummary(string id, string summary);

    JobInfo? Job(string id);

    /// <summary>The 200 newest jobs, newest first.</summary>
    IReadOnlyList<JobInfo> Jobs();

    /// <summary>
    /// Expires the jobs that finished (done or failed) before <paramref name="cutoff"/>: deletes their input and
    /// results and marks them expired. Returns the ids expired.
    /// </summary>
    IReadOnlyList<string> ExpireJobs(DateTimeOffset cutoff);

    // ---- Job data

    /// <summary>Appends one chunk to a job's input or output.</summary>
    void AppendJobData(string jobId, JobPart part, long seq, byte[] data);

    /// <summary>Chunk <paramref name="seq"/> of a job's part, or null past its end.</summary>
    byte[]? JobDataChunk(string jobId, JobPart part, long seq);

    /// <summary>Deletes a job's data (one part, or both when <paramref name="part"/> is null).</summary>
    void DeleteJobData(string jobId, JobPart? part = null);

    /// <summary>Deletes data no job row refers to: what an upload cut off by a crash left. Call before serving uploads.</summary>
    long DeleteOrphanJobData();

    /// <summary>Chunks of job data stored (tests and metrics: a rejected upload must leave none).</summary>
    long JobDataChunks();

    // ---- UI sessions

    /// <summary>
    /// Starts a session for an active key and returns its id in clear (32 random bytes, base64url): the only time it
    /// exists outside the browser. Sessions that have expired are deleted on the way, so the table stays small.
    /// </summary>
    string CreateSession(long keyId, DateTimeOffset now, TimeSpan lifetime);

    /// <summary>The session with this id and its key, or null: unknown, signed out, expired, or its key revoked.</summary>
    SessionInfo? Session(string sessionId, DateTimeOffset now);

    /// <summary>Ends a session (sign-out): its id never works again. False when there was no such session.</summary>
    bool EndSession(string sessionId);
}
