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

# 3 (uploads). A refused upload leaves nothing: no job and no job data rows (pages it used are free again, not data).
rows() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute("SELECT (SELECT count(*) FROM jobs), (SELECT count(*) FROM job_data)").fetchone())' "$INTERDICT_DB"; }
rows_before=$(rows)
python3 -c 'import sys; n = "N" * 600; sys.stdout.write("id,name\n" + "".join(f"c{i},{n}\n" for i in range(5000)))' >"$work/toolong.csv"
expect "a batch upload with 600-character names" 400 "${S[@]}" -H 'Content-Type: text/csv' --data-binary @"$work/toolong.csv" "$base/api/jobs"
sleep 1
[ "$(rows)" = "$rows_before" ] && pass "the refused 3 MB upload left no job and no data (jobs, chunks: $rows_before)" || fail "refused upload" "jobs, chunks before $rows_before, after $(rows)"
[ ! -e "$INTERDICT_DB.jobs" ] && pass "no job folder beside the database" || fail "job files" "$INTERDICT_DB.jobs exists"

# 4 (empty replace). An empty replace needs confirmEmpty.
expect "an empty portfolio replace without confirmEmpty" 400 "${A[@]}" -H 'Content-Type: text/csv' --data-binary $'id,name\n' "$base/api/portfolio?replace=true"

# 7. A large portfolio upload is a job; reads stay answered meanwhile.
python3 -c 'import sys; sys.stdout.write("id,name,type,dob,country\n" + "".join(f"p{i},Customer{i} Examplename{i % 997},person,,\n" for i in range(100000)))' >"$work/portfolio.csv"
expect "a 100,000-row portfolio upload" 202 "${A[@]}" -H 'Content-Type: text/csv' --data-binary @"$work/portfolio.csv" "$base/api/portfolio"
slowest=0
for _ in $(seq 1 10); do
  t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 30 "$base/readyz")
  slowest=$(python3 -c "print(max($slowest, $t))")
  sleep 0.3
done
python3 -c "import sys; sys.exit(0 if $slowest < 5 else 1)" && pass "/readyz answered during the import (slowest ${slowest} s)" || fail "reads during an upload" "slowest /readyz ${slowest} s"

# 9. Headers and files.
curl -s -D "$work/headers" -o /dev/null "${S[@]}" "$base/api/lists"
grep -qi "^content-security-policy: default-src 'self'; script-src 'self'" "$work/headers" && pass "Content-Security-Policy" || fail "CSP" "missing on /api/lists"
grep -qi '^x-content-type-options: nosniff' "$work/headers" && grep -qi '^x-frame-options: DENY' "$work/headers" && pass "nosniff and X-Frame-Options" || fail "headers" "nosniff or X-Frame-Options missing"
grep -qi '^cache-control: no-store' "$work/headers" && pass "no-store on API answers" || fail "no-store" "missing on /api/lists"
expect "/metrics without a key" 401 "$base/metrics"
rm -f "$work/fresh.db"; INTERDICT_DB="$work/fresh.db" ./interdict lists >/dev/null 2>&1
[ "$(stat -c %a "$work/fresh.db")" = 600 ] && pass "a new database is mode 0600" || fail "database mode" "$(stat -c %a "$work/fresh.db")"

# 8 (sessions). The sign-in cookie is a session id, not the key, and sign-out revokes it.
curl -s -c "$work/cookies" -o /dev/null -H 'Content-Type: application/json' --data "{\"key\":\"$screener\"}" "$base/api/session"
grep -q "$screener" "$work/cookies" && fail "session cookie" "the cookie holds the key" || pass "the session cookie does not hold the key"
expect "a request with the session cookie" 200 -b "$work/cookies" "$base/api/lists"
expect "sign-out" 204 -b "$work/cookies" -X DELETE "$base/api/session"
expect "the signed-out cookie" 401 -b "$work/cookies" "$base/api/lists"

# The server kept serving and logged no internal error.
expect "still serving" 200 "$base/readyz"
if grep -qi 'unhandled' "$work/serve.log"; then fail "server log" "an unhandled error was logged"; else pass "no unhandled error in the server log"; fi

# 8 (flood), last: it blocks this address for a minute. Wrong keys get 429 with Retry-After, a right one too.
codes=$(for i in $(seq 1 30); do curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: ApiKey wrong-$i" "$base/api/lists"; done | sort | uniq -c | tr '\n' ' ')
case "$codes" in *429*) pass "30 wrong keys: $codes";; *) fail "wrong-key flood" "no 429 in: $codes";; esac
curl -s -D "$work/h429" -o /dev/null "${S[@]}" "$base/api/lists"
grep -qi '^retry-after:' "$work/h429" && pass "a blocked address gets Retry-After, a valid key included" || fail "Retry-After" "$(head -1 "$work/h429")"

echo "$failures failed"
[ "$failures" -eq 0 ]
