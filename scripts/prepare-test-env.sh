# Sourced by ./test (and so by .ci/run): installs what the tests need on a fresh machine.
mkdir -p "$root/.build"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test: installing ${need[*]} (apt)..." >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "test: missing ${need[*]}; install with: sudo apt-get install ${need[*]}" >&2
  fi
fi
# The PostgreSQL tests (the operations store contract) need a server: a private cluster, stopped when ./test exits.
source "$root/scripts/pg-cluster.sh"
