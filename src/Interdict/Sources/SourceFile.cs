using System.Security.Cryptography;
using Interdict.Model;

namespace Interdict.Sources;

/// <summary>A file handed to a parser: its name (for messages and role detection) and a way to open it.</summary>
public sealed class SourceInput
{
    private readonly Func<Stream> _open;

    public SourceInput(string name, Func<Stream> open)
    {
        Name = name;
        _open = open;
    }

    /// <summary>File name without directories, as it appears in error messages.</summary>
    public string Name { get; }

    public Stream Open() => _open();

    public static SourceInput FromPath(string path) => new(Path.GetFileName(path), () => File.OpenRead(path));

    public static SourceInput FromBytes(string name, byte[] bytes) => new(name, () => new MemoryStream(bytes, writable: false));

    public SourceFile Describe()
    {
        using var s = Open();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buf = new byte[81920];
        long total = 0;
        int n;
        while ((n = s.Read(buf, 0, buf.Length)) > 0)
        {
            sha.AppendData(buf, 0, n);
            total += n;
        }

        return new SourceFile(Name, Convert.ToHexStringLower(sha.GetHashAndReset()), total);
    }
}

/// <summary>What a parse learned besides the entities: the publication date the file states, and warnings.</summary>
public sealed class ParseContext
{
    public ParseContext(string listId) => ListId = listId;

    /// <summary>The list the entities belong to; it prefixes every entity id.</summary>
    public string ListId { get; }

    /// <summary>Publication date read from the file itself (XML Publish_Date, dateGenerated), if any.</summary>
    public DateTimeOffset? Published { get; set; }

    /// <summary>Record count the file claims (OFAC XML Record_Count), for verification.</summary>
    public int? DeclaredCount { get; set; }

    /// <summary>Problems that did not stop the parse (e.g. dangling references in a cut-down file).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Program codes and names the source defines (Advanced/Enhanced XML reference tables, UN regimes).</summary>
    public Dictionary<string, string> ProgramNames { get; } = new(StringComparer.Ordinal);
}

/// <summary>A streaming reader of one publisher format into the model.</summary>
public interface IListParser
{
    /// <summary>Stable format name ("ofac-csv", "ofac-xml", "ofac-advanced", "ofac-enhanced", "un-xml").</summary>
    string Format { get; }

    /// <summary>
    /// Yields the entities of the files in publication order. Throws <see cref="ListFormatException"/> naming the
    /// file and line or element on malformed input; callers import inside one transaction so nothing half-done lands.
    /// </summary>
    IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context);
}

/// <summary>For the formats whose files each hold whole entries: a file set is its files parsed one after another.</summary>
internal static class EachFile
{
    public static IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context, Func<SourceInput, ParseContext, IEnumerable<Entity>> parseFile)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var file in files)
        {
            foreach (var e in parseFile(file, context))
            {
                yield return e;
            }
        }
    }
}
