#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ one after another (the machine has two
# cores and the targets would only slow each other) and prints a Markdown table:
# executions, executions per second, corpus size (seeds -> at the end) and
# crashes per target. Each target starts from a copy of its seeds in
# fuzz/corpus/<target>/, so the tree never gains files; what a run finds stays in
# a temporary directory unless KEEP names one to copy the corpora and crash
# inputs to.
#
#   bench/fuzz.sh [SECONDS] [TARGET...]   SECONDS per target (default FUZZ_SECONDS, else 300);
#                                         targets without "_fuzzer" (default: all of fuzz/)
#   scripts/test.sh runs it with 5 seconds a target.
# Exit 1 when a target crashed, leaked, timed out or broke an invariant; its
# input and the end of its log go to stderr. Installs what is missing and builds
# build-asan/ first (scripts/build_sanitized.sh, incremental).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-${FUZZ_SECONDS:-300}}"
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=($(sed -n 's/^strata_fuzzer(\([a-z_]*\)_fuzzer .*/\1/p' "$root/fuzz/CMakeLists.txt"))
fi
build="${STRATA_ASAN_BUILD_DIR:-$root/build-asan}"
"$root/scripts/install_deps.sh" --test
"$root/scripts/build_sanitized.sh" "${targets[@]/%/_fuzzer}" >&2

tmp="$(mktemp -d /tmp/strata-fuzz.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
# Every sanitizer report ends the run (UBSan's too: CMakeLists.txt builds with
# -fno-sanitize-recover=all); a stack for UBSan's reports.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=0
echo "| target | seconds | executions | exec/s | corpus (seeds -> end) | crashes |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for t in "${targets[@]}"; do
  work="$tmp/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp "$root/fuzz/corpus/$t/"* "$work/corpus/"
  seeds=$(ls "$work/corpus" | wc -l)
  # The temporary directory of migrations_dir_fuzzer goes with ours.
  status=0
  TMPDIR="$work" "$build/fuzz/${t}_fuzzer" "$work/corpus" -max_total_time="$seconds" \
    -timeout=30 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    >"$work/log" 2>&1 || status=$?
  final_stat() { sed -n "s/^stat::$1: *//p" "$work/log" | tail -1; }
  crashes=$(ls "$work/artifacts" | wc -l)
  if ((status != 0 && crashes == 0)); then crashes=1; fi  # died without writing its input
  echo "| $t | $seconds | $(final_stat number_of_executed_units) | $(final_stat average_exec_per_sec) |" \
       "$seeds -> $(ls "$work/corpus" | wc -l) | $crashes |"
  if ((crashes > 0)); then
    failed=1
    { echo "== $t: exit $status; the end of its log:"; tail -n 60 "$work/log"
      for a in "$work/artifacts/"*; do
        [[ -e "$a" ]] || continue
        echo "== input $(basename "$a") (base64):"; base64 "$a"
      done; } >&2
  fi
done
if [[ -n "${KEEP:-}" ]]; then
  mkdir -p "$KEEP" && cp -r "$tmp/." "$KEEP/" && echo "kept the corpora, logs and crash inputs in $KEEP" >&2
fi
exit "$failed"
