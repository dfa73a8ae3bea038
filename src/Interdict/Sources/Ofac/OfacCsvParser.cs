using System.Globalization;
using Interdict.Model;

namespace Interdict.Sources.Ofac;

/// <summary>
/// The OFAC legacy CSV set: sdn.csv (or cons_prim.csv) with add.csv, alt.csv and the optional sdn_comments.csv
/// (or their cons_ counterparts). Addresses, aliases and remark continuations are read into memory by ent_num
/// first; the primary file is then streamed, one entity per row.
/// </summary>
public sealed class OfacCsvParser : IListParser
{
    public string Format => "ofac-csv";

    public IEnumerable<Entity> Parse(IReadOnlyList<SourceInput> files, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);

        // Validate eagerly so a wrong file set fails at the call, not at the first MoveNext.
        var set = Classify(files);
        return ParseSet(set, context);
    }

    private static IEnumerable<Entity> ParseSet(FileSet set, ParseContext context)
    {
        var addresses = set.Address is null ? [] : ReadAddresses(set.Address);
        var aliases = set.Alias is null ? [] : ReadAliases(set.Alias);
        var comments = set.Comments is null ? [] : ReadComments(set.Comments);

        var seen = new HashSet<int>();
        using var file = new OfacCsvFile(set.Primary, OfacCsvRole.Primary);
        while (file.Read())
        {
            var entNum = file.EntNum();
            if (!seen.Add(entNum))
            {
                throw file.Error($"ent_num {entNum} appears twice");
            }

            yield return Build(file, entNum, context, addresses, aliases, comments);
        }

        WarnOrphans(set.Address, addresses.Keys, seen, context);
        WarnOrphans(set.Alias, aliases.Keys, seen, context);
        WarnOrphans(set.Comments, comments.Keys, seen, context);
    }

    private static Entity Build(
        OfacCsvFile row,
        int entNum,
        ParseContext context,
        Dictionary<int, List<Address>> addresses,
        Dictionary<int, List<EntityName>> aliases,
        Dictionary<int, string> comments)
    {
        var name = row[1] ?? throw row.Error($"ent_num {entNum} has no name (column 2)");
        var kind = row[2] switch
        {
            null => EntityKind.Organization,
            "individual" => EntityKind.Person,
            "vessel" => EntityKind.Vessel,
            "aircraft" => EntityKind.Aircraft,
            var other => throw row.Error($"unknown SDN_Type '{other}' (expected individual, vessel, aircraft or -0-)"),
        };

        var remarks = row.Raw(11);
        if (comments.TryGetValue(entNum, out var continuation))
        {
            // OFAC cuts remarks at 1,000 characters, mid-word; the continuation is joined as is.
            remarks = (remarks ?? string.Empty) + continuation;
        }

        remarks = remarks?.Trim();
        var facts = OfacRemarks.Parse(remarks);

        var names = new List<EntityName>(1 + facts.WeakAliases.Count) { PersonName(name, NameType.Primary, null, kind) };
        if (aliases.TryGetValue(entNum, out var strong))
        {
            foreach (var a in strong)
            {
                names.Add(kind == EntityKind.Person ? PersonName(a.Full, a.Type, a.Note, kind) : a);
            }
        }

        names.AddRange(facts.WeakAliases);

        VesselInfo? vessel = null;
        if (kind == EntityKind.Vessel || row[5] is not null || row[6] is not null || row[7] is not null || row[8] is not null || row[9] is not null || row[10] is not null)
        {
            vessel = new VesselInfo
            {
                CallSign = row[5],
                Type = row[6],
                Tonnage = row[7],
                GrossRegisteredTonnage = row[8],
                Flag = OfacRemarks.ResolveCountry(row[9]),
                FlagName = row[9],
                Owner = row[10],
                BuildYear = facts.VesselBuildYear,
            };
        }

        var native = entNum.ToString(CultureInfo.InvariantCulture);
        return new Entity
        {
            Id = context.ListId + ":" + native,
            ListId = context.ListId,
            NativeId = native,
            Kind = kind,
            Names = names,
            BirthDates = facts.BirthDates,
            BirthPlaces = facts.BirthPlaces,
            Nationalities = facts.Nationalities,
            Citizenships = facts.Citizenships,
            Gender = facts.Gender,
            Titles = row[4] is { } title ? [title] : [],
            Addresses = addresses.TryGetValue(entNum, out var adds) ? adds : [],
            Identifiers = facts.Identifiers,
            Programs = SplitPrograms(row[3]),
            Remarks = string.IsNullOrEmpty(remarks) ? null : remarks,
            Vessel = vessel,
            Aircraft = facts.Aircraft,
            Links = facts.Links,
            Other = facts.Other,
        };
    }

    /// <summary>Individuals are written "LAST, First"; the comma is OFAC's own family/given separator.</summary>
    private static EntityName PersonName(string full, NameType type, string? note, EntityKind kind)
    {
        string? family = null, given = null;
        if (kind == EntityKind.Person)
        {
            var comma = full.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0 && full.IndexOf(", ", comma + 2, StringComparison.Ordinal) < 0)
            {
                family = full[..comma];
                given = full[(comma + 2)..];
            }
        }

        return new EntityName { Full = full, Type = type, Note = note, Family = family, Given = given };
    }

    /// <summary>"IRAN] [SDGT] [IRGC" → IRAN, SDGT, IRGC.</summary>
    internal static List<string> SplitPrograms(string? field)
    {
        var list = new List<string>(2);
        if (field is null)
        {
            return list;
        }

        foreach (var part in field.Split("] [", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var p = part.Trim('[', ']', ' ');
            if (p.Length > 0)
            {
                list.Add(p);
            }
        }

        return list;
    }

    private static Dictionary<int, List<Address>> ReadAddresses(SourceInput input)
    {
        var map = new Dictionary<int, List<Address>>();
        using var file = new OfacCsvFile(input, OfacCsvRole.Address);
        while (file.Read())
        {
            var entNum = file.EntNum();
            string? street = file[2], city = file[3], country = file[4], note = file[5];
            if (street is null && city is null && country is null && note is null)
            {
                continue;
            }

            var address = new Address
            {
                Lines = street is null ? [] : [street],

                // OFAC joins city, state/province and postal code in one column; it cannot be split reliably.
                City = city,
                Country = OfacRemarks.ResolveCountry(country),
                CountryName = country,
                Note = note,
            };
            GetList(map, entNum).Add(address);
        }

        return map;
    }

    private static Dictionary<int, List<EntityName>> ReadAliases(SourceInput input)
    {
        var map = new Dictionary<int, List<EntityName>>();
        using var file = new OfacCsvFile(input, OfacCsvRole.Alias);
        while (file.Read())
        {
            var entNum = file.EntNum();
            var name = file[3];
            if (name is null)
            {
                continue;
            }

            var type = file[2] switch
            {
                "aka" => NameType.Aka,
                "fka" => NameType.Fka,
                "nka" => NameType.Nka,
                null => NameType.Aka,
                var other => throw file.Error($"unknown alt_type '{other}' (expected aka, fka or nka)"),
            };
            GetList(map, entNum).Add(new EntityName { Full = name, Type = type, Strength = AliasStrength.Strong, Note = file[4] });
        }

        return map;
    }

    private static Dictionary<int, string> ReadComments(SourceInput input)
    {
        var map = new Dictionary<int, string>();
        using var file = new OfacCsvFile(input, OfacCsvRole.Comments);
        while (file.Read())
        {
            var entNum = file.EntNum();
            var text = file.Raw(1);
            if (text is null)
            {
                continue;
            }

            map[entNum] = map.TryGetValue(entNum, out var before) ? before + text : text;
        }

        return map;
    }

    private static List<T> GetList<T>(Dictionary<int, List<T>> map, int key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    private static void WarnOrphans(SourceInput? input, IEnumerable<int> keys, HashSet<int> known, ParseContext context)
    {
        if (input is null)
        {
            return;
        }

        var orphans = 0;
        foreach (var k in keys)
        {
            if (!known.Contains(k))
            {
                orphans++;
            }
        }

        if (orphans > 0)
        {
            context.Warnings.Add($"{input.Name}: {orphans} ent_num value(s) not in the primary file; their rows were ignored");
        }
    }

    private sealed record FileSet(SourceInput Primary, SourceInput? Address, SourceInput? Alias, SourceInput? Comments);

    private static FileSet Classify(IReadOnlyList<SourceInput> files)
    {
        SourceInput? primary = null, address = null, alias = null, comments = null;
        bool? consolidated = null;
        foreach (var f in files)
        {
            var (role, cons) = RoleOf(f.Name);
            if (consolidated is { } c && c != cons)
            {
                throw new ListFormatException(f.Name, "mixes the SDN and the consolidated (cons_) file sets");
            }

            consolidated = cons;
            ref var slot = ref primary;
            switch (role)
            {
                case OfacCsvRole.Address:
                    slot = ref address;
                    break;
                case OfacCsvRole.Alias:
                    slot = ref alias;
                    break;
                case OfacCsvRole.Comments:
                    slot = ref comments;
                    break;
            }

            if (slot is not null)
            {
                throw new ListFormatException(f.Name, $"two files play the same part ({slot.Name} and {f.Name})");
            }

            slot = f;
        }

        if (primary is null)
        {
            var given = files.Count == 0 ? "no files" : string.Join(", ", files.Select(f => f.Name));
            throw new ListFormatException(given, consolidated == true ? "cons_prim.csv is missing" : "sdn.csv (or cons_prim.csv) is missing");
        }

        return new FileSet(primary, address, alias, comments);
    }

    /// <summary>The role a file plays, from its name: SDN.CSV, sdn.csv, sdn-2023-12-28.csv, cons_prim.csv, ADD.CSV, ...</summary>
    internal static (OfacCsvRole Role, bool Consolidated) RoleOf(string fileName)
    {
        var n = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        if (n.StartsWith("cons_comments", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Comments, true);
        }

        if (n.StartsWith("cons_prim", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Primary, true);
        }

        if (n.StartsWith("cons_add", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Address, true);
        }

        if (n.StartsWith("cons_alt", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Alias, true);
        }

        if (n.StartsWith("sdn_comments", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Comments, false);
        }

        if (n.StartsWith("sdn", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Primary, false);
        }

        if (n.StartsWith("add", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Address, false);
        }

        if (n.StartsWith("alt", StringComparison.Ordinal))
        {
            return (OfacCsvRole.Alias, false);
        }

        throw new ListFormatException(fileName, "not an OFAC CSV file name (expected sdn.csv, add.csv, alt.csv, sdn_comments.csv or cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv)");
    }
}
