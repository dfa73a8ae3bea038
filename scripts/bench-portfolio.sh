#!/usr/bin/env bash
# Portfolio re-screening: N synthetic customers (default 1,000,000), one real day's OFAC SDN delta
# (2022-02-25 -> 2022-02-26) re-screened by the changes only, and the full re-screen measured in the same run on a
# sample and extrapolated. Appends to docs/performance.md under "Portfolio re-screening".
# Usage: scripts/bench-portfolio.sh [N] [full-sample]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-1000000}"; sample="${2:-20000}"
work="$root/.build/bench-portfolio"; mkdir -p "$work"
dotnet build tools/Interdict.Eval -c Release -nologo -v quiet -clp:ErrorsOnly -o "$work/eval"
[ -f "$work/customers-$n.csv" ] || dotnet "$work/eval/Interdict.Eval.dll" gen-names --count "$n" --out "$work/customers-$n.csv"
touch docs/performance.md
grep -q '^## Portfolio re-screening' docs/performance.md || printf '\n## Portfolio re-screening\n' >> docs/performance.md
dotnet "$work/eval/Interdict.Eval.dll" bench-portfolio --customers "$work/customers-$n.csv" \
  --before tests/data/history/sdn-2022-02-25.csv --after tests/data/history/sdn-2022-02-26.csv \
  --full-sample "$sample" --out docs/performance.md
