#!/usr/bin/env bash
# Configures (once) and builds the clang build with AddressSanitizer,
# UndefinedBehaviorSanitizer and libFuzzer's coverage into build-asan/ (or
# STRATA_ASAN_BUILD_DIR): only the unit tests and the fuzz targets (fuzz/), never
# `all`, so that it adds little to scripts/test.sh. Arguments name other targets.
# Incremental on a second run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${STRATA_ASAN_BUILD_DIR:-$root/build-asan}"
# -O0 by default: with the sanitizers it compiles in less than half the time of
# -O1 (measured: 8 s against 20 s for one test file), which is what CI pays for;
# the unit tests and short fuzz runs barely notice. Long fuzz runs do, about
# 2x fewer executions: STRATA_ASAN_OPT=-O1 for those (a new build directory,
# STRATA_ASAN_BUILD_DIR, or a fresh build-asan/). Line tables only: sanitizer
# reports keep file:line.
opt="${STRATA_ASAN_OPT:--O0}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  # Asserts stay on (no NDEBUG): user input must never trip one. Shared
  # libraries: the static linking of the release build is for start-up time,
  # which does not matter here.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$opt -gline-tables-only" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt -gline-tables-only" \
    -DSTRATA_SANITIZE=ON -DSTRATA_FUZZ=ON -DSTRATA_STATIC_DEPS=OFF >/dev/null
fi
targets=("$@")
((${#targets[@]})) || targets=(unit_tests fuzz_targets)
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"
