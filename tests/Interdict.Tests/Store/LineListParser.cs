using Interdict.Model;
using Interdict.Sources;

namespace Interdict.Tests.Store;

/// <summary>
/// Test fixture: a tiny list format so the store can be exercised without depending on the real parsers being
/// written in parallel. Each line is "native id|name|program[|program...]"; "#program CODE|Name" defines a
/// program name; "#count N" states the record count the file claims; blank lines are skipped. Anything else is a <see cref="ListFormatException"/> naming file and line.
/// </summary>
internal sealed class LineListParser : IListParser
{
    public string Format => "test-lines";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
    {
        foreach (var file in files)
        {
            using var reader = new StreamReader(file.Open());
            long lineNo = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0)
                {
                    continue;
                }

                var fields = line.Split('|');
                if (line.StartsWith("#program ", StringComparison.Ordinal) && fields.Length == 2)
                {
                    context.ProgramNames[fields[0]["#program ".Length..]] = fields[1];
                    continue;
                }

                if (line.StartsWith("#count ", StringComparison.Ordinal))
                {
                    context.DeclaredCount = int.Parse(line["#count ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    continue;
                }

                if (fields.Length < 3 || fields.Any(f => f.Length == 0))
                {
                    throw new ListFormatException(file.Name, "expected id|name|program", lineNo);
                }

                yield return new Entity
                {
                    Id = $"{context.ListId}:{fields[0]}",
                    ListId = context.ListId,
                    NativeId = fields[0],
                    Kind = EntityKind.Person,
                    Names = [new EntityName { Full = fields[1] }],
                    Programs = fields[2..],
                };
            }
        }
    }

    /// <summary>The text of a list with the given rows.</summary>
    public static SourceInput Input(string name, IEnumerable<string> lines) =>
        SourceInput.FromBytes(name, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
}
