using System.Buffers;
using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Interdict.Model;

namespace Interdict.Store;

/// <summary>
/// The canonical JSON form of an <see cref="Entity"/>: the store hashes it to recognise unchanged entries, and
/// the command line prints it. Canonical means: properties in model declaration order, camelCase names, enums
/// as their names, partial dates as ISO prefixes ("1962", "1962-11"), nulls and empty lists left out, no
/// indentation, non-ASCII letters written as themselves.
/// </summary>
/// <remarks>
/// Hashes stay stable as long as the model only grows: a new optional property is null or empty on every
/// existing entity and therefore absent from its JSON. Renaming or reordering properties or enum members
/// changes every hash, and the next import would then report every entry as changed.
/// </remarks>
public static class EntityJson
{
    private static readonly JsonTypeInfo<Entity> Compact = Build(indented: false);
    private static readonly JsonTypeInfo<Entity> Indented = Build(indented: true);

    /// <summary>The canonical (compact) JSON, or an indented rendering of the same for people.</summary>
    public static string Serialize(Entity entity, bool indented = false) =>
        JsonSerializer.Serialize(entity, indented ? Indented : Compact);

    /// <summary>The canonical JSON as UTF-8, the bytes the store keeps and hashes.</summary>
    public static byte[] SerializeToUtf8Bytes(Entity entity) => JsonSerializer.SerializeToUtf8Bytes(entity, Compact);

    public static Entity Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Compact) ?? throw new JsonException("entity JSON is null");

    public static Entity Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Compact) ?? throw new JsonException("entity JSON is null");

    /// <summary>SHA-256 of the canonical UTF-8 JSON: the identity of one version of one entry.</summary>
    public static byte[] Hash(Entity entity) => SHA256.HashData(SerializeToUtf8Bytes(entity));

    /// <summary>Writes the canonical JSON into a caller-owned buffer (the importer reuses one for every entity).</summary>
    internal static void Write(Entity entity, ArrayBufferWriter<byte> buffer, ref Utf8JsonWriter? writer)
    {
        buffer.ResetWrittenCount();
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Compact.Options.Encoder, SkipValidation = true });
        }
        else
        {
            writer.Reset(buffer);
        }

        JsonSerializer.Serialize(writer, entity, Compact);
        writer.Flush();
    }

    private static JsonTypeInfo<Entity> Build(bool indented)
    {
        var options = new JsonSerializerOptions(EntityJsonContext.Default.Options)
        {
            // Letters of every script stay readable (Cyrillic names are 2 bytes, not a 6-byte escape); HTML-sensitive
            // characters are still escaped so the JSON is safe to embed.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            WriteIndented = indented,
            TypeInfoResolver = EntityJsonContext.Default.WithAddedModifier(Canonicalise),
        };
        options.MakeReadOnly();
        return (JsonTypeInfo<Entity>)options.GetTypeInfo(typeof(Entity));
    }

    private static void Canonicalise(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var omittable = new List<(JsonPropertyInfo Property, Array Empty)>();
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            var p = type.Properties[i];

            // Computed properties (Entity.PrimaryName, BirthDate.IsRange) repeat other data; storing them would
            // make hashes depend on derived values.
            if (p.Set is null && p.AssociatedParameter is null)
            {
                type.Properties.RemoveAt(i);
                continue;
            }

            if (!p.IsRequired && p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                p.ShouldSerialize = static (_, value) => value is ICollection { Count: > 0 };
                omittable.Add((p, Array.CreateInstance(p.PropertyType.GetGenericArguments()[0], 0)));
            }
        }

        // Init-only properties missing from the JSON come back null rather than with their initializer's empty
        // list, and source-generated metadata cannot set init-only properties afterwards; reflection can.
        if (omittable.Count > 0)
        {
            var setters = omittable
                .Select(o => (o.Property, Setter: type.Type.GetProperty(o.Property.AttributeProvider is PropertyInfo pi ? pi.Name : o.Property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                    ?? throw new InvalidOperationException($"no property {o.Property.Name} on {type.Type}"), o.Empty))
                .ToArray();
            type.OnDeserialized = obj =>
            {
                foreach (var (property, setter, empty) in setters)
                {
                    if (property.Get!(obj) is null)
                    {
                        setter.SetValue(obj, empty);
                    }
                }
            };
        }
    }
}

/// <summary>Reads and writes a <see cref="PartialDate"/> as its ISO 8601 prefix ("1962", "1962-11", "1962-11-23").</summary>
public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a partial date must be a string, not {reader.TokenType}");
        }

        var s = reader.GetString();
        return PartialDate.TryParse(s, out var d) ? d : throw new JsonException($"not an ISO date prefix: '{s}'");
    }

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(PartialDateJsonConverter)])]
[JsonSerializable(typeof(Entity))]
internal sealed partial class EntityJsonContext : JsonSerializerContext;
