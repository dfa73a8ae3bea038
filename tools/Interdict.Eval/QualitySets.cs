using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;
using CsvHelper;
using Interdict.Model;
using Interdict.Store;

namespace Interdict.Eval;

/// <summary>One labelled query: what is screened, which category of variation it tests, and the entry it must find.</summary>
internal sealed record LabelledQuery(string Id, string Name, string Type, string Dob, string Country, string Category, string Expected);

/// <summary>
/// Builds the labelled quality sets from the lists themselves: names and aliases, synthetic variants (typos,
/// transliterations, reordering, dropped middle names, original-script names, legal-form changes) as positives;
/// real and generated names of parties on no list as negatives.
/// </summary>
internal static class QualitySets
{
    public static int Generate(Args args)
    {
        var dbPath = args.Get("db");
        var outDir = args.Get("out");
        var seed = args.Int("seed", 7);
        var per = args.Int("per-category", 300);
        var namesDir = args.GetOr("names", Path.Combine("tests", "data", "names"));
        Directory.CreateDirectory(outDir);
        var rnd = new Random(seed);

        List<Entity> entities;
        using (var store = StoreFactory.Open(dbPath))
        {
            entities = store.Lists().Select(l => l.Current).OfType<ListSnapshot>().SelectMany(s => store.Entities(s.Id)).ToList();
        }

        var queries = new List<LabelledQuery>();
        var n = 0;
        void Add(string category, Entity e, string name, string dob = "", string country = "", string? type = null)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return;
            }

            queries.Add(new LabelledQuery($"q{n++}", name, type ?? TypeOf(e.Kind), dob, country, category, e.Id));
        }

        void Each(string category, IEnumerable<Entity> pool, Func<Entity, string?> make)
        {
            var taken = 0;
            foreach (var e in Shuffle(pool.ToList(), rnd))
            {
                if (taken >= per)
                {
                    break;
                }

                var name = make(e);
                if (name is not null && name.Length > 0)
                {
                    Add(category, e, name);
                    taken++;
                }
            }
        }

        var persons = entities.Where(e => e.Kind == EntityKind.Person).ToList();
        var orgs = entities.Where(e => e.Kind == EntityKind.Organization).ToList();
        var latinNames = entities.Where(e => e.PrimaryName.Script is null).ToList();

        Each("exact (as listed)", latinNames, e => e.PrimaryName.Full);
        Each("natural order (First Last)", persons, e => Natural(e.PrimaryName.Full));
        Each("strong alias", entities, e => Pick(e.Names.Skip(1).Where(a => a.Strength == AliasStrength.Strong && a.Script is null).Select(a => a.Full).ToList(), rnd));
        Each("surname first, no comma", persons, e => e.PrimaryName.Full.Contains(',') ? e.PrimaryName.Full.Replace(",", "", StringComparison.Ordinal) : null);
        Each("lower case, no punctuation", latinNames, e => NoPunct(Natural(e.PrimaryName.Full)).ToLowerInvariant());
        Each("one typo", latinNames, e => Typo(Natural(e.PrimaryName.Full), rnd));
        Each("transliteration variant", latinNames, e => Translit(Natural(e.PrimaryName.Full), rnd));
        Each("dropped middle name", persons, e => DropMiddle(Natural(e.PrimaryName.Full), rnd));
        Each("legal form changed", orgs, e => LegalForm(e.PrimaryName.Full));
        Each("original script", entities, e => Pick(e.Names.Where(a => a.Script is not null).Select(a => a.Full).ToList(), rnd));
        Each("vessel with prefix", entities.Where(e => e.Kind == EntityKind.Vessel), e => "MV " + e.PrimaryName.Full);

        // Record screening: name with the listed date of birth year and nationality.
        var taken = 0;
        foreach (var e in Shuffle(persons.Where(p => p.BirthDates.Count > 0 && (p.Nationalities.Count > 0 || p.Citizenships.Count > 0)).ToList(), rnd))
        {
            if (taken++ >= per)
            {
                break;
            }

            var d = e.BirthDates[0].From;
            Add("name + dob + nationality", e, Natural(e.PrimaryName.Full), d.ToString(), e.Nationalities.Concat(e.Citizenships).First(), "person");
        }

        // Negatives: names of parties that are on no list.
        var neg = new List<(string Name, string Type, string Dob, string Country, string Category)>();
        neg.AddRange(ReadSynthetic(Path.Combine(namesDir, "synthetic_persons_us.csv"), per * 5, rnd).Select(x => (x.Name, "person", x.Dob, "", "negative: synthetic persons (US)")));
        neg.AddRange(ReadSynthetic(Path.Combine(namesDir, "synthetic_persons_global.csv"), per * 5, rnd).Select(x => (x.Name, "person", x.Dob, "", "negative: synthetic persons (global scripts)")));
        neg.AddRange(ReadSec(Path.Combine(namesDir, "sec_company_tickers.json"), per * 5, rnd).Select(x => (x, "organization", "", "", "negative: SEC-registered companies")));
        Randomizer.Seed = new Random(seed);
        foreach (var locale in new[] { "en", "de", "fr", "es", "ru", "ar", "zh_CN", "tr", "pl", "vi" })
        {
            var f = new Faker(locale);
            for (var i = 0; i < per / 2; i++)
            {
                neg.Add((f.Name.FullName(), "person", "", "", "negative: Bogus persons (10 locales)"));
                neg.Add((f.Company.CompanyName(), "organization", "", "", "negative: Bogus companies (10 locales)"));
            }
        }

        // Namesakes: a listed person's surname with another given name and another date of birth.
        var givens = new[] { "John", "Maria", "Peter", "Anna", "David", "Laura", "Michael", "Sofia" };
        taken = 0;
        foreach (var e in Shuffle(persons.Where(p => p.PrimaryName.Full.Contains(',') && p.BirthDates.Count > 0).ToList(), rnd))
        {
            if (taken++ >= per)
            {
                break;
            }

            var surname = e.PrimaryName.Full.Split(',')[0].Trim();
            var year = e.BirthDates[0].From.Year;
            neg.Add(($"{givens[rnd.Next(givens.Length)]} {surname}", "person", (year > 1960 ? year - 25 : year + 25).ToString(CultureInfo.InvariantCulture), "", "negative: namesake (listed surname, other given name and dob)"));
        }

        foreach (var x in neg)
        {
            queries.Add(new LabelledQuery($"q{n++}", x.Name, x.Type, x.Dob, x.Country, x.Category, ""));
        }

        using (var w = new StreamWriter(Path.Combine(outDir, "queries.csv"), false, new UTF8Encoding(false)))
        {
            w.WriteLine("id,name,type,dob,country,category,expected");
            foreach (var q in queries)
            {
                w.WriteLine(string.Join(',', new[] { q.Id, q.Name, q.Type, q.Dob, q.Country, q.Category, q.Expected }.Select(SyntheticNames.Csv)));
            }
        }

        // Pairs for `compare`: each positive against its expected entry (label true), and each positive against a
        // different entry of the same kind sharing a name token where possible (label false, a hard negative).
        var byId = entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var byToken = new Dictionary<string, List<Entity>>(StringComparer.Ordinal);
        foreach (var e in entities)
        {
            foreach (var t in Tokens(e.PrimaryName.Full).Where(t => t.Length > 3).Distinct())
            {
                if (!byToken.TryGetValue(t, out var l))
                {
                    byToken[t] = l = [];
                }

                l.Add(e);
            }
        }

        using (var w = new StreamWriter(Path.Combine(outDir, "pairs.jsonl"), false, new UTF8Encoding(false)))
        {
            var p = 0;
            foreach (var q in queries.Where(q => q.Expected.Length > 0))
            {
                var target = byId[q.Expected];
                WritePair(w, $"p{p++}", q, target, true, q.Category);
                var other = Tokens(q.Name).Where(byToken.ContainsKey).SelectMany(t => byToken[t]).Where(e => e.Id != target.Id && e.Kind == target.Kind && !SameNames(e, target)).FirstOrDefault()
                    ?? entities[rnd.Next(entities.Count)];
                WritePair(w, $"p{p++}", q, other, false, "hard negative: shares a name token");
            }
        }

        Console.Error.WriteLine($"wrote {queries.Count(q => q.Expected.Length > 0)} positives and {neg.Count} negatives to {outDir}");
        return 0;
    }

    private static bool SameNames(Entity a, Entity b) => a.Names.Any(x => b.Names.Any(y => string.Equals(x.Full, y.Full, StringComparison.OrdinalIgnoreCase)));

    private static void WritePair(StreamWriter w, string id, LabelledQuery q, Entity candidate, bool label, string category)
    {
        var schema = candidate.Kind switch { EntityKind.Person => "Person", EntityKind.Vessel => "Vessel", EntityKind.Aircraft => "Airplane", _ => "Organization" };
        var query = new Dictionary<string, string[]> { ["name"] = [q.Name] };
        if (q.Dob.Length > 0)
        {
            query["birthDate"] = [q.Dob];
        }

        if (q.Country.Length > 0)
        {
            query["nationality"] = [q.Country.ToLowerInvariant()];
        }

        var cand = new Dictionary<string, string[]>
        {
            ["name"] = [candidate.PrimaryName.Full],
            ["alias"] = candidate.Names.Skip(1).Select(n => n.Full).ToArray(),
        };
        if (candidate.BirthDates.Count > 0)
        {
            cand["birthDate"] = candidate.BirthDates.Select(b => b.From.ToString()).ToArray();
        }

        if (candidate.Nationalities.Count > 0)
        {
            cand["nationality"] = candidate.Nationalities.Select(c => c.ToLowerInvariant()).ToArray();
        }

        w.WriteLine(JsonSerializer.Serialize(new { id, schema, query, candidate = cand, label, category, candidate_id = candidate.Id }));
    }

    internal static string TypeOf(EntityKind k) => k switch
    {
        EntityKind.Person => "person",
        EntityKind.Vessel => "vessel",
        EntityKind.Aircraft => "aircraft",
        _ => "organization",
    };

    private static string[] Tokens(string s) => s.ToUpperInvariant().Split([' ', ',', '.', '-', '\'', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries);

    private static List<T> Shuffle<T>(List<T> list, Random rnd)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rnd.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static string? Pick(List<string> options, Random rnd) => options.Count == 0 ? null : options[rnd.Next(options.Count)];

    /// <summary>"MADURO MOROS, Nicolas" → "Nicolas MADURO MOROS": how a customer record usually writes a name.</summary>
    internal static string Natural(string full)
    {
        var i = full.IndexOf(',', StringComparison.Ordinal);
        return i < 0 ? full : $"{full[(i + 1)..].Trim()} {full[..i].Trim()}".Trim();
    }

    private static string NoPunct(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(char.IsLetterOrDigit(ch) || ch == ' ' ? ch : ch == '-' ? ' ' : '\0');
        }

        return string.Join(' ', sb.ToString().Replace("\0", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>One substitution, deletion, insertion or transposition inside the longest token (a distinctive one).</summary>
    private static string? Typo(string name, Random rnd)
    {
        var tokens = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var idx = Enumerable.Range(0, tokens.Length).OrderByDescending(i => tokens[i].Length).First();
        var t = tokens[idx];
        if (t.Length < 5 || !t.All(char.IsLetter))
        {
            return null;
        }

        var pos = rnd.Next(1, t.Length - 1);
        var letters = "aeioulnrstmkdh";
        var c = char.IsUpper(t[pos]) ? char.ToUpperInvariant(letters[rnd.Next(letters.Length)]) : letters[rnd.Next(letters.Length)];
        t = rnd.Next(4) switch
        {
            0 => t[..pos] + c + t[(pos + 1)..],
            1 => t[..pos] + t[(pos + 1)..],
            2 => t[..pos] + c + t[pos..],
            _ => t[..(pos - 1)] + t[pos] + t[pos - 1] + t[(pos + 1)..],
        };
        tokens[idx] = t;
        var r = string.Join(' ', tokens);
        return r == name ? null : r;
    }

    private static readonly (string From, string To)[] TranslitRules =
    [
        ("KH", "H"), ("OU", "U"), ("EE", "I"), ("PH", "F"), ("IY", "Y"), ("YI", "I"), ("IE", "Y"), ("Y", "I"), ("I", "Y"),
        ("DH", "D"), ("TH", "T"), ("AA", "A"), ("OO", "U"), ("Q", "K"), ("J", "DJ"), ("SH", "CH"), ("U", "OU"), ("E", "A"),
        ("MOHAMMED", "MUHAMMAD"), ("MOHAMMAD", "MUHAMMAD"), ("MUHAMMAD", "MOHAMED"), ("ABDUL", "ABD AL"), ("AL-", "EL "),
        ("DMITRIY", "DMITRY"), ("SERGEYEVICH", "SERGEEVICH"), ("ALEKSANDR", "ALEXANDER"), ("YURIY", "YURI"), ("ANDREY", "ANDREI"),
        ("HUSSEIN", "HUSAYN"), ("HASSAN", "HASAN"), ("YOUSSEF", "YUSUF"), ("YUSUF", "YOUSEF"), ("OSAMA", "USAMA"),
    ];

    /// <summary>One romanisation change, the kind two transliteration conventions disagree on.</summary>
    private static string? Translit(string name, Random rnd)
    {
        var upper = name.ToUpperInvariant();
        var candidates = TranslitRules.Where(r => upper.Contains(r.From, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // Prefer the whole-name conventions, then the letter-level ones.
        var rule = candidates.FirstOrDefault(r => r.From.Length > 3);
        if (rule == default)
        {
            rule = candidates[rnd.Next(candidates.Count)];
        }

        var at = upper.IndexOf(rule.From, StringComparison.Ordinal);
        var r = upper[..at] + rule.To + upper[(at + rule.From.Length)..];
        return r == upper ? null : r;
    }

    private static string? DropMiddle(string name, Random rnd)
    {
        var tokens = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 3)
        {
            return null;
        }

        var i = rnd.Next(1, tokens.Length - 1);
        return string.Join(' ', tokens.Where((_, j) => j != i));
    }

    private static readonly (string From, string To)[] LegalForms =
    [
        ("LIMITED LIABILITY COMPANY", "LLC"), ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", "LLC"), ("JOINT STOCK COMPANY", "JSC"),
        ("AKTSIONERNOE OBSHCHESTVO", "JSC"), ("PUBLIC JOINT STOCK COMPANY", "PJSC"), ("COMPANY LIMITED", "CO LTD"), ("CO., LTD.", "COMPANY LIMITED"),
        ("CO. LTD.", "COMPANY LIMITED"), ("LIMITED", "LTD"), ("LTD.", "LIMITED"), ("LTD", "LIMITED"), ("LLC", "LIMITED LIABILITY COMPANY"),
        ("S.A.", "SA"), ("GMBH", "GESELLSCHAFT MIT BESCHRAENKTER HAFTUNG"), ("INC.", "INCORPORATED"), ("CORPORATION", "CORP"), ("CORP.", "CORPORATION"),
        ("OOO", "LLC"), ("OAO", "OJSC"), ("ZAO", "CJSC"), ("COMPANY", "CO"), ("FZE", "FREE ZONE ESTABLISHMENT"),
    ];

    private static string? LegalForm(string name)
    {
        var upper = name.ToUpperInvariant();
        foreach (var (from, to) in LegalForms)
        {
            var at = upper.IndexOf(from, StringComparison.Ordinal);
            if (at >= 0 && (at == 0 || !char.IsLetter(upper[at - 1])) && (at + from.Length == upper.Length || !char.IsLetter(upper[at + from.Length])))
            {
                return (upper[..at] + to + upper[(at + from.Length)..]).Trim();
            }
        }

        return null;
    }

    private static IEnumerable<(string Name, string Dob)> ReadSynthetic(string path, int count, Random rnd)
    {
        var rows = new List<(string, string)>();
        string[]? header = null;
        foreach (var fields in CsvRows(path))
        {
            if (header is null)
            {
                header = fields;
                continue;
            }

            var dob = fields[Array.IndexOf(header, "date_of_birth")];
            rows.Add((fields[Array.IndexOf(header, "full_name")], PartialDate.TryParse(dob, out _) ? dob : ""));
        }

        return Shuffle(rows.Where(x => x.Item1.Length > 0).ToList(), rnd).Take(count);
    }

    internal static IEnumerable<string[]> CsvRows(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true }, false);
        while (csv.Read())
        {
            var row = new string[csv.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = csv.GetString(i);
            }

            yield return row;
        }
    }

    private static IEnumerable<string> ReadSec(string path, int count, Random rnd)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var names = doc.RootElement.EnumerateObject().Select(p => p.Value.GetProperty("title").GetString() ?? "").Where(s => s.Length > 0).ToList();
        return Shuffle(names, rnd).Take(count);
    }
}
