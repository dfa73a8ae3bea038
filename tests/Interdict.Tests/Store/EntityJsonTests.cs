using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Interdict.Model;
using Interdict.Store;

namespace Interdict.Tests.Store;

public class EntityJsonTests
{
    /// <summary>An entry with every field of the model set somewhere, including partial dates, ranges and Cyrillic names.</summary>
    internal static Entity FullyPopulated() => new()
    {
        Id = "ofac-sdn:12345",
        ListId = "ofac-sdn",
        NativeId = "12345",
        Kind = EntityKind.Person,
        Names =
        [
            new EntityName { Full = "IVANOV, Ivan Petrovich", Type = NameType.Primary, Given = "Ivan Petrovich", Family = "IVANOV" },
            new EntityName
            {
                Full = "ИВАНОВ, Иван Петрович", Type = NameType.Aka, Strength = AliasStrength.Strong, Script = "Cyrl",
                Given = "Иван Петрович", Family = "ИВАНОВ", Note = "original script",
            },
            new EntityName { Full = "VANYA", Type = NameType.Aka, Strength = AliasStrength.Weak },
            new EntityName { Full = "IVANOFF, Jean", Type = NameType.Fka },
            new EntityName { Full = "PETROV, Ivan", Type = NameType.Nka },
        ],
        BirthDates =
        [
            BirthDate.Exact(new PartialDate(1962, 11, 23), "23 Nov 1962"),
            new BirthDate { From = new PartialDate(1958), To = new PartialDate(1960), Approximate = true, Raw = "circa 1958 to 1960" },
            BirthDate.Exact(new PartialDate(1970, 2)),
        ],
        BirthPlaces = ["Leningrad, Russia", "Санкт-Петербург"],
        Nationalities = ["RU"],
        Citizenships = ["RU", "CY"],
        Gender = Gender.Male,
        Titles = ["Deputy Minister"],
        Addresses =
        [
            new Address
            {
                Lines = ["ul. Tverskaya 1", "office 5"], City = "Moscow", Region = "Moscow Oblast", PostalCode = "125009",
                Country = "RU", CountryName = "Russia", Note = "registered office",
            },
        ],
        Identifiers =
        [
            new Identifier
            {
                Kind = IdentifierKind.Passport, Label = "Passport", Value = "720123456", Country = "RU", CountryName = "Russia",
                IssueDate = new PartialDate(2015, 3, 1), ExpiryDate = new PartialDate(2025, 3), Note = "expires",
            },
            new Identifier { Kind = IdentifierKind.DigitalCurrencyAddress, Label = "Digital Currency Address - XBT", Value = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Currency = "XBT" },
        ],
        Programs = ["RUSSIA-EO14024", "CYBER2"],
        ListedOn = new PartialDate(2022, 2, 24),
        Remarks = "DOB 23 Nov 1962; alt. DOB circa 1958 to 1960; Gender Male.",
        Vessel = new VesselInfo
        {
            CallSign = "UBCD7",
            Type = "Crude Oil Tanker",
            Tonnage = "81,000",
            GrossRegisteredTonnage = "42,000",
            Flag = "RU",
            FlagName = "Russia",
            Owner = "SOVCOMFLOT",
            BuildYear = "2004",
        },
        Aircraft = new AircraftInfo
        {
            Model = "Boeing 737",
            Manufacturer = "Boeing",
            Operator = "Example Air",
            SerialNumber = "29137",
            TailNumber = "RA-73771",
            ConstructionDate = "1999",
        },
        Links = [new EntityLink { Relation = "Linked To", TargetName = "EXAMPLE HOLDING LLC", TargetId = "ofac-sdn:99999" }],
        Other = [new KeyValuePair<string, string>("Additional Sanctions Information", "Subject to Secondary Sanctions")],
    };

    [Fact]
    public void Fully_populated_entity_round_trips_to_an_equal_entity()
    {
        var original = FullyPopulated();
        AssertEveryModelPropertyIsUsed(original);

        var json = EntityJson.Serialize(original);
        var back = EntityJson.Deserialize(json);
        AssertDeepEqual(original, back, "entity");

        var fromBytes = EntityJson.Deserialize(EntityJson.SerializeToUtf8Bytes(original));
        AssertDeepEqual(original, fromBytes, "entity");
        Assert.Equal(json, EntityJson.Serialize(back));
    }

    [Fact]
    public void Json_is_canonical_camel_case_enums_as_names_dates_as_iso_prefixes()
    {
        var json = EntityJson.Serialize(FullyPopulated());

        Assert.StartsWith("{\"id\":\"ofac-sdn:12345\",\"listId\":\"ofac-sdn\",\"nativeId\":\"12345\",\"kind\":\"Person\",\"names\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"from\":\"1962-11-23\"", json, StringComparison.Ordinal);
        Assert.Contains("{\"from\":\"1958\",\"to\":\"1960\",\"approximate\":true,", json, StringComparison.Ordinal);
        Assert.Contains("\"expiryDate\":\"2025-03\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Aka\",\"strength\":\"Weak\"", json, StringComparison.Ordinal);
        Assert.Contains("\"full\":\"ИВАНОВ, Иван Петрович\"", json, StringComparison.Ordinal);
        Assert.Contains("\"gender\":\"Male\"", json, StringComparison.Ordinal);

        // Derived properties are not data.
        Assert.DoesNotContain("primaryName", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isRange", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Nulls_and_empty_lists_are_left_out()
    {
        var e = new Entity
        {
            Id = "un-sc:QDi.001",
            ListId = "un-sc",
            NativeId = "QDi.001",
            Kind = EntityKind.Organization,
            Names = [new EntityName { Full = "AL-QAIDA" }],
        };

        Assert.Equal(
            "{\"id\":\"un-sc:QDi.001\",\"listId\":\"un-sc\",\"nativeId\":\"QDi.001\",\"kind\":\"Organization\",\"names\":[{\"full\":\"AL-QAIDA\",\"type\":\"Primary\",\"strength\":\"Strong\"}]}",
            EntityJson.Serialize(e));
        var back = EntityJson.Deserialize(EntityJson.Serialize(e));
        Assert.Empty(back.BirthDates);
        Assert.Null(back.Gender);
        AssertDeepEqual(e, back, "entity");

        // Lists left out come back empty, not null, at every level.
        var withAddress = e with { Addresses = [new Address { City = "Kabul" }] };
        var json = EntityJson.Serialize(withAddress);
        Assert.Contains("\"addresses\":[{\"city\":\"Kabul\"}]", json, StringComparison.Ordinal);
        var address = Assert.Single(EntityJson.Deserialize(json).Addresses);
        Assert.NotNull(address.Lines);
        Assert.Empty(address.Lines);
    }

    [Fact]
    public void Equal_content_built_separately_has_the_same_hash_and_a_change_does_not()
    {
        var a = FullyPopulated();
        var b = FullyPopulated();
        Assert.Equal(EntityJson.Hash(a), EntityJson.Hash(b));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(EntityJson.Serialize(a))), EntityJson.Hash(a));

        var c = b with { Titles = ["Deputy Minister", "General"] };
        Assert.NotEqual(EntityJson.Hash(a), EntityJson.Hash(c));
    }

    [Fact]
    public void Bad_partial_date_is_rejected_with_the_value()
    {
        var json = EntityJson.Serialize(FullyPopulated()).Replace("\"listedOn\":\"2022-02-24\"", "\"listedOn\":\"2022-02-30\"", StringComparison.Ordinal);
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => EntityJson.Deserialize(json));
        Assert.Contains("2022-02-30", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Structural equality: the model's records hold lists, which record equality compares by reference.</summary>
    internal static void AssertDeepEqual(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        var type = expected.GetType();
        if (expected is string || type.IsValueType)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }

        if (expected is IEnumerable seq)
        {
            var e = seq.Cast<object?>().ToList();
            var a = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(e.Count == a.Count, $"{path}: expected {e.Count} items, got {a.Count}");
            for (var i = 0; i < e.Count; i++)
            {
                AssertDeepEqual(e[i], a[i], $"{path}[{i}]");
            }

            return;
        }

        Assert.Equal(type, actual.GetType());
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertDeepEqual(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}");
        }
    }

    /// <summary>
    /// Every settable property of every model record reached from the entity is set on at least one instance, so the
    /// round-trip test covers a property added to the model later or fails and asks for it.
    /// </summary>
    private static void AssertEveryModelPropertyIsUsed(Entity entity)
    {
        var seen = new Dictionary<Type, List<object>>();
        Collect(entity, seen);
        foreach (var (type, instances) in seen)
        {
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
            {
                Assert.True(
                    instances.Any(i => p.GetValue(i) is { } v && (v is not ICollection c || c.Count > 0)),
                    $"{type.Name}.{p.Name} is not set on any instance of the fully populated entity");
            }
        }
    }

    private static void Collect(object? o, Dictionary<Type, List<object>> seen)
    {
        if (o is null || o is string || o.GetType().IsValueType)
        {
            return;
        }

        if (o is IEnumerable seq)
        {
            foreach (var item in seq)
            {
                Collect(item, seen);
            }

            return;
        }

        var type = o.GetType();
        if (type.Namespace != "Interdict.Model")
        {
            return;
        }

        if (!seen.TryGetValue(type, out var list))
        {
            seen[type] = list = [];
        }

        list.Add(o);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            Collect(p.GetValue(o), seen);
        }
    }
}
