#!/usr/bin/env bash
# The volume versions of default tests, kept out of ./test so that the default suite stays under 10 minutes on a
# 2-core machine: tests marked [Trait("Category", "Slow")] (the 200,000-row portfolio upload under a real `serve`,
# the 200-request authentication flood, 300 snapshots of 10,000 entities). Each has a small version in ./test that
# fails on the same defect. A few minutes. Usage: scripts/slow-tests.sh [extra dotnet test arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/test" --filter "Category=Slow" "$@"
