#!/usr/bin/env bash
# Installs the Debian packages strata needs to build (and, with --test, to run its
# test suite). Does nothing when everything is already there, so it is quick on a
# second run. Needs root for apt-get.
set -euo pipefail

# libpq is linked statically (CMakeLists.txt says why): libpq-dev has its archive,
# postgresql-server-dev-15 the two support archives it needs (libpgcommon,
# libpgport), and the Kerberos and LDAP headers declare what
# src/driver/postgres/deferred_libraries.cc loads on demand.
packages=(g++ cmake make pkg-config libpq-dev postgresql-server-dev-15 libkrb5-dev libldap-dev
          libsqlite3-dev libpg-query-dev libcli11-dev libfmt-dev nlohmann-json3-dev
          libtomlplusplus-dev libssl-dev zlib1g-dev)
if [[ "${1:-}" == "--test" ]]; then
  # clang and its sanitizer and libFuzzer runtimes: the unit tests under ASan and
  # UBSan and the fuzz targets (scripts/build_sanitized.sh, bench/fuzz.sh); the
  # formatter and clang-tidy that scripts/check.sh runs.
  packages+=(googletest libgtest-dev postgresql-15 postgresql-client-15 sqlite3 openssl
             clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14)
fi
if [[ "${1:-}" == "--bench" ]]; then
  # Node.js and npm come with the machine (dbmate is fetched from the npm registry).
  packages+=(postgresql-15 postgresql-client-15 libbenchmark-dev hyperfine)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# libpq's archive and its support archives must come from one PostgreSQL build:
# unless both are there at the same version, install (or upgrade) both together,
# which brings both to the version apt offers now.
version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }
if [[ "$(version_of libpq-dev)" != "$(version_of postgresql-server-dev-15)" ]]; then
  missing+=(libpq-dev postgresql-server-dev-15)
fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
