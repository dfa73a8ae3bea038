using System.Globalization;
using System.Text;
using Bogus;

namespace Interdict.Eval;

/// <summary>
/// Synthetic customer files for throughput runs: people from many locales (Latin, Cyrillic, Arabic, CJK
/// names as Bogus generates them) and companies, with dates of birth and countries on a share of rows.
/// </summary>
internal static class SyntheticNames
{
    private static readonly string[] Locales = ["en", "en_US", "en_GB", "de", "fr", "es", "it", "pt_BR", "ru", "uk", "pl", "tr", "ar", "fa", "zh_CN", "ja", "ko", "vi", "id_ID", "nl"];
    private static readonly string[] CountryCodes = ["US", "GB", "DE", "FR", "ES", "IT", "BR", "RU", "UA", "PL", "TR", "AE", "IR", "CN", "JP", "KR", "VN", "ID", "NL", "IN"];

    public static int Generate(Args args)
    {
        var count = args.Int("count", 1_000_000);
        var seed = args.Int("seed", 20261129);
        var path = args.Get("out");
        var fakers = Locales.Select(l => new Faker(l)).ToArray();
        var rnd = new Random(seed);
        Randomizer.Seed = new Random(seed);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("id,name,type,dob,country");
        for (var i = 0; i < count; i++)
        {
            var li = rnd.Next(fakers.Length);
            var f = fakers[li];
            var company = rnd.NextDouble() < 0.2;
            string name;
            string type;
            var dob = "";
            if (company)
            {
                name = f.Company.CompanyName();
                type = "organization";
            }
            else
            {
                name = rnd.NextDouble() < 0.3 ? $"{f.Name.FirstName()} {f.Name.FirstName()} {f.Name.LastName()}" : f.Name.FullName();
                type = rnd.NextDouble() < 0.5 ? "person" : "";
                if (rnd.NextDouble() < 0.6)
                {
                    var d = new DateOnly(1940, 1, 1).AddDays(rnd.Next(0, 365 * 65));
                    dob = rnd.NextDouble() < 0.2 ? d.Year.ToString(CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
            }

            var country = rnd.NextDouble() < 0.5 ? CountryCodes[li] : "";
            w.Write("c");
            w.Write(i.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(Csv(name));
            w.Write(',');
            w.Write(type);
            w.Write(',');
            w.Write(dob);
            w.Write(',');
            w.WriteLine(country);
        }

        return 0;
    }

    internal static string Csv(string s) => s.Contains(',') || s.Contains('"') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
