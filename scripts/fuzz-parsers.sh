#!/usr/bin/env bash
# Damaged-input fuzzing of every list parser and the payment message parsers (tests/Interdict.Tests/Sources/ParserFuzzTests.cs):
# real files with bytes changed, ranges cut or doubled, the end missing. Each must parse or fail with its format
# exception naming the file. The default test suite runs 15 cases per format with a fixed seed; this runs many more
# with a new seed (printed, so a failure can be replayed with INTERDICT_FUZZ_SEED).
# Usage: scripts/fuzz-parsers.sh [cases-per-format] [seed]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export INTERDICT_FUZZ_ITERATIONS="${1:-2000}"
export INTERDICT_FUZZ_SEED="${2:-$RANDOM$RANDOM}"
echo "fuzzing with $INTERDICT_FUZZ_ITERATIONS cases per format, seed $INTERDICT_FUZZ_SEED" >&2
dotnet build tests/Interdict.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet test tests/Interdict.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~ParserFuzzTests" --logger "console;verbosity=normal"
