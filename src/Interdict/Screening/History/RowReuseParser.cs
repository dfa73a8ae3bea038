using Interdict.Model;
using Interdict.Sources;
using Interdict.Sources.Ofac;

namespace Interdict.Screening.History;

/// <summary>
/// Parses a run of versions of one OFAC primary CSV file (sdn.csv or cons_prim.csv on its own) and hands back the very
/// same <see cref="Entity"/> instance for a row that is byte-identical to a row of the version parsed before: only the
/// rows that changed are parsed. Alone, such a file maps each row to one entry with nothing from other rows or files, so
/// the reused entity is exactly what parsing would give. The store recognises a reused instance and skips serialising
/// and hashing it again, so a history import costs what changed rather than what was published.
/// </summary>
/// <remarks>
/// Any other file set goes to the inner parser unchanged. When the changed rows fail to parse, the whole file is parsed
/// again so the error names the right line.
/// </remarks>
internal sealed class RowReuseParser : IListParser
{
    private readonly IListParser _inner;
    private Dictionary<Line, Entity> _previous = [];

    public RowReuseParser(IListParser inner) => _inner = inner;

    private (SourceInput Input, byte[] Bytes)? _provided;

    public string Format => _inner.Format;

    /// <summary>Hands over the bytes behind <paramref name="input"/>, which the caller already holds, to save reading a copy.</summary>
    public void Provide(SourceInput input, byte[] bytes) => _provided = (input, bytes);

    /// <summary>Rows parsed (not reused) by the last call, for measurements.</summary>
    public int LastParsedRows { get; private set; }

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (_inner.Format != "ofac-csv" || files.Count != 1 || !IsPrimary(files[0].Name))
        {
            _previous.Clear();
            LastParsedRows = -1;
            return _inner.Parse(files, context);
        }

        return ParseReusing(files[0], context);
    }

    private static bool IsPrimary(string name)
    {
        try
        {
            return OfacCsvParser.RoleOf(name).Role == OfacCsvRole.Primary;
        }
        catch (ListFormatException)
        {
            return false;
        }
    }

    private IEnumerable<Entity> ParseReusing(SourceInput file, ParseContext context)
    {
        byte[] bytes;
        if (_provided is { } p && ReferenceEquals(p.Input, file))
        {
            bytes = p.Bytes;
        }
        else
        {
            using var s = file.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            bytes = m.ToArray();
        }

        _provided = null;

        // OFAC rows never span lines: one line, one row. Blank lines carry no row; the unterminated tail is the Ctrl-Z.
        var rows = new List<Line>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = bytes.AsSpan(start).IndexOf((byte)'\n');
            if (end < 0)
            {
                break;
            }

            var line = new Line(bytes, start, end + 1);
            if (line.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                rows.Add(line);
            }

            start += end + 1;
        }

        var tail = bytes.AsSpan(start);
        var entities = new Entity?[rows.Count];
        using var changed = new MemoryStream();
        var misses = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (_previous.TryGetValue(rows[i], out var e))
            {
                entities[i] = e;
            }
            else
            {
                misses.Add(i);
                changed.Write(rows[i].Span);
            }
        }

        changed.Write(tail);
        var parsed = new List<Entity>();
        if (misses.Count > 0)
        {
            try
            {
                parsed.AddRange(_inner.Parse([SourceInput.FromBytes(file.Name, changed.ToArray())], context));
            }
            catch (ListFormatException)
            {
                parsed.Clear();
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var consistent = parsed.Count == misses.Count;
        for (var j = 0; consistent && j < misses.Count; j++)
        {
            entities[misses[j]] = parsed[j];
        }

        consistent = consistent && entities.All(e => e is not null && ids.Add(e.Id));
        if (!consistent)
        {
            // Malformed or repeated rows: the plain parse reports them with their true line numbers.
            _previous.Clear();
            LastParsedRows = rows.Count;
            return _inner.Parse([SourceInput.FromBytes(file.Name, bytes)], context);
        }

        var next = new Dictionary<Line, Entity>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            next.TryAdd(rows[i], entities[i]!);
        }

        _previous = next;
        LastParsedRows = misses.Count;
        return entities!;
    }

    /// <summary>A line of a file's bytes, compared by content.</summary>
    private readonly struct Line : IEquatable<Line>
    {
        private readonly byte[] _bytes;
        private readonly int _start;
        private readonly int _length;
        private readonly int _hash;

        public Line(byte[] bytes, int start, int length)
        {
            _bytes = bytes;
            _start = start;
            _length = length;

            // A row starts with its unique ent_num: a short prefix and the length spread the rows well, and equality
            // still compares every byte.
            var h = default(HashCode);
            h.Add(length);
            h.AddBytes(Span[..Math.Min(length, 24)]);
            _hash = h.ToHashCode();
        }

        public ReadOnlySpan<byte> Span => _bytes.AsSpan(_start, _length);

        public bool Equals(Line other) => _length == other._length && Span.SequenceEqual(other.Span);

        public override bool Equals(object? obj) => obj is Line other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
