#!/usr/bin/env bash
# End-to-end batch throughput: N synthetic customers (default 1,000,000) through `./interdict screen` against all
# bundled lists, with the exhaustive-scan baseline measured in the same run on a sample. Appends to docs/performance.md.
# Usage: scripts/bench-screen.sh [N] [baseline-sample]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-1000000}"; sample="${2:-20000}"
work="$root/.build/bench-screen"; mkdir -p "$work"
export INTERDICT_DB="$work/interdict.db"
[ -f "$INTERDICT_DB" ] || ./interdict lists >/dev/null
dotnet build tools/Interdict.Eval -c Release -nologo -v quiet -clp:ErrorsOnly -o "$work/eval"
[ -f "$work/customers-$n.csv" ] || dotnet "$work/eval/Interdict.Eval.dll" gen-names --count "$n" --out "$work/customers-$n.csv"
head -n $((sample + 1)) "$work/customers-$n.csv" > "$work/sample.csv"
./interdict lists >/dev/null   # build outside the timings
run() { # label, args...
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" ./interdict screen "$@" --no-explain 2>>"$work/log" >/dev/null
  end=$(date +%s.%N)
  echo "$label $(echo "$end - $start" | bc) $(cat "$work/rss")"
}
idx_sample=$(run indexed-sample --input "$work/sample.csv" --output "$work/out-sample.jsonl")
scan_sample=$(run exhaustive-sample --input "$work/sample.csv" --output "$work/out-scan.jsonl" --exhaustive)
full=$(run indexed-full --input "$work/customers-$n.csv" --output "$work/out-full.jsonl")
read -r _ t_is rss_is <<<"$idx_sample"; read -r _ t_ss rss_ss <<<"$scan_sample"; read -r _ t_f rss_f <<<"$full"
cores=$(nproc)
{
  echo
  echo "### End-to-end batch screening ($(date -u +%Y-%m-%d), $cores cores, scripts/bench-screen.sh)"
  echo
  echo "| Run | Rows | Wall time (s, incl. start-up and index build) | Rows/s | Rows/s per core | Peak RSS (MB) |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf "| indexed, %s synthetic customers | %d | %.1f | %.0f | %.0f | %d |\n" "$n" "$n" "$t_f" "$(echo "$n / $t_f" | bc -l)" "$(echo "$n / $t_f / $cores" | bc -l)" $((rss_f / 1024))
  printf "| indexed, first %s | %d | %.1f | %.0f | %.0f | %d |\n" "$sample" "$sample" "$t_is" "$(echo "$sample / $t_is" | bc -l)" "$(echo "$sample / $t_is / $cores" | bc -l)" $((rss_is / 1024))
  printf "| exhaustive scan baseline, first %s | %d | %.1f | %.0f | %.0f | %d |\n" "$sample" "$sample" "$t_ss" "$(echo "$sample / $t_ss" | bc -l)" "$(echo "$sample / $t_ss / $cores" | bc -l)" $((rss_ss / 1024))
  printf "\nIndexed vs exhaustive on the same sample: %.1fx faster.\n" "$(echo "$t_ss / $t_is" | bc -l)"
} | tee -a docs/performance.md
