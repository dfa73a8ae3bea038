using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Interdict.Model;

namespace Interdict.Sources.Ftm;

/// <summary>
/// Writes entities as FollowTheMoney JSON lines (one entity object per line, the <c>entities.ftm.json</c> shape),
/// so that lists imported here can be loaded by yente, nomenklatura or any FtM tool.
/// </summary>
public sealed class FtmWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private static readonly JsonWriterOptions Options = new()
    {
        // Names in Arabic or Cyrillic stay readable in the file instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8JsonWriter _json;

    public FtmWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(stream, Options);
    }

    public int Count { get; private set; }

    /// <summary>Writes all entities to a file, one per line; returns how many were written.</summary>
    public static int WriteFile(string path, IEnumerable<Entity> entities)
    {
        using var w = new FtmWriter(File.Create(path));
        w.WriteAll(entities);
        return w.Count;
    }

    /// <summary>One entity as its FtM JSON line (without the line break).</summary>
    public static string ToJson(Entity entity)
    {
        using var ms = new MemoryStream();
        using (var w = new FtmWriter(ms, leaveOpen: true))
        {
            w.WriteObject(entity);
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public void WriteAll(IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var e in entities)
        {
            Write(e);
        }
    }

    public void Write(Entity entity)
    {
        WriteObject(entity);
        _stream.Write(NewLine);
        Count++;
    }

    public void Dispose()
    {
        _json.Flush();
        _json.Dispose();
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>The FtM schema of an entity ("Person", "Organization", "Vessel", "Airplane").</summary>
    public static string SchemaOf(Entity e) => FtmSchema.Of(e.Kind);

    /// <summary>The FtM properties of an entity, in a stable order, each a list of unique strings.</summary>
    public static IReadOnlyDictionary<string, List<string>> PropertiesOf(Entity e)
    {
        var props = BuildProperties(e);
        var d = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in props.Items)
        {
            d[key] = values;
        }

        return d;
    }

    private static Properties BuildProperties(Entity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var person = e.Kind == EntityKind.Person;
        var props = new Properties();

        foreach (var n in e.Names)
        {
            var key = n.Type switch
            {
                NameType.Primary => "name",
                NameType.Fka => "previousName",
                _ when n.Strength == AliasStrength.Weak => "weakAlias",
                _ => "alias",
            };
            props.Add(key, n.Full);
        }

        if (person)
        {
            props.Add("firstName", e.PrimaryName.Given);
            props.Add("lastName", e.PrimaryName.Family);
            foreach (var d in e.BirthDates)
            {
                // FtM has no ranges or "circa": both ends of a range are given as possible dates.
                props.Add("birthDate", d.From.ToString());
                if (d.To is { } to)
                {
                    props.Add("birthDate", to.ToString());
                }
            }

            props.AddRange("birthPlace", e.BirthPlaces);
            props.AddRange("nationality", e.Nationalities.Select(c => c.ToLowerInvariant()));
            props.AddRange("citizenship", e.Citizenships.Select(c => c.ToLowerInvariant()));
            props.Add("gender", e.Gender switch
            {
                Gender.Male => "male",
                Gender.Female => "female",
                _ => null,
            });
            props.AddRange("position", e.Titles);
        }
        else
        {
            // Only people have nationality in FtM; for others the closest is the country they are tied to.
            props.AddRange("country", e.Nationalities.Concat(e.Citizenships).Select(c => c.ToLowerInvariant()));
        }

        foreach (var id in e.Identifiers)
        {
            var key = FtmSchema.PropertyOf(id.Kind);
            if (e.Kind == EntityKind.Aircraft && id.Kind == IdentifierKind.Registration)
            {
                key = "registrationNumber";
            }

            props.Add(key, id.Value);
        }

        props.AddRange("address", e.Addresses.Select(a => a.ToString()));
        props.AddRange("country", e.Addresses.Select(a => a.Country?.ToLowerInvariant()));
        props.AddRange("program", e.Programs);
        props.Add("notes", e.Remarks);

        if (e.Vessel is { } v)
        {
            props.Add("callSign", v.CallSign);
            props.Add("type", v.Type);
            props.Add("tonnage", v.Tonnage);
            props.Add("grossRegisteredTonnage", v.GrossRegisteredTonnage);
            props.Add("flag", v.Flag?.ToLowerInvariant());
            props.Add("buildDate", v.BuildYear);
        }

        if (e.Aircraft is { } a)
        {
            props.Add("model", a.Model);
            props.Add("serialNumber", a.SerialNumber);
            props.Add("registrationNumber", a.TailNumber);
            props.Add("buildDate", a.ConstructionDate);
            props.Add("manufacturer", a.Manufacturer);
        }

        props.Add("topics", "sanction");
        if (e.ListedOn is { } listed)
        {
            props.Add("createdAt", listed.ToString());
        }

        return props;
    }

    private void WriteObject(Entity e)
    {
        var props = BuildProperties(e);
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("id", e.Id);
        _json.WriteString("caption", e.PrimaryName.Full);
        _json.WriteString("schema", FtmSchema.Of(e.Kind));
        _json.WriteStartObject("properties");
        foreach (var (key, values) in props.Items)
        {
            _json.WriteStartArray(key);
            foreach (var value in values)
            {
                _json.WriteStringValue(value);
            }

            _json.WriteEndArray();
        }

        _json.WriteEndObject();
        _json.WriteStartArray("datasets");
        _json.WriteStringValue(e.ListId);
        _json.WriteEndArray();
        _json.WriteBoolean("target", true);
        _json.WriteEndObject();
        _json.Flush();
    }

    // Keeps property order stable and values unique, as FtM treats each property as a set.
    private sealed class Properties
    {
        private readonly Dictionary<string, List<string>> _map = new(StringComparer.Ordinal);

        public List<(string Key, List<string> Values)> Items { get; } = [];

        public void Add(string key, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            if (!_map.TryGetValue(key, out var list))
            {
                list = [];
                _map[key] = list;
                Items.Add((key, list));
            }

            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }

        public void AddRange(string key, IEnumerable<string?> values)
        {
            foreach (var v in values)
            {
                Add(key, v);
            }
        }
    }
}
