using System.Text.Json;
using Interdict.Model;

namespace Interdict.Sources.Ftm;

/// <summary>
/// Reads FollowTheMoney JSON lines: Interdict's own export and OpenSanctions' <c>entities.ftm.json</c>. Entity ids are
/// kept as the file gives them. Schemata that describe no screenable party (Sanction, Address, Identification,
/// Ownership, ...) are skipped; where an entity carries such adjacent entities nested in its properties (yente's
/// <c>nested=true</c> shape) their simple facts are taken over.
/// </summary>
public sealed class FtmParser : IListParser
{
    public string Format => "ftm";

    /// <summary>How many lines of the last parse had a schema that is not a screenable party.</summary>
    public int Skipped { get; private set; }

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);
        Skipped = 0;
        foreach (var file in files)
        {
            foreach (var e in ParseFile(file, context))
            {
                yield return e;
            }
        }
    }

    private IEnumerable<Entity> ParseFile(SourceInput file, ParseContext context)
    {
        using var stream = file.Open();
        long line = 0;
        var any = false;
        foreach (var bytes in Lines(stream))
        {
            line++;
            var span = bytes.Span;
            if (line == 1 && span.StartsWith("\uFEFF"u8))
            {
                span = span[3..];
            }

            if (span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            // Checked per line so that the message can say which line holds the bad bytes.
            if (!System.Text.Unicode.Utf8.IsValid(span))
            {
                throw new ListFormatException(file.Name, "not valid UTF-8", line);
            }

            any = true;
            Entity? entity;
            try
            {
                using var doc = JsonDocument.Parse(bytes[(bytes.Length - span.Length)..]);
                entity = Map(doc.RootElement, file, line, context);
            }
            catch (JsonException ex)
            {
                throw new ListFormatException(file.Name, $"invalid JSON: {ex.Message}", line, inner: ex);
            }

            if (entity is null)
            {
                Skipped++;
                continue;
            }

            yield return entity;
        }

        if (!any)
        {
            throw new ListFormatException(file.Name, "empty file: no FollowTheMoney entities", 1);
        }
    }

    // Splits the stream at '\n' without decoding, so each line is parsed from its own bytes.
    private static IEnumerable<ReadOnlyMemory<byte>> Lines(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                pending.Write(buffer, start, i - start);
                yield return pending.ToArray();
                pending.SetLength(0);
                start = i + 1;
            }

            pending.Write(buffer, start, n - start);
        }

        if (pending.Length > 0)
        {
            yield return pending.ToArray();
        }
    }

    private static Entity? Map(JsonElement root, SourceInput file, long line, ParseContext context)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ListFormatException(file.Name, $"expected one JSON object per line, found {root.ValueKind}", line);
        }

        var id = String(root, "id") ?? throw new ListFormatException(file.Name, "entity without \"id\"", line);
        var schema = String(root, "schema") ?? throw new ListFormatException(file.Name, $"entity {id} without \"schema\"", line);
        if (FtmSchema.KindOf(schema) is not { } kind)
        {
            return null;
        }

        var props = new Props();
        if (root.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                throw new ListFormatException(file.Name, $"entity {id}: \"properties\" is not an object", line);
            }

            props.Read(properties, file, line, id);
        }

        var names = new List<EntityName>();
        var primary = props.Take("name");
        var caption = String(root, "caption");
        if (primary.Count == 0 && caption is not null)
        {
            primary.Add(caption);
        }

        if (primary.Count == 0)
        {
            context.Warnings.Add($"{file.Name}, line {line}: {schema} {id} has no name; skipped");
            return null;
        }

        // The caption is the name FtM shows; make it the primary one when it is among the names.
        if (caption is not null && primary.IndexOf(caption) > 0)
        {
            primary.Remove(caption);
            primary.Insert(0, caption);
        }

        var firstNames = props.Peek("firstName");
        var lastNames = props.Peek("lastName");
        if (firstNames.Count == 1)
        {
            props.Take("firstName");
        }

        if (lastNames.Count == 1)
        {
            props.Take("lastName");
        }

        for (var i = 0; i < primary.Count; i++)
        {
            var script = Scripts.Detect(primary[i]);
            names.Add(new EntityName
            {
                Full = primary[i],
                Type = i == 0 || script is not null ? NameType.Primary : NameType.Aka,
                Script = script,
                Given = i == 0 && firstNames.Count == 1 ? firstNames[0] : null,
                Family = i == 0 && lastNames.Count == 1 ? lastNames[0] : null,
            });
        }

        names.AddRange(props.Take("alias").Select(n => new EntityName { Full = n, Type = NameType.Aka, Script = Scripts.Detect(n) }));
        names.AddRange(props.Take("weakAlias").Select(n => new EntityName { Full = n, Type = NameType.Aka, Strength = AliasStrength.Weak, Script = Scripts.Detect(n) }));
        names.AddRange(props.Take("previousName").Select(n => new EntityName { Full = n, Type = NameType.Fka, Script = Scripts.Detect(n) }));

        var other = new List<KeyValuePair<string, string>>();
        var birthDates = new List<BirthDate>();
        foreach (var d in props.Take("birthDate"))
        {
            if (PartialDate.TryParse(d, out var pd))
            {
                birthDates.Add(BirthDate.Exact(pd, d));
            }
            else
            {
                other.Add(new("birthDate", d));
            }
        }

        var identifiers = new List<Identifier>();
        foreach (var (prop, (idKind, label)) in FtmSchema.IdentifierProperties)
        {
            if (kind == EntityKind.Aircraft && prop == "registrationNumber")
            {
                continue;
            }

            identifiers.AddRange(props.Take(prop).Select(v => new Identifier { Kind = idKind, Label = label, Value = v }));
        }

        identifiers.AddRange(props.Identifications);

        VesselInfo? vessel = null;
        AircraftInfo? aircraft = null;
        if (kind == EntityKind.Vessel)
        {
            var flag = props.TakeFirst("flag");
            vessel = new VesselInfo
            {
                CallSign = props.TakeFirst("callSign"),
                Type = props.TakeFirst("type"),
                Tonnage = props.TakeFirst("tonnage"),
                GrossRegisteredTonnage = props.TakeFirst("grossRegisteredTonnage"),
                Flag = flag?.ToUpperInvariant(),
                FlagName = Countries.Name(flag),
                BuildYear = props.TakeFirst("buildDate"),
            };
        }
        else if (kind == EntityKind.Aircraft)
        {
            aircraft = new AircraftInfo
            {
                Model = props.TakeFirst("model"),
                SerialNumber = props.TakeFirst("serialNumber"),
                TailNumber = props.TakeFirst("registrationNumber"),
                ConstructionDate = props.TakeFirst("buildDate"),
                Manufacturer = props.TakeFirst("manufacturer"),
            };
        }

        identifiers.AddRange(props.Take("callSign").Select(v => new Identifier { Kind = IdentifierKind.CallSign, Label = "Call sign", Value = v }));
        identifiers.AddRange(props.Take("serialNumber").Select(v => new Identifier { Kind = IdentifierKind.AircraftSerial, Label = "Serial number", Value = v }));

        PartialDate? listedOn = null;
        foreach (var c in props.Take("createdAt").Concat(props.ListingDates))
        {
            if (PartialDate.TryParse(c, out var d) && (listedOn is null || d < listedOn))
            {
                listedOn = d;
            }
        }

        var addresses = props.Take("address").Select(a => new Address { Lines = [a] }).Concat(props.Addresses).ToList();
        var notes = props.Take("notes");
        var programs = props.Take("program");
        foreach (var p in props.Programs.Where(p => !programs.Contains(p)))
        {
            programs.Add(p);
        }

        var gender = props.TakeFirst("gender")?.ToLowerInvariant() switch
        {
            "male" => (Gender?)Gender.Male,
            "female" => Gender.Female,
            _ => null,
        };

        var entity = new Entity
        {
            Id = id,
            ListId = context.ListId,
            NativeId = id,
            Kind = kind,
            Names = names,
            BirthDates = birthDates,
            BirthPlaces = props.Take("birthPlace"),
            Nationalities = Codes(props.Take("nationality")),
            Citizenships = Codes(props.Take("citizenship")),
            Gender = gender,
            Titles = [.. props.Take("position"), .. props.Take("title")],
            Addresses = addresses,
            Identifiers = identifiers,
            Programs = programs,
            ListedOn = listedOn,
            Remarks = notes.Count == 0 ? null : string.Join("\n", notes),
            Vessel = vessel,
            Aircraft = aircraft,
            Other = other,
        };

        // Whatever has no field of its own is kept as published (country, topics, sourceUrl, datasets, ...).
        other.Add(new("schema", schema));
        foreach (var (key, values) in props.Rest)
        {
            other.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v)));
        }

        foreach (var key in (ReadOnlySpan<string>)["datasets", "referents"])
        {
            if (root.TryGetProperty(key, out var arr) && arr.ValueKind == JsonValueKind.Array)
            {
                other.AddRange(arr.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => new KeyValuePair<string, string>(key, v.GetString()!)));
            }
        }

        return entity;
    }

    private static List<string> Codes(List<string> codes) =>
        codes.Select(c => c.Length == 2 ? c.ToUpperInvariant() : SourceText.Country(c) ?? c.ToUpperInvariant()).Distinct().ToList();

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    // Property values in order, with nested adjacent entities (sanctions, identifications, addresses) unpacked.
    private sealed class Props
    {
        private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public List<Identifier> Identifications { get; } = [];
        public List<Address> Addresses { get; } = [];
        public List<string> Programs { get; } = [];
        public List<string> ListingDates { get; } = [];

        public IEnumerable<(string Key, List<string> Values)> Rest =>
            _order.Where(k => _values.ContainsKey(k)).Select(k => (k, _values[k]));

        public void Read(JsonElement properties, SourceInput file, long line, string id)
        {
            foreach (var p in properties.EnumerateObject())
            {
                var values = p.Value.ValueKind switch
                {
                    JsonValueKind.Array => p.Value.EnumerateArray().ToList(),
                    JsonValueKind.String => [p.Value],
                    JsonValueKind.Null => [],
                    _ => throw new ListFormatException(file.Name, $"entity {id}: property \"{p.Name}\" is {p.Value.ValueKind}, expected a list of strings", line),
                };

                foreach (var v in values)
                {
                    if (v.ValueKind == JsonValueKind.String)
                    {
                        var s = v.GetString();
                        if (!string.IsNullOrWhiteSpace(s))
                        {
                            Add(p.Name, s);
                        }
                    }
                    else if (v.ValueKind == JsonValueKind.Object)
                    {
                        Nested(v);
                    }
                }
            }
        }

        private void Add(string key, string value)
        {
            if (!_values.TryGetValue(key, out var list))
            {
                list = [];
                _values[key] = list;
                _order.Add(key);
            }

            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }

        private void Nested(JsonElement entity)
        {
            var schema = String(entity, "schema");
            if (!entity.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            string? First(string name) =>
                p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                    ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).FirstOrDefault(x => !string.IsNullOrWhiteSpace(x))
                    : null;

            IEnumerable<string> All(string name) =>
                p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                    ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).Where(x => !string.IsNullOrWhiteSpace(x))
                    : [];

            switch (schema)
            {
                case "Sanction":
                    Programs.AddRange(All("program").Where(x => !Programs.Contains(x)));
                    ListingDates.AddRange(All("listingDate").Concat(All("startDate")));
                    break;
                case "Identification" or "Passport":
                    if (First("number") is { } number)
                    {
                        var country = First("country");
                        var type = First("type");
                        Identifications.Add(new Identifier
                        {
                            Kind = schema == "Passport" ? IdentifierKind.Passport : IdentifierKind.Other,
                            Label = type ?? schema,
                            Value = number,
                            Country = country?.ToUpperInvariant(),
                            CountryName = Countries.Name(country),
                            IssueDate = PartialDate.TryParse(First("startDate"), out var s) ? s : null,
                            ExpiryDate = PartialDate.TryParse(First("endDate"), out var e) ? e : null,
                        });
                    }

                    break;
                case "Address":
                    if (First("full") is { } full)
                    {
                        var country = First("country");
                        Addresses.Add(new Address
                        {
                            Lines = [full],
                            City = First("city"),
                            PostalCode = First("postalCode"),
                            Region = First("region"),
                            Country = country?.ToUpperInvariant(),
                            CountryName = Countries.Name(country),
                        });
                    }

                    break;
                default:
                    // Relations (ownership, family, ...) nest whole other parties: out of scope for a flat entry.
                    break;
            }
        }

        public List<string> Peek(string key) => _values.TryGetValue(key, out var list) ? list : [];

        public List<string> Take(string key)
        {
            if (_values.Remove(key, out var list))
            {
                return list;
            }

            return [];
        }

        /// <summary>The first value for a single-valued field; further values stay for <see cref="Rest"/>.</summary>
        public string? TakeFirst(string key)
        {
            if (!_values.TryGetValue(key, out var list) || list.Count == 0)
            {
                return null;
            }

            var first = list[0];
            list.RemoveAt(0);
            if (list.Count == 0)
            {
                _values.Remove(key);
            }

            return first;
        }
    }
}
