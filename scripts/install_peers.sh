#!/usr/bin/env bash
# Installs the peer tools whose migration sets and histories strata reads in place,
# so that the tests can have the peers themselves write them: sqitch from Debian,
# dbmate and Liquibase (which runs on the machine's Java) from the npm registry.
# Prints the directory whose bin/ holds `dbmate` and `liquibase`. Quick on a
# second run. Needs root for apt-get.
#
#   scripts/install_peers.sh [DIR]    (default: build/peers)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/build/peers}"
mkdir -p "$dir/bin"
dir="$(cd "$dir" && pwd)"

packages=(sqitch libdbd-pg-perl libdbd-sqlite3-perl default-jre-headless libslf4j-java)
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

# Pinned, so that a peer's new release cannot change what the tests see.
if [[ ! -x "$dir/bin/dbmate" || ! -x "$dir/bin/liquibase" ]]; then
  echo '{"name": "strata-peers", "private": true}' >"$dir/package.json"
  (cd "$dir" && npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
    dbmate@2.36.0 liquibase@4.28.1 >"$dir/npm.log" 2>&1) || {
    cat "$dir/npm.log" >&2
    exit 1
  }
  # The dbmate package's bin is a Node wrapper around the Go binary of a platform
  # package; link the binary itself.
  dbmate="$(find "$dir/node_modules/@dbmate" -type f -path '*/bin/dbmate' -perm -u+x | head -n1)"
  ln -sf "$dbmate" "$dir/bin/dbmate"
  ln -sf "$dir/node_modules/liquibase/dist/liquibase/liquibase" "$dir/bin/liquibase"
fi
# Liquibase's SQLite driver logs through SLF4J, which Liquibase does not ship:
# without it Liquibase cannot open a SQLite database. Its lib/ is on its class path.
for jar in slf4j-api slf4j-nop; do
  ln -sf "/usr/share/java/$jar.jar" "$dir/node_modules/liquibase/dist/liquibase/lib/$jar.jar"
done
echo "$dir"
