using Interdict.Eval;

return args.Length == 0 ? Usage() : args[0] switch
{
    "gen-quality" => QualitySets.Generate(Args.Parse(args[1..])),
    "score-quality" => QualityReport.Score(Args.Parse(args[1..])),
    "gen-names" => SyntheticNames.Generate(Args.Parse(args[1..])),
    "bench-portfolio" => PortfolioBench.Run(Args.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Interdict.Eval gen-quality --db DB --out DIR [--seed N] [--per-category N]
               Interdict.Eval score-quality --dir DIR --screen results.jsonl --compare scores.jsonl --out docs/quality.md
               Interdict.Eval gen-names --count N --out customers.csv [--seed N]
               Interdict.Eval bench-portfolio --customers customers.csv --before sdn-A.csv --after sdn-B.csv [--full-sample N] [--out docs/performance.md]
        """);
    return 2;
}

namespace Interdict.Eval
{
    internal sealed class Args
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Args Parse(string[] args)
        {
            var a = new Args();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                a._values[args[i].TrimStart('-')] = args[i + 1];
            }

            return a;
        }

        public string Get(string key) => _values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");

        public string GetOr(string key, string fallback) => _values.TryGetValue(key, out var v) ? v : fallback;

        public int Int(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
