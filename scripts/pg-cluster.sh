# Sourced by scripts/prepare-test-env.sh: a private PostgreSQL cluster for the tests, in a fresh temporary folder
# (not under the clone: as root the server runs as another user, who may not reach the clone's folders), on a free
# loopback port, owned by a non-root user (the server refuses to run as root), stopped when the sourcing shell exits.
# Sets INTERDICT_TEST_PG (an Npgsql connection string) when the cluster is up; tests that need PostgreSQL read it.
# Installs the Debian package when the binaries are missing and the script runs as root.
pg_bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin="$d"; done
if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ]; then
  echo "test: installing postgresql (apt)..." >&2
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # The package starts a system cluster; the tests use their own, so that one is stopped again.
  command -v pg_ctlcluster >/dev/null && for c in /etc/postgresql/*/main; do [ -d "$c" ] && pg_ctlcluster "$(basename "$(dirname "$c")")" main stop >/dev/null 2>&1 || true; done
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin="$d"; done
fi
if [ -z "$pg_bin" ]; then
  echo "test: PostgreSQL not found; the PostgreSQL tests will fail (install with: sudo apt-get install postgresql)" >&2
else
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/interdict-pg.XXXXXX")
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pg_as=()
  if [ "$(id -u)" = 0 ]; then
    id interdict-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin interdict-pg
    pg_as=(runuser -u interdict-pg --)
  fi
  [ "$(id -u)" = 0 ] && chown interdict-pg "$pg_dir"
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U interdict --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1
  # fsync off: a test cluster is thrown away, and durability is the server's job in production, not the tests'.
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  export INTERDICT_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=interdict;Database=postgres"
  pg_stop() { "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
  trap pg_stop EXIT
  echo "test: private PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port" >&2
fi
