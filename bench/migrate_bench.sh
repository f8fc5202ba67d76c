#!/usr/bin/env bash
# Benchmark: apply 500 PostgreSQL migrations with strata, with dbmate, and with
# the "floor" (one psql session running each file in its own transaction), then
# time `strata status`, `strata --version` and, for reference, `psql -c 'select 1'`.
#
#   bench/migrate_bench.sh            prints a Markdown report on stdout
#
# Knobs (environment):
#   ROUNDS=5          interleaved rounds of (floor, strata, dbmate); the median counts
#   MIGRATIONS=500    number of generated migrations
#   BENCH_PORT=25490  first port to try for the throwaway cluster
#   RUNS=50           hyperfine runs for status / start-up timings (after 5 warm-ups)
#   STRATA_BIN=PATH   use this binary instead of building build-bench/ in Release
#   BASE_BIN=PATH     also time this strata binary (an earlier commit's) in the same
#                     interleaved rounds, for an A/B on one machine at one time
#
# Needs root (the cluster runs as a system user created by scripts/pg_cluster.sh).
# Progress goes to stderr; everything it starts is stopped and removed on exit.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${ROUNDS:-5}"
count="${MIGRATIONS:-500}"
runs="${RUNS:-50}"
first_port="${BENCH_PORT:-25490}"
pgbin=/usr/lib/postgresql/15/bin

say() { echo "[bench] $*" >&2; }
die() { echo "[bench] error: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# ---------------------------------------------------------------- clean-up
tmp=""
cluster_started=0
cleanup() {
  local rc=$?
  set +e
  remove_workdir ""
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ $(id -u) -eq 0 ]] || die "run as root (scripts/pg_cluster.sh and install_deps.sh need it)"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "MIGRATIONS must be a positive integer"

# ---------------------------------------------------------------- dependencies
# Each tool the benchmark calls, with the Debian package that provides it.
declare -A tool_pkg=(
  ["$pgbin/postgres"]=postgresql-15
  ["$pgbin/psql"]=postgresql-client-15
  [hyperfine]=hyperfine
  [node]=nodejs
  [npm]=npm
)
install_missing_tools

# The real psql of postgresql-client-15 (/usr/bin/psql is Debian's Perl wrapper).
psql_bin="$(dpkg -L postgresql-client-15 | grep 'bin/psql$' | head -n1)"
[[ -x "$psql_bin" ]] || die "no psql binary in postgresql-client-15"

# ---------------------------------------------------------------- strata binary
resolve_strata
[[ -x "$strata" ]] || die "no strata binary at $strata"
strata_version="$("$strata" --version)"
base_strata=""
if [[ -n "${BASE_BIN:-}" ]]; then
  base_strata="$(realpath -e "$BASE_BIN")" || die "no strata binary at $BASE_BIN"
fi
source_rev="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"

# ---------------------------------------------------------------- work area
tmp="$(mktemp -d "${TMPDIR:-/tmp}/strata-bench.XXXXXX")"
chmod 755 "$tmp" # the cluster's system user must reach $tmp/pg
mkdir -p "$tmp/strata" "$tmp/dbmate-migrations" "$tmp/logs" "$tmp/dbmate"

# ---------------------------------------------------------------- dbmate (npm)
say "installing dbmate from npm into $tmp/dbmate"
echo '{"name": "strata-bench-dbmate", "private": true}' >"$tmp/dbmate/package.json"
(cd "$tmp/dbmate" && npm install --prefix "$tmp/dbmate" --no-audit --no-fund --loglevel=error \
  dbmate >"$tmp/logs/npm.log" 2>&1) || {
  cat "$tmp/logs/npm.log" >&2
  die "npm install dbmate failed"
}
# The npm package's bin is a Node wrapper that spawns the Go binary shipped in a
# platform package (@dbmate/linux-x64); call the Go binary itself so Node's
# start-up is not charged to dbmate.
dbmate="$(find "$tmp/dbmate/node_modules/@dbmate" -type f -path '*/bin/dbmate' -perm -u+x 2>/dev/null | head -n1)"
[[ -n "$dbmate" ]] || dbmate="$tmp/dbmate/node_modules/.bin/dbmate"
[[ -x "$dbmate" ]] || die "no dbmate binary under $tmp/dbmate/node_modules"
dbmate_version="$("$dbmate" --version)"

# Everything from here on runs in $tmp, so that no strata.toml or .env in the
# caller's directory is picked up by strata or dbmate.
cd "$tmp"

# ---------------------------------------------------------------- migrations
say "generating $count migrations"
width=${#count}
((width >= 3)) || width=3
for ((i = 1; i <= count; i++)); do
  v=$(printf "%0${width}d" "$i")
  if ((i == 1)); then
    sql="CREATE TABLE t_1 (
  id bigint PRIMARY KEY,
  payload text,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX t_1_payload_idx ON t_1 (payload);"
  else
    sql="CREATE TABLE t_$i (
  id bigint PRIMARY KEY,
  prev_id bigint REFERENCES t_$((i - 1)) (id),
  payload text,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX t_${i}_prev_id_idx ON t_$i (prev_id);"
  fi
  printf '%s\n' "$sql" >"$tmp/strata/${v}_t$i.sql"
  printf -- '-- migrate:up\n%s\n\n-- migrate:down\nDROP TABLE t_%d;\n' "$sql" "$i" \
    >"$tmp/dbmate-migrations/${v}_t$i.sql"
done
# The floor: one psql session, each file in its own transaction.
for f in "$tmp"/strata/*.sql; do
  printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "$f"
done >"$tmp/floor.sql"

# ---------------------------------------------------------------- cluster
start_cluster "$tmp/pg" "$first_port"
base_url="${admin_url%/*}"
pg_version="$("$psql_bin" -X -At -d "$admin_url" -c 'SHOW server_version')"
pg_fsync="$("$psql_bin" -X -At -d "$admin_url" -c 'SHOW fsync')"

sql_admin() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 -d "$admin_url" -c "$1"; }

# ---------------------------------------------------------------- contenders
run_floor() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$tmp/floor.sql"; }
run_strata() { "$strata" -q --url "$1" --dir "$tmp/strata" up; }
run_base() { "$base_strata" -q --url "$1" --dir "$tmp/strata" up; }
run_dbmate() {
  "$dbmate" --no-dump-schema --url "$1?sslmode=disable" --migrations-dir "$tmp/dbmate-migrations" up
}

contenders=(floor strata dbmate)
[[ -z "$base_strata" ]] || contenders=(floor strata base dbmate)
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -A times=()
elapsed=""

# Runs one contender on a fresh database; sets $elapsed (seconds).
measure() {
  local name=$1 round=$2 db="bench_${1}_r$2"
  local url="$base_url/$db" log="$tmp/logs/${1}_r$2.log"
  sql_admin "CREATE DATABASE $db"
  # Start every run with no dirty buffers left over from the previous one.
  sql_admin "CHECKPOINT"
  local t0=$EPOCHREALTIME
  if ! "run_$name" "$url" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "$name failed in round $round"
  fi
  local t1=$EPOCHREALTIME
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  # Check that every migration really ran.
  local n
  n=$("$psql_bin" -X -At -d "$url" -c \
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t_[0-9]+$'")
  [[ "$n" == "$count" ]] || die "$name created $n tables instead of $count in round $round"
}

# The last round's strata and dbmate databases are kept for the status timings.
for ((r = 1; r <= rounds; r++)); do
  for c in "${contenders[@]}"; do
    measure "$c" "$r"
    times[$c]+="$elapsed "
    say "round $r/$rounds  $c  ${elapsed}s"
    if [[ "$c" == floor || $r -lt $rounds ]]; then
      sql_admin "DROP DATABASE bench_${c}_r$r"
    fi
  done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
  if (NR % 2) printf "%.4f", v[(NR + 1) / 2]; else printf "%.4f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A med=()
for c in "${contenders[@]}"; do
  med[$c]=$(median <<<"${times[$c]}")
done

# ---------------------------------------------------------------- short commands
say "timing short commands with hyperfine ($runs runs after 5 warm-ups each)"
hyperfine -N --warmup 5 --runs "$runs" --style none \
  --export-csv "$tmp/short.csv" \
  -n "strata status" "$strata -q --url $base_url/bench_strata_r$rounds --dir $tmp/strata status" \
  -n "strata --version" "$strata --version" \
  -n "psql -c 'select 1'" "$psql_bin -X -q -d $base_url/postgres -c 'select 1'" \
  -n "dbmate status" "$dbmate --no-dump-schema --url $base_url/bench_dbmate_r$rounds?sslmode=disable --migrations-dir $tmp/dbmate-migrations status" \
  >"$tmp/logs/hyperfine.log" 2>&1 || {
  cat "$tmp/logs/hyperfine.log" >&2
  die "hyperfine failed"
}
# csv: command,mean,stddev,median,user,system,min,max (seconds)
declare -A s_mean=() s_med=() s_min=()
while IFS=, read -r cmd mean _ median _ _ min _; do
  [[ "$cmd" == command ]] && continue
  cmd="${cmd#\"}"
  cmd="${cmd%\"}"
  s_mean[$cmd]=$(awk -v x="$mean" 'BEGIN { printf "%.2f", x * 1000 }')
  s_med[$cmd]=$(awk -v x="$median" 'BEGIN { printf "%.2f", x * 1000 }')
  s_min[$cmd]=$(awk -v x="$min" 'BEGIN { printf "%.2f", x * 1000 }')
done <"$tmp/short.csv"

# ---------------------------------------------------------------- report
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
yes_no() { awk "BEGIN { print (($1) ? \"met\" : \"**not met**\") }"; }

ratio_strata=$(calc %.3f "${med[strata]} / ${med[floor]}")
overhead_ms=$(calc %.3f "(${med[strata]} - ${med[floor]}) * 1000 / $count")

echo "## strata benchmark: $count PostgreSQL migrations"
echo
echo "strata $strata_version (source $source_rev), dbmate ${dbmate_version#dbmate version }, PostgreSQL $pg_version" \
  "(fsync=$pg_fsync), $rounds interleaved round(s), median wall time, fresh database per run;" \
  "load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| contender | median s ($count migrations) | ms per migration | vs floor | all rounds (s) |"
echo "| --- | ---: | ---: | ---: | --- |"
declare -A label=(
  [floor]="floor: one psql session, \`BEGIN; \\i FILE; COMMIT;\` per file"
  [strata]="strata up"
  [base]="strata up, BASE_BIN"
  [dbmate]="dbmate up"
)
for c in "${contenders[@]}"; do
  echo "| ${label[$c]} | ${med[$c]} | $(calc %.3f "${med[$c]} * 1000 / $count") |" \
    "$(calc %.3fx "${med[$c]} / ${med[floor]}") | ${times[$c]% } |"
done
echo
echo "strata's overhead above the floor: **$overhead_ms ms per migration**."
if [[ -n "$base_strata" ]]; then
  echo
  echo "strata up against BASE_BIN ($base_strata) in the same rounds:" \
    "**$(calc %.3fx "${med[strata]} / ${med[base]}")**."
fi
echo
echo "| command | mean ms | median ms | min ms |"
echo "| --- | ---: | ---: | ---: |"
for cmd in "strata status" "strata --version" "psql -c 'select 1'" "dbmate status"; do
  note=""
  [[ "$cmd" == "strata status" ]] && note=" ($count applied)"
  [[ "$cmd" == "dbmate status" ]] && note=" (reference; $count applied)"
  echo "| \`$cmd\`$note | ${s_mean[$cmd]} | ${s_med[$cmd]} | ${s_min[$cmd]} |"
done
echo
echo "| goal | measured | |"
echo "| --- | --- | --- |"
echo "| strata up within 1.05x of the floor | ${ratio_strata}x | $(yes_no "$ratio_strata <= 1.05") |"
echo "| strata up faster than dbmate | ${med[strata]} s vs ${med[dbmate]} s |" \
  "$(yes_no "${med[strata]} < ${med[dbmate]}") |"
echo "| strata status under 10 ms (median) | ${s_med[strata status]} ms |" \
  "$(yes_no "${s_med[strata status]} < 10") |"
echo "| start-up under 5 ms (median of --version) | ${s_med[strata --version]} ms |" \
  "$(yes_no "${s_med[strata --version]} < 5") |"
say "done"
