# Sourced by ./test and .ci/run: installs and starts what the tests need on a fresh machine.
mkdir -p "$root/.build"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
