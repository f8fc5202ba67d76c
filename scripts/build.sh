#!/usr/bin/env bash
# Configures (once) and builds strata into build/. Incremental on a second run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${STRATA_BUILD_DIR:-$root/build}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${STRATA_CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
