#!/usr/bin/env bash
# Measures screening quality on labelled sets built from the bundled lists and writes docs/quality.md.
# Usage: scripts/quality.sh [threshold]   (about a minute)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$root/.build/quality"; mkdir -p "$work"
export INTERDICT_DB="$work/interdict.db"
rm -f "$INTERDICT_DB"
./interdict lists >/dev/null
dotnet build tools/Interdict.Eval -c Release -nologo -v quiet -clp:ErrorsOnly -o "$work/eval"
eval="dotnet $work/eval/Interdict.Eval.dll"
$eval gen-quality --db "$INTERDICT_DB" --out "$work" --names tests/data/names
./interdict screen --input "$work/queries.csv" --output "$work/results.jsonl" --threshold 0.5 --limit 10 --no-explain
./interdict compare --input "$work/pairs.jsonl" --output "$work/scores.jsonl" ${1:+--threshold $1}
threshold="${1:-$(grep -Eo 'DefaultThreshold = [0-9.]+' src/Interdict/Matching/Contracts.cs | grep -Eo '[0-9.]+$')}"
$eval score-quality --dir "$work" --screen "$work/results.jsonl" --compare "$work/scores.jsonl" --threshold "$threshold" --out docs/quality.md
