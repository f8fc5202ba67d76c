#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds, migrates
# the example project (seed 001's WorkflowManagement schema) into a SQLite file,
# and prints `strata status`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/install_deps.sh
scripts/build.sh >/dev/null

strata="${STRATA_BUILD_DIR:-$root/build}/cli/strata"
example="$root/examples/workflow-sqlite"
if [[ -n "${STRATA_DEMO_DB:-}" ]]; then
  db="$STRATA_DEMO_DB"
else
  # The default file is the demo's own: made anew each run, so that an example
  # migration edited since the last run applies instead of failing validation.
  db="$root/build/demo-workflow.db"
  rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
fi
url="sqlite:$db"

echo "== strata up (examples/workflow-sqlite into $db)"
"$strata" --config "$example/strata.toml" --url "$url" up
echo
echo "== strata status"
"$strata" --config "$example/strata.toml" --url "$url" status
