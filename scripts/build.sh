#!/usr/bin/env bash
# Configures (once) and builds strata into build/ (RelWithDebInfo). Incremental
# on a second run.
# Arguments name targets to build instead of all (scripts/test.sh: strata and
# integration_tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${STRATA_BUILD_DIR:-$root/build}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
  # STRATA_DEBUG_INFO=0 (scripts/test.sh on a fresh clone): the same -O2 code
  # without debug info, which costs a third of the compile time.
  if [[ "${STRATA_DEBUG_INFO:-1}" == 0 ]]; then
    args+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG")
  fi
  cmake -S "$root" -B "$build" "${args[@]}" ${STRATA_CMAKE_ARGS:-} >/dev/null
fi
targets=()
(($# == 0)) || targets=(--target "$@")
cmake --build "$build" -j "$(nproc)" "${targets[@]}"
