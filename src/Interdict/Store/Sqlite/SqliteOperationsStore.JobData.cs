using Interdict.Store.Operations;
using Microsoft.Data.Sqlite;

namespace Interdict.Store.Sqlite;

public sealed partial class SqliteOperationsStore
{
    // Job files of a version before job data lived in the database, deleted once the upgrade has committed (null: that
    // upgrade did not happen at this opening).
    private List<string>? _legacyFiles;

    /// <summary>
    /// Part of version 1: a jobs table from before job data lived in the database gains the later columns, and one
    /// that named job files beside the database loses them (the files are deleted after the commit).
    /// </summary>
    private void UpgradeJobs(SqliteTransaction tx)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        using (var info = _conn.CreateCommand())
        {
            info.Transaction = tx;
            info.CommandText = "SELECT name FROM pragma_table_info('jobs')";
            using var r = info.ExecuteReader();
            while (r.Read())
            {
                columns.Add(r.GetString(0));
            }
        }

        if (!columns.Contains("kind"))
        {
            Exec("ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'batch'; ALTER TABLE jobs ADD COLUMN options TEXT; ALTER TABLE jobs ADD COLUMN summary TEXT;", tx);
        }

        if (columns.Contains("input_path"))
        {
            // An earlier version kept job files in a folder beside the database. Customer data must not outlive
            // its jobs there unseen: the files the jobs table names are deleted (and the folder, once empty), and
            // those jobs are expired, since their data is gone.
            var files = new List<string>();
            using (var paths = _conn.CreateCommand())
            {
                paths.Transaction = tx;
                paths.CommandText = "SELECT input_path, output_path FROM jobs";
                using var r = paths.ExecuteReader();
                while (r.Read())
                {
                    files.Add(r.GetString(0));
                    files.Add(r.GetString(1));
                }
            }

            Exec("""
                ALTER TABLE jobs DROP COLUMN input_path; ALTER TABLE jobs DROP COLUMN output_path;
                UPDATE jobs SET status = 'expired', error = 'its files were kept beside the database by an earlier version and were deleted at the upgrade';
                """, tx);
            _legacyFiles = files;
        }
    }

    /// <summary>
    /// Deletes the job files of an earlier version: those its jobs name, and any other file of its naming (16 hex digits,
    /// .csv or .jsonl) in their folders and in the folder it used beside the database, such as the remainder of an upload
    /// it refused; then each folder, once empty. This one-time clean-up is the only use of a path beside the database.
    /// </summary>
    private void DeleteLegacyFiles(List<string> files)
    {
        var dirs = files.Select(Path.GetDirectoryName).OfType<string>().Where(d => d.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (_conn.DataSource is { Length: > 0 } self)
        {
            dirs.Add(self + ".jobs");
        }

        foreach (var file in files.Concat(dirs.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d).Where(IsLegacyJobFile))).Distinct(StringComparer.Ordinal).ToList())
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file that cannot be deleted stays; the upgrade goes on (the database no longer refers to it).
            }
        }

        foreach (var d in dirs)
        {
            try
            {
                if (Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any())
                {
                    Directory.Delete(d);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }

    private static bool IsLegacyJobFile(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return Path.GetExtension(path) is ".csv" or ".jsonl" && name.Length == 16 && name.All(char.IsAsciiHexDigitLower);
    }

    /// <summary>Creates the job row once its input is stored: from then on the job exists and is queued.</summary>
    public void CreateJob(string id, string owner, JobKind kind, double threshold, long rowsTotal, string? options)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "INSERT INTO jobs(id, owner, status, created, threshold, rows_total, kind, options) VALUES($id, $o, 'queued', $c, $th, $t, $k, $opt)";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$o", owner);
            cmd.Parameters.AddWithValue("$c", StoreTime.Text(_clock.GetUtcNow()));
            cmd.Parameters.AddWithValue("$th", threshold);
            cmd.Parameters.AddWithValue("$t", rowsTotal);
            cmd.Parameters.AddWithValue("$k", kind.ToString().ToLowerInvariant());
            cmd.Parameters.AddWithValue("$opt", (object?)options ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Records a finished portfolio import's report.</summary>
    public void SetJobSummary(string id, string summary)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "UPDATE jobs SET summary = $s WHERE id = $id";
            cmd.Parameters.AddWithValue("$s", summary);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Appends one chunk to a job's input or output.</summary>
    public void AppendJobData(string jobId, JobPart part, long seq, byte[] data)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "INSERT INTO job_data(job_id, part, seq, data) VALUES($j, $p, $s, $d)";
            cmd.Parameters.AddWithValue("$j", jobId);
            cmd.Parameters.AddWithValue("$p", Part(part));
            cmd.Parameters.AddWithValue("$s", seq);
            cmd.Parameters.Add("$d", SqliteType.Blob).Value = data;
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Chunk <paramref name="seq"/> of a job's part, or null past its end.</summary>
    public byte[]? JobDataChunk(string jobId, JobPart part, long seq)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT data FROM job_data WHERE job_id = $j AND part = $p AND seq = $s";
            cmd.Parameters.AddWithValue("$j", jobId);
            cmd.Parameters.AddWithValue("$p", Part(part));
            cmd.Parameters.AddWithValue("$s", seq);
            return cmd.ExecuteScalar() as byte[];
        }
    }

    /// <summary>Deletes a job's data (one part, or both when <paramref name="part"/> is null).</summary>
    public void DeleteJobData(string jobId, JobPart? part = null)
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "DELETE FROM job_data WHERE job_id = $j" + (part is null ? "" : " AND part = $p");
            cmd.Parameters.AddWithValue("$j", jobId);
            if (part is { } p)
            {
                cmd.Parameters.AddWithValue("$p", Part(p));
            }

            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes data no job row refers to: what an upload cut off by a crash left. Call before serving uploads.</summary>
    public long DeleteOrphanJobData()
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "DELETE FROM job_data WHERE job_id NOT IN (SELECT id FROM jobs)";
            return cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Chunks of job data stored (tests and metrics: a rejected upload must leave none).</summary>
    public long JobDataChunks()
    {
        lock (_gate)
        {
            using var cmd = _conn.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM job_data";
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>
    /// Expires the jobs that finished (done or failed) before <paramref name="cutoff"/>: deletes their input and
    /// results and marks them expired. Returns the ids expired.
    /// </summary>
    public IReadOnlyList<string> ExpireJobs(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            var due = new List<string>();
            using (var cmd = _conn.CreateCommand())
            {
                cmd.CommandText = "SELECT id, finished FROM jobs WHERE status IN ('done', 'failed') AND finished IS NOT NULL";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    if (StoreTime.Parse(r.GetString(1)) < cutoff)
                    {
                        due.Add(r.GetString(0));
                    }
                }
            }

            foreach (var id in due)
            {
                using var tx = _conn.BeginTransaction();
                using var cmd = _conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "DELETE FROM job_data WHERE job_id = $id; UPDATE jobs SET status = 'expired' WHERE id = $id";
                cmd.Parameters.AddWithValue("$id", id);
                cmd.ExecuteNonQuery();
                tx.Commit();
            }

            return due;
        }
    }

    private static string Part(JobPart part) => OperationsSecrets.Part(part);
}
