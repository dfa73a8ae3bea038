using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Interdict.Matching;
using Interdict.Model;

namespace Interdict.Screening;

/// <summary>A row of a batch input that could not be screened; the batch goes on.</summary>
public sealed record BadRow(long Line, string? Id, string Reason);

/// <summary>Counts of a finished batch.</summary>
public sealed record BatchSummary(long Rows, long Screened, long BadRows, long RowsWithMatches, long Matches);

/// <summary>
/// Screens a CSV of customers (header id,name,type,dob,country; extra columns ignored) into JSON lines, one per
/// input row and in input order. Rows are screened in parallel in bounded chunks, so memory does not grow with
/// the input and both cores are used.
/// </summary>
public static class BatchScreening
{
    private const int ChunkSize = 2048;

    public static BatchSummary Run(
        Screener screener,
        TextReader input,
        Stream output,
        ScreeningOptions options,
        string inputName = "input",
        Action<BadRow>? onBadRow = null,
        Action<long>? onProgress = null,
        bool includeExplanation = true,
        bool exhaustive = false,
        int maxParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        var csvOptions = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var csv = CsvReader.Create(input, csvOptions, true);
        if (!csv.Read())
        {
            throw new InvalidDataException($"{inputName}: empty input (expected a header line id,name,type,dob,country)");
        }

        var headerFields = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray();
        var header = headerFields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var idCol = Array.IndexOf(header, "id");
        var nameCol = Array.IndexOf(header, "name");
        var typeCol = Array.IndexOf(header, "type");
        var dobCol = Array.IndexOf(header, "dob");
        var countryCol = Array.IndexOf(header, "country");
        if (nameCol < 0 || idCol < 0)
        {
            throw new InvalidDataException($"{inputName}, line 1: the header must name the columns id and name (found: {string.Join(",", headerFields)})");
        }

        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long rows = 0, screened = 0, bad = 0, withMatches = 0, matches = 0;

        // Two chunks in flight: while one is screened on every core, the previous one is written and the next one
        // read, so parsing and writing (single-threaded by nature) do not leave the other cores idle.
        var current = new Chunk(ChunkSize);
        var done = new Chunk(ChunkSize);
        Task? screening = null;

        void Write(Chunk c)
        {
            for (var i = 0; i < c.Rows.Count; i++)
            {
                var (line, id, _, error) = c.Rows[i];
                json.WriteStartObject();
                json.WriteString("id", id);
                if (error is not null)
                {
                    json.WriteString("error", $"line {line}: {error}");
                    json.WriteStartArray("matches");
                    json.WriteEndArray();
                }
                else
                {
                    var ms = c.Results[i]!;
                    screened++;
                    matches += ms.Count;
                    if (ms.Count > 0)
                    {
                        withMatches++;
                    }

                    MatchJson.WriteMatches(json, ms, includeExplanation, ms.Count > 0 ? screener.Links : null);
                }

                json.WriteEndObject();
                json.Flush();
                output.WriteByte((byte)'\n');

                // One JSON document per line: without a reset the writer would separate documents with commas.
                json.Reset(output);
                c.Results[i] = null;
            }

            onProgress?.Invoke(c.LastRow);
            c.Rows.Clear();
        }

        void Dispatch()
        {
            // Wait for the chunk being screened, write it, and start screening the one just read.
            screening?.GetAwaiter().GetResult();
            if (done.Rows.Count > 0)
            {
                Write(done);
            }

            (current, done) = (done, current);
            var c = done;
            c.LastRow = rows;
            screening = c.Rows.Count == 0 ? null : Task.Run(
                () => Parallel.For(0, c.Rows.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxParallelism }, i =>
                {
                    c.Results[i] = c.Rows[i].Query is { } q ? (exhaustive ? screener.Index.ScanAll(q, options) : screener.Screen(q, options)) : null;
                }),
                cancellationToken);
        }

        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows++;
            var line = csv.LineNumber;
            var count = csv.FieldCount;
            string? Field(int col) => col >= 0 && col < count ? csv.GetString(col) : null;
            var id = Field(idCol);
            try
            {
                if (count < header.Length)
                {
                    throw new FormatException($"expected {header.Length} columns, found {count}");
                }

                var name = Field(nameCol);
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new FormatException("name is empty");
                }

                var dob = QueryParsing.ParseDob(Field(dobCol));
                var country = QueryParsing.ParseCountry(Field(countryCol));
                var query = new ScreeningQuery
                {
                    Name = name,
                    Kind = QueryParsing.ParseKind(Field(typeCol)),
                    BirthDates = dob is null ? [] : [dob],
                    Countries = country is null ? [] : [country],
                };
                current.Rows.Add((line, id, query, null));
            }
            catch (FormatException ex)
            {
                bad++;
                onBadRow?.Invoke(new BadRow(line, id, ex.Message));
                current.Rows.Add((line, id, null, ex.Message));
            }

            if (current.Rows.Count == ChunkSize)
            {
                Dispatch();
            }
        }

        Dispatch();
        Dispatch();
        return new BatchSummary(rows, screened, bad, withMatches, matches);
    }

    private sealed class Chunk(int size)
    {
        public List<(long Line, string? Id, ScreeningQuery? Query, string? Error)> Rows { get; } = new(size);

        public IReadOnlyList<Match>?[] Results { get; } = new IReadOnlyList<Match>?[size];

        /// <summary>Rows read when the chunk was complete: what progress reports once it is written.</summary>
        public long LastRow { get; set; }
    }
}

/// <summary>The `screen` output shape of a match, shared by the CLI, the API and batch jobs.</summary>
public static class MatchJson
{
    /// <summary>snake_case names and enum names as strings: the shape of explanations in every JSON output.</summary>
    public static JsonSerializerOptions ExplanationOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Writes the "matches" array. With <paramref name="links"/>, hits are grouped by party (see
    /// <see cref="CrossListLinks.Group"/>) and each carries "also_listed".
    /// </summary>
    public static void WriteMatches(Utf8JsonWriter json, IReadOnlyList<Match> matches, bool includeExplanation, CrossListLinks? links = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(matches);
        if (links is not null && matches.Count > 0)
        {
            WriteMatches(json, links.Group(matches), includeExplanation);
            return;
        }

        json.WriteStartArray("matches");
        foreach (var m in matches)
        {
            WriteMatch(json, m, [], includeExplanation);
        }

        json.WriteEndArray();
    }

    public static void WriteMatches(Utf8JsonWriter json, IReadOnlyList<LinkedMatch> matches, bool includeExplanation)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(matches);
        json.WriteStartArray("matches");
        foreach (var m in matches)
        {
            WriteMatch(json, m.Match, m.AlsoListed, includeExplanation);
        }

        json.WriteEndArray();
    }

    private static void WriteMatch(Utf8JsonWriter json, Match m, IReadOnlyList<AlsoListed> alsoListed, bool includeExplanation)
    {
        json.WriteStartObject();
        json.WriteString("entity_id", m.Entity.Id);
        json.WriteString("list", m.Entity.ListId);
        json.WriteString("name", m.Entity.PrimaryName.Full);
        json.WriteString("matched_name", m.MatchedName.Full);
        json.WriteString("type", KindName(m.Entity.Kind));
        json.WriteNumber("score", Math.Round(m.Score, 4));
        if (alsoListed.Count > 0)
        {
            json.WritePropertyName("also_listed");
            JsonSerializer.Serialize(json, alsoListed, ExplanationOptions);
        }

        if (includeExplanation)
        {
            json.WritePropertyName("explanation");
            JsonSerializer.Serialize(json, m.Explanation, ExplanationOptions);
        }

        json.WriteEndObject();
    }

    public static string KindName(EntityKind k) => k switch
    {
        EntityKind.Person => "person",
        EntityKind.Organization => "organization",
        EntityKind.Vessel => "vessel",
        _ => "aircraft",
    };

    public static string ToJsonLine(string? id, IReadOnlyList<Match> matches, bool includeExplanation = true, CrossListLinks? links = null)
    {
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            WriteMatches(json, matches, includeExplanation, links);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
