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
db="${STRATA_DEMO_DB:-$root/build/demo-workflow.db}"
url="sqlite:$db"

echo "== strata up (examples/workflow-sqlite into $db)"
"$strata" --config "$example/strata.toml" --url "$url" up
echo
echo "== strata status"
"$strata" --config "$example/strata.toml" --url "$url" status
