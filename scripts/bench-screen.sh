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
  : >"$work/run.log"
  /usr/bin/time -f "%M" -o "$work/rss" ./interdict screen "$@" 2>"$work/run.log" >/dev/null
  end=$(date +%s.%N)
  cat "$work/run.log" >>"$work/log"
  # The command's own summary gives the screening time without start-up (loading the lists, building the index).
  local inner
  inner=$(tr '\n' ' ' <"$work/run.log" | grep -oE 'rows in [0-9.]+ s' | tail -1 | awk '{print $3}')
  echo "$label $(echo "$end - $start" | bc) $(cat "$work/rss") ${inner:-0}"
}
idx_sample=$(run indexed-sample --input "$work/sample.csv" --output "$work/out-sample.jsonl")
scan_sample=$(run exhaustive-sample --input "$work/sample.csv" --output "$work/out-scan.jsonl" --exhaustive)
full=$(run indexed-full --input "$work/customers-$n.csv" --output "$work/out-full.jsonl")
read -r _ t_is rss_is i_is <<<"$idx_sample"; read -r _ t_ss rss_ss i_ss <<<"$scan_sample"; read -r _ t_f rss_f i_f <<<"$full"
cores=$(nproc)
{
  echo
  echo "### End-to-end batch screening ($(date -u +%Y-%m-%d), $cores cores, scripts/bench-screen.sh)"
  echo
  echo "Wall time counts start-up (opening the database, loading the lists, building the index); screening time is"
  echo "the command's own measure of reading, screening and writing the rows. Output with explanations (the default)."
  echo
  echo "| Run | Rows | Wall time (s) | Rows/s per core, wall | Screening time (s) | Rows/s per core, screening | Peak RSS (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  row() { printf "| %s | %d | %.1f | %.0f | %.1f | %.0f | %d |\n" "$1" "$2" "$3" "$(echo "$2 / $3 / $cores" | bc -l)" "$4" "$(echo "$2 / $4 / $cores" | bc -l)" $(($5 / 1024)); }
  row "indexed, $n synthetic customers" "$n" "$t_f" "$i_f" "$rss_f"
  row "indexed, first $sample" "$sample" "$t_is" "$i_is" "$rss_is"
  row "exhaustive scan baseline, first $sample" "$sample" "$t_ss" "$i_ss" "$rss_ss"
  printf "\nIndexed vs exhaustive on the same sample, screening time: %.0fx faster.\n" "$(echo "$i_ss / $i_is" | bc -l)"
} | tee -a docs/performance.md
