#!/usr/bin/env bash
# Installs the Debian packages strata needs to build (and, with --test, to run its
# test suite). Does nothing when everything is already there, so it is quick on a
# second run. Needs root for apt-get.
set -euo pipefail

packages=(g++ cmake make pkg-config libpq-dev libsqlite3-dev libpg-query-dev libcli11-dev
          libfmt-dev nlohmann-json3-dev libtomlplusplus-dev libssl-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(googletest libgtest-dev postgresql-15 postgresql-client-15 sqlite3)
fi
if [[ "${1:-}" == "--bench" ]]; then
  # Node.js and npm come with the machine (dbmate is fetched from the npm registry).
  packages+=(postgresql-15 postgresql-client-15 libbenchmark-dev hyperfine)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
