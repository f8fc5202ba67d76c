#!/usr/bin/env bash
# The whole test suite: installs what is missing (the PostgreSQL 15 server
# included); checks the tree's formatting and clang-tidy's findings in what
# changed since .clang-tidy-baseline (scripts/check.sh); builds the unit tests with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan/) and runs them, then every fuzz target
# for a few seconds (STRATA_FUZZ_SECONDS each, default 5); builds strata and its
# integration tests (build/); starts a throwaway PostgreSQL cluster on 127.0.0.1
# as a non-root user in a temporary directory; runs the short crash-safety
# experiment (bench/faults.sh with SHORT=1) and every integration test against
# SQLite and that PostgreSQL, with the peer tools of scripts/install_peers.sh;
# stops the cluster, and exits non-zero on any
# failure. The unit tests run in the sanitizer build only: building them twice
# would cost CI minutes and find nothing the sanitizers miss. Each step prints
# its seconds on stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/install_deps.sh --test

# The tree's form (scripts/check.sh: clang-format, clang-tidy), before anything is built.
step=$SECONDS
scripts/check.sh
echo "check: $((SECONDS - step)) s" >&2

# The peer tools some integration tests let write their own sets and histories
# (sqitch, dbmate, Liquibase): fetched meanwhile, awaited before those tests.
peers_dir="${STRATA_BUILD_DIR:-$root/build}/peers"
peers_log="$(mktemp /tmp/strata-peers.XXXXXX)"
scripts/install_peers.sh "$peers_dir" >"$peers_log" 2>&1 &
peers_pid=$!

# The unit tests under the sanitizers (build-asan/: the unit tests and fuzz
# targets only, not `all`), then each fuzz target from a copy of its seeds
# (bench/fuzz.sh, which fails on a crash). Neither needs a database.
step=$SECONDS
scripts/build_sanitized.sh
(cd "${STRATA_ASAN_BUILD_DIR:-$root/build-asan}" &&
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest -L unit --output-on-failure -j "$(nproc)" --timeout 300)
echo "sanitizer build and unit tests: $((SECONDS - step)) s" >&2
step=$SECONDS
bench/fuzz.sh "${STRATA_FUZZ_SECONDS:-5}"
echo "fuzz targets: $((SECONDS - step)) s" >&2

step=$SECONDS
# Without debug info when build/ is configured here (a fresh clone, as in CI);
# an existing build/ keeps its configuration.
STRATA_DEBUG_INFO="${STRATA_DEBUG_INFO:-0}" scripts/build.sh strata integration_tests
echo "build: $((SECONDS - step)) s" >&2

tmp="$(mktemp -d /tmp/strata-test.XXXXXX)"
chmod 755 "$tmp"
cleanup() { "$root/scripts/pg_cluster.sh" stop "$tmp/pg" || true; rm -rf "$tmp"; }
trap cleanup EXIT
# Ports below Linux's ephemeral range (32768-60999), so that no outgoing
# connection holds ours; a few tries in case another server does.
STRATA_TEST_PG_URL=""
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 10000))
  if STRATA_TEST_PG_URL="$(STRATA_PG_TLS=1 scripts/pg_cluster.sh start "$tmp/pg" "$port")"; then break; fi
  scripts/pg_cluster.sh stop "$tmp/pg" || true
  STRATA_TEST_PG_URL=""
done
[[ -n "$STRATA_TEST_PG_URL" ]] || { echo "could not start PostgreSQL; see above" >&2; exit 1; }
export STRATA_TEST_PG_URL
export STRATA_TEST_REQUIRE_PG=1  # a PostgreSQL test may not skip here

# The crash-safety experiment at its CI size (bench/faults.sh says what it breaks
# and checks): a cluster of its own, which it stops and starts on purpose.
step=$SECONDS
faults_report="$tmp/faults.md"
if ! SHORT=1 STRATA_BIN="${STRATA_BUILD_DIR:-$root/build}/cli/strata" bench/faults.sh \
    >"$faults_report" 2>"$tmp/faults.err"; then
  cat "$faults_report" "$tmp/faults.err" >&2
  echo "bench/faults.sh: an invariant failed; see above" >&2
  exit 1
fi
grep -E '^\| (kill|stop|terminate|lockterm|runners|downkill) ' "$faults_report" || true
echo "bench/faults.sh: $((SECONDS - step)) s" >&2

if ! wait "$peers_pid"; then
  cat "$peers_log" >&2
  echo "scripts/install_peers.sh failed; see above" >&2
  exit 1
fi
export STRATA_TEST_PEERS_BIN="$peers_dir/bin"

cd "${STRATA_BUILD_DIR:-$root/build}"
step=$SECONDS
ctest -L integration --output-on-failure -j "$(nproc)" --timeout 300
echo "integration tests: $((SECONDS - step)) s" >&2
