namespace Interdict.Store.Operations;

/// <summary>
/// Writes a job's input or output into the operations store chunk by chunk, so memory stays at one chunk whatever the
/// size. Nothing is buffered beyond that: <see cref="Flush"/> (or disposing) stores the last, partial chunk.
/// </summary>
public sealed class JobDataWriteStream(IOperationsStore ops, string jobId, JobPart part) : Stream
{
    private readonly byte[] _buffer = new byte[IOperationsStore.ChunkBytes];
    private int _used;
    private long _seq;
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _used);
            buffer[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            _length += n;
            buffer = buffer[n..];
            if (_used == _buffer.Length)
            {
                Store();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
        if (_used > 0)
        {
            Store();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    private void Store()
    {
        ops.AppendJobData(jobId, part, _seq++, _used == _buffer.Length ? _buffer : _buffer[.._used]);
        _used = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>Reads a job's input or output back from the operations store, one chunk in memory at a time.</summary>
public sealed class JobDataReadStream(IOperationsStore ops, string jobId, JobPart part) : Stream
{
    private byte[] _chunk = [];
    private int _pos;
    private long _seq;
    private long _read;
    private bool _end;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_pos == _chunk.Length)
        {
            if (_end || ops.JobDataChunk(jobId, part, _seq++) is not { } next)
            {
                _end = true;
                return 0;
            }

            _chunk = next;
            _pos = 0;
        }

        var n = Math.Min(buffer.Length, _chunk.Length - _pos);
        _chunk.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        _read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
