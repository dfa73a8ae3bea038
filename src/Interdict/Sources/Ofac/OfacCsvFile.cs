using System.Globalization;
using System.Text;
using CsvHelper;

namespace Interdict.Sources.Ofac;

/// <summary>The part a file plays in an OFAC CSV set.</summary>
internal enum OfacCsvRole
{
    Primary,
    Address,
    Alias,
    Comments,
}

/// <summary>
/// Reads one OFAC legacy CSV file row by row with its quirks: no header, "-0- " nulls, CRLF, a final Ctrl-Z,
/// strict UTF-8. Every problem becomes a <see cref="ListFormatException"/> naming the file and line.
/// </summary>
internal sealed class OfacCsvFile : IDisposable
{
    private const byte CtrlZ = 0x1A;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SourceInput _input;
    private readonly int _columns;
    private readonly OfacCsvRole _role;
    private readonly CsvReader _reader;
    private readonly string?[] _fields;
    private readonly string?[] _raw;
    private bool _sawEnd;
    private int _rows;

    public OfacCsvFile(SourceInput input, OfacCsvRole role)
    {
        _input = input;
        _role = role;
        _columns = ColumnCount(role);
        _fields = new string?[_columns];
        _raw = new string?[_columns];
        var stream = input.Open();
        CheckStart(stream);
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            Mode = CsvMode.Rfc4180,

            // OFAC never breaks a line inside a field: an open quote must not swallow the rest of the file.
            AllowLineBreaksInQuotes = false,
            TrimWhitespace = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        _reader = CsvReader.Create(stream, options, leaveOpen: false);
    }

    public string Name => _input.Name;

    /// <summary>Line of the current row (rows never span lines in OFAC files).</summary>
    public long Line { get; private set; }

    /// <summary>Field <paramref name="i"/> of the current row, trimmed, with OFAC's "-0-" null as null.</summary>
    public string? this[int i] => _fields[i];

    /// <summary>The untrimmed text of field <paramref name="i"/> (null for "-0-"), for remarks that must be joined exactly.</summary>
    public string? Raw(int i) => _raw[i];

    public static int ColumnCount(OfacCsvRole role) => role switch
    {
        OfacCsvRole.Primary => 12,
        OfacCsvRole.Address => 6,
        OfacCsvRole.Alias => 5,
        _ => 2,
    };

    public bool Read()
    {
        if (_sawEnd)
        {
            return false;
        }

        if (!Advance())
        {
            _sawEnd = true;
            if (_rows == 0)
            {
                throw new ListFormatException(_input.Name, "file is empty");
            }

            return false;
        }

        Line = _reader.LineNumber;
        var count = _reader.FieldCount;
        if (count == 1 && IsEndMark(_reader.GetSpan(0)))
        {
            // OFAC ends its files with one Ctrl-Z after the last CRLF; anything after it is not OFAC's.
            var markLine = Line;
            if (Advance())
            {
                throw new ListFormatException(_input.Name, $"data after the end-of-file mark (0x1A) on line {markLine}", _reader.LineNumber);
            }

            _sawEnd = true;
            if (_rows == 0)
            {
                throw new ListFormatException(_input.Name, "file is empty");
            }

            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(_reader.RawRecord))
        {
            throw InvalidUtf8(_reader.RawRecord);
        }

        if (count != _columns)
        {
            var hint = Guess(count);
            throw new ListFormatException(
                _input.Name,
                $"expected {_columns} columns, found {count}" + (hint is null ? string.Empty : $" (this looks like {hint}, not {RoleName(_role)})"),
                Line);
        }

        for (var i = 0; i < count; i++)
        {
            var span = _reader.GetSpan(i);
            var trimmed = span.Trim((byte)' ');
            if (trimmed.IsEmpty || trimmed.SequenceEqual("-0-"u8))
            {
                _fields[i] = null;
                _raw[i] = null;
                continue;
            }

            if (trimmed.IndexOfAnyInRange((byte)0, (byte)8) >= 0)
            {
                throw new ListFormatException(_input.Name, $"binary data (control characters) in column {i + 1}", Line);
            }

            var raw = StrictUtf8.GetString(span);
            _raw[i] = raw;
            _fields[i] = trimmed.Length == span.Length ? raw : StrictUtf8.GetString(trimmed);
        }

        _rows++;
        return true;
    }

    /// <summary>The current row's ent_num (column 1); OFAC keys every file by it.</summary>
    public int EntNum()
    {
        var s = _fields[0];
        if (s is null || !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new ListFormatException(_input.Name, $"ent_num '{Excerpt(s)}' is not a number", Line);
        }

        return n;
    }

    public ListFormatException Error(string reason) => new(_input.Name, reason, Line);

    public void Dispose() => _reader.Dispose();

    private bool Advance()
    {
        try
        {
            return _reader.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new ListFormatException(_input.Name, Describe(ex), ex.LineNumber > 0 ? ex.LineNumber : null, inner: ex);
        }
    }

    // CsvHelper says "Malformed CSV in record 4 (line 4): a quote inside an unquoted field (byte offset 303)."; the
    // file and line are already in our message, so only the reason is kept.
    private static string Describe(CsvFormatException ex)
    {
        var m = ex.Message.AsSpan();
        var start = m.IndexOf("): ", StringComparison.Ordinal);
        if (start < 0 || !m.StartsWith("Malformed CSV", StringComparison.Ordinal))
        {
            return "unreadable CSV: " + ex.Message;
        }

        m = m[(start + 3)..].TrimEnd('.');
        var offset = m.LastIndexOf(" (byte offset", StringComparison.Ordinal);
        if (offset > 0)
        {
            m = m[..offset];
        }

        return "broken quoting: " + m.ToString();
    }

    private static bool IsEndMark(ReadOnlySpan<byte> field) =>
        field.Length > 0 && field[0] == CtrlZ && field[1..].Trim(" \t\r\n"u8).IsEmpty;

    // Wrong files are named as what they are rather than as broken CSV.
    private void CheckStart(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return;
        }

        Span<byte> head = stackalloc byte[4];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        head = head[..n];
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        if (head.StartsWith("<"u8))
        {
            throw new ListFormatException(_input.Name, "this is an XML document, not an OFAC CSV file", 1);
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            throw new ListFormatException(_input.Name, "this is a ZIP archive, not an OFAC CSV file: extract it first", 1);
        }
    }

    private ListFormatException InvalidUtf8(ReadOnlySpan<byte> record)
    {
        var offset = 0;
        while (offset < record.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(record[offset..], out _, out var used);
            if (status != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            offset += used;
        }

        var bad = offset < record.Length ? $" (byte 0x{record[offset]:X2} at column {offset + 1})" : string.Empty;
        return new ListFormatException(_input.Name, $"invalid UTF-8{bad}; OFAC CSV files are UTF-8 text", Line);
    }

    private static string? Guess(int columns) => columns switch
    {
        12 => "sdn.csv / cons_prim.csv",
        6 => "add.csv",
        5 => "alt.csv",
        2 => "sdn_comments.csv",
        _ => null,
    };

    private static string RoleName(OfacCsvRole role) => role switch
    {
        OfacCsvRole.Primary => "sdn.csv / cons_prim.csv",
        OfacCsvRole.Address => "add.csv",
        OfacCsvRole.Alias => "alt.csv",
        _ => "sdn_comments.csv",
    };

    private static string Excerpt(string? s)
    {
        if (s is null)
        {
            return string.Empty;
        }

        return s.Length <= 40 ? s : s[..40] + "...";
    }
}
