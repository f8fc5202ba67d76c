#!/usr/bin/env bash
# Configures (once) and builds strata into build/. Incremental on a second run.
# Arguments name targets to build instead of all (scripts/test.sh: strata and
# integration_tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${STRATA_BUILD_DIR:-$root/build}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${STRATA_CMAKE_ARGS:-} >/dev/null
fi
targets=()
(($# == 0)) || targets=(--target "$@")
cmake --build "$build" -j "$(nproc)" "${targets[@]}"
