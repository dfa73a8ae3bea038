#!/usr/bin/env bash
# Security smoke test (issue #16): the probes of the security test, bounded and on loopback only, against a real
# `./interdict serve` on a scratch copy of the bundled database. Prints one line per probe; exits 1 if any fails.
# Runs in a few minutes. Usage: scripts/security-smoke.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$root/.build/security-smoke"; rm -rf "$work"; mkdir -p "$work"
export INTERDICT_DB="$work/interdict.db"
./interdict lists >/dev/null 2>&1
admin=$(./interdict apikey create --name smoke-admin --role admin 2>/dev/null)
screener=$(./interdict apikey create --name smoke-screener --role screener 2>/dev/null)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
./interdict serve --urls "$base" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.2; done

failures=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() { printf 'FAIL  %s: %s\n' "$1" "$2"; failures=$((failures + 1)); }
# expect NAME WANTED_STATUS curl-args...: one request, bounded in time, its status compared.
expect() {
  local name="$1" want="$2"; shift 2
  local got
  got=$(curl -s -o "$work/body" -w '%{http_code}' --max-time 30 "$@" || true)
  if [ "$got" = "$want" ]; then pass "$name ($got)"; else fail "$name" "status $got, wanted $want: $(head -c 300 "$work/body")"; fi
}
A=(-H "Authorization: ApiKey $admin")
S=(-H "Authorization: ApiKey $screener")

# 1. Stale screening: a CLI import into the running server's database is answered from within seconds.
cp tests/data/history/sdn-2024-05-03.csv "$work/sdn.csv"
./interdict import --list ofac-sdn --format ofac-csv --published 2024-05-04 "$work/sdn.csv" >/dev/null 2>&1
seen=no
for _ in $(seq 1 60); do
  if curl -s "${S[@]}" "$base/api/search?q=IMPORTADORA%20JIREH" | grep -q 'IMPORTADORA JIREH'; then seen=yes; break; fi
  sleep 0.5
done
[ "$seen" = yes ] && pass "new snapshot screened against within 30 s" || fail "stale screening" "the CLI import was not answered from within 30 s"
curl -s "$base/readyz" | grep -q '2024-05-04' && pass "/readyz names the snapshot" || fail "/readyz snapshots" "2024-05-04 not in /readyz"

# 2. Jobs belong to their owner.
job=$(curl -s "${A[@]}" -H 'Content-Type: text/csv' --data-binary $'id,name\nsecret-1,Nicolas Maduro Moros\n' "$base/api/jobs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
expect "another key cannot read a job" 404 "${S[@]}" "$base/api/jobs/$job"
expect "another key cannot download a job's results" 404 "${S[@]}" "$base/api/jobs/$job/results"

# 3. Bounded inputs.
python3 -c 'import json; print(json.dumps({"name": "A" * 5000}))' >"$work/long.json"
expect "a 5,000-character name" 400 "${S[@]}" -H 'Content-Type: application/json' --data-binary @"$work/long.json" "$base/api/screen"
head -c 6000000 /dev/zero | tr '\0' 'a' | sed 's/^/{"name":"/; s/$/"}/' >"$work/big.json"
expect "a 6 MB JSON body" 413 "${S[@]}" -H 'Content-Type: application/json' --data-binary @"$work/big.json" "$base/api/screen"

# 4. Cross-site requests and content types.
expect "a foreign page's text/plain portfolio replace" 403 "${A[@]}" -H 'Origin: https://evil.example' -H 'Content-Type: text/plain' --data-binary $'id,name\n' "$base/api/portfolio?replace=true"
expect "a foreign page's rescreen (Sec-Fetch-Site)" 403 "${A[@]}" -H 'Sec-Fetch-Site: cross-site' -X POST "$base/api/portfolio/rescreen"
expect "a text/plain upload" 415 "${A[@]}" -H 'Content-Type: text/plain' --data-binary $'id,name\nc1,X\n' "$base/api/jobs"
if ./interdict serve --urls "http://0.0.0.0:$((port + 1))" --no-auth >"$work/noauth.log" 2>&1; then fail "--no-auth beyond loopback" "it started"; else
  [ $? -eq 2 ] && pass "--no-auth beyond loopback refused (exit 2)" || fail "--no-auth beyond loopback" "exit code other than 2"; fi

# 5. Publication dates.
if ./interdict import --list ofac-sdn --format ofac-csv --published 2030-01-01 "$work/sdn.csv" >"$work/future.log" 2>&1; then fail "a future publication date" "accepted"; else pass "a future publication date refused"; fi
./interdict import --list ofac-sdn --format ofac-csv --published 2024-05-04 "$work/sdn.csv" >"$work/again.log" 2>&1 || true
grep -qi 'already imported' "$work/again.log" && pass "an identical re-import adds nothing" || fail "identical re-import" "$(head -c 200 "$work/again.log")"

# 6. Deeply nested XML is refused fast.
python3 -c 'print("<a>" * 100000 + "</a>" * 100000)' >"$work/deep.xml"
start=$(date +%s%N)
expect "100,000-deep XML payment" 400 "${S[@]}" -H 'Content-Type: application/xml' --data-binary @"$work/deep.xml" "$base/api/screen/payment"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 5000 ] && pass "deep XML refused in $ms ms" || fail "deep XML" "took $ms ms"

# 10. Statuses and wording.
printf -- '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\n\r\nid,name\r\n' >"$work/broken.multipart"
expect "a broken multipart body" 400 "${S[@]}" -H 'Content-Type: multipart/form-data; boundary=XYZ' --data-binary @"$work/broken.multipart" "$base/api/jobs"
printf '{"queries":{"q":{"schema":"Person","properties":{"name":["Putin \xc3("]}}}}' >"$work/bad-utf8.json"
expect "invalid UTF-8 to /match" 400 "${S[@]}" -H 'Content-Type: application/json' --data-binary @"$work/bad-utf8.json" "$base/match/default"
expect "asOf=9999-12-31" 200 "${S[@]}" "$base/api/search?q=Putin&asOf=9999-12-31"

# The server kept serving and logged no internal error.
expect "still serving" 200 "$base/readyz"
if grep -qi 'unhandled' "$work/serve.log"; then fail "server log" "an unhandled error was logged"; else pass "no unhandled error in the server log"; fi

echo "$failures failed"
[ "$failures" -eq 0 ]
