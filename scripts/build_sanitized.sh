#!/usr/bin/env bash
# Configures (once) and builds the clang build with AddressSanitizer,
# UndefinedBehaviorSanitizer and libFuzzer's coverage into build-asan/ (or
# STRATA_ASAN_BUILD_DIR): only the unit tests and the fuzz targets (fuzz/), never
# `all`, so that it adds little to scripts/test.sh. Arguments name other targets.
# Incremental on a second run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${STRATA_ASAN_BUILD_DIR:-$root/build-asan}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  # -O1 and line tables only: sanitizer reports keep file:line, the build and
  # the fuzzers stay fast. Asserts stay on (no NDEBUG): user input must never
  # trip one. Shared libraries: the static linking of the release build is for
  # start-up time, which does not matter here.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DSTRATA_SANITIZE=ON -DSTRATA_FUZZ=ON -DSTRATA_STATIC_DEPS=OFF >/dev/null
fi
targets=("$@")
((${#targets[@]})) || targets=(unit_tests fuzz_targets)
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"
