#!/usr/bin/env bash
# The whole test suite: installs what is missing (the PostgreSQL 15 server
# included), builds, starts a throwaway PostgreSQL cluster on 127.0.0.1 as a
# non-root user in a temporary directory, runs every ctest test (unit tests, and
# integration tests against SQLite and that PostgreSQL), stops the cluster, and
# exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/install_deps.sh --test
scripts/build.sh

tmp="$(mktemp -d /tmp/strata-test.XXXXXX)"
chmod 755 "$tmp"
cleanup() { scripts/pg_cluster.sh stop "$tmp/pg" || true; rm -rf "$tmp"; }
trap cleanup EXIT
port=$((40000 + RANDOM % 20000))
STRATA_TEST_PG_URL="$(scripts/pg_cluster.sh start "$tmp/pg" "$port")"
export STRATA_TEST_PG_URL
export STRATA_TEST_REQUIRE_PG=1  # a PostgreSQL test may not skip here

cd "${STRATA_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "$(nproc)" --timeout 300
