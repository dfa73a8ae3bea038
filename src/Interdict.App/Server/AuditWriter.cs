using System.Text.Json;
using System.Threading.Channels;
using Interdict.Matching;
using Interdict.Screening;
using Interdict.Store.Operations;

namespace Interdict.App.Server;

/// <summary>
/// Records every screening in the append-only audit trail. Requests only enqueue; a background loop writes
/// batches in one transaction each, so auditing costs a channel write per screening, not a disk sync.
/// </summary>
public sealed class AuditWriter : BackgroundService
{
    private readonly Channel<AuditRecord> _channel = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly IOperationsStore _ops;
    private long _written;

    public AuditWriter(IOperationsStore ops) => _ops = ops;

    public long Written => Interlocked.Read(ref _written);

    public void Record(string actor, string channel, object query, Screener screener, double threshold, IReadOnlyList<Match> matches)
    {
        var record = new AuditRecord
        {
            Time = DateTimeOffset.UtcNow,
            Actor = actor,
            Channel = channel,
            Query = InputLimits.ForAudit(JsonSerializer.Serialize(query, ServerJson.Options)),
            Snapshots = SnapshotsOf(screener),
            Threshold = threshold,
            Matches = JsonSerializer.Serialize(matches.Select(m => new { entity_id = m.Entity.Id, matched_name = m.MatchedName.Full, score = Math.Round(m.Score, 4) }), ServerJson.Options),
            MatchCount = matches.Count,
        };
        if (!_channel.Writer.TryWrite(record))
        {
            // The queue is full: wait rather than lose an audit record.
            _channel.Writer.WriteAsync(record).AsTask().GetAwaiter().GetResult();
        }
    }

    public static string SnapshotsOf(Screener screener) =>
        JsonSerializer.Serialize(screener.Snapshots.Select(s => new { list = s.ListId, snapshot = s.Id, published = s.Published }), ServerJson.Options);

    /// <summary>Waits until everything enqueued so far is on disk (tests and shutdown).</summary>
    public async Task FlushAsync()
    {
        while (_channel.Reader.Count > 0)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        await Task.Delay(50).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditRecord>(1024);
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < 5000 && reader.TryRead(out var r))
                {
                    batch.Add(r);
                }

                _ops.AppendAudit(batch);
                Interlocked.Add(ref _written, batch.Count);
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }

        // Shutdown: write what is left.
        while (reader.TryRead(out var r))
        {
            batch.Add(r);
        }

        _ops.AppendAudit(batch);
    }
}
