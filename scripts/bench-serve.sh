#!/usr/bin/env bash
# HTTP load benchmark: single-name screenings against `./interdict serve` on loopback with wrk (Debian package),
# audit on, bounded in time. Appends the results to docs/performance.md.
# Usage: scripts/bench-serve.sh [seconds] [connections] [first-run-seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
secs="${1:-20}"; conns="${2:-16}"; warm="${3:-10}"
command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work="$root/.build/bench-serve"; mkdir -p "$work"
export INTERDICT_DB="$work/interdict.db"
rm -f "$INTERDICT_DB" "$INTERDICT_DB-wal" "$INTERDICT_DB-shm"   # a fresh audit trail each run, so runs compare
./interdict lists >/dev/null
key=$(./interdict apikey create --name "bench-$(date +%s)" --role screener 2>/dev/null)
port=18765
# The per-key rate limit (default 2,000/s) is lifted: this measures the server, not the limiter.
./interdict serve --urls "http://127.0.0.1:$port" --rate-limit 10000000 >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
# A rotating set of realistic queries: listed names, misspellings and ordinary names.
cat >"$work/screen.lua" <<LUA
local names = {"Nikolas Madurro", "Vladimir Putin", "John Smith", "Maria Garcia", "Rosneft", "Mohammed Ali", "Dmitry Peskov",
  "Acme Trading LLC", "Kim Jong Un", "Sberbank", "Ana Lopez", "Ali Khamenei", "Hassan Nasrallah", "Peter Mueller", "Li Wei"}
local i = 0
request = function()
  i = i + 1
  local body = '{"name":"' .. names[(i % #names) + 1] .. '"}'
  return wrk.format("POST", "/api/screen", {["Content-Type"] = "application/json", ["Authorization"] = "ApiKey $key"}, body)
end
LUA
# Two runs: the first seconds after /readyz (the HTTP and JSON code paths still being compiled: the server warms
# the matching engine before it says ready, not Kestrel), then the steady state, which is what the goal is about.
wrk -t2 -c"$conns" -d"${warm}s" --latency -s "$work/screen.lua" "http://127.0.0.1:$port" | tee "$work/wrk-first.txt"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/screen.lua" "http://127.0.0.1:$port" | tee "$work/wrk.txt"
audited=$(curl -s -H "Authorization: ApiKey $key" "http://127.0.0.1:$port/metrics" | grep -E '^interdict_screenings_total\{channel="api"\}' | awk '{print $2}')
rps=$(grep -E '^Requests/sec' "$work/wrk.txt" | awk '{print $2}')
p99=$(grep -E '^ +99%' "$work/wrk.txt" | awk '{print $2}')
p50=$(grep -E '^ +50%' "$work/wrk.txt" | awk '{print $2}')
errors=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt"); errors=${errors:-0}
rps1=$(grep -E '^Requests/sec' "$work/wrk-first.txt" | awk '{print $2}')
p99_1=$(grep -E '^ +99%' "$work/wrk-first.txt" | awk '{print $2}')
p50_1=$(grep -E '^ +50%' "$work/wrk-first.txt" | awk '{print $2}')
errors1=$(awk '/Non-2xx/ {print $NF}' "$work/wrk-first.txt"); errors1=${errors1:-0}
{
  echo
  echo "### HTTP single-name screening under load ($(date -u +%Y-%m-%d), $(nproc) cores, scripts/bench-serve.sh $secs $conns)"
  echo
  echo "wrk on loopback (sharing the 2 cores with the server), 2 threads, $conns connections, POST /api/screen with an API key, audit on (${audited} screenings recorded)."
  echo
  echo "| Run | Requests/s | p50 latency | p99 latency | Non-2xx responses |"
  echo "|---|---:|---:|---:|---:|"
  echo "| first ${warm} s after /readyz | $rps1 | $p50_1 | $p99_1 | $errors1 |"
  echo "| steady state, the next ${secs} s | $rps | $p50 | $p99 | $errors |"
} | tee -a docs/performance.md
