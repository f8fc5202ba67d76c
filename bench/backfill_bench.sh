#!/usr/bin/env bash
# Benchmark (issue 6): backfill a column of ROWS rows on PostgreSQL with strata's
# batched backfill and with one UPDATE statement of the same change, each while a
# concurrent writer (pgbench, one client, short single-row UPDATE transactions on
# the same table) runs. Reports rows per second of each, and the longest wait and
# the 99th percentile the writer saw during each.
#
#   bench/backfill_bench.sh            prints a Markdown report on stdout
#
# Knobs (environment):
#   ROWS=10000000             rows in the users table
#   BATCHES="5000 10000 20000"  strata batch sizes tried (one run each per round)
#   BATCH=10000               the batch size the goals are judged on (added to BATCHES)
#   ROUNDS=1                  interleaved rounds of (single UPDATE, strata per batch
#                             size); median time, worst writer figures over the rounds
#   WRITER_RATE=1000          writer transactions per second (pgbench --rate);
#                             0: as fast as one client goes
#   BENCH_PORT=25800          first port to try for the throwaway cluster
#   STRATA_BIN=PATH           use this binary instead of building build-bench/ in Release
#   KEEP=DIR                  copy the logs (psql, strata, pgbench per-transaction) to DIR
#
# Every run starts from an identical copy of one generated table (CREATE DATABASE
# ... TEMPLATE, then VACUUM ANALYZE and CHECKPOINT). Needs root (the cluster runs
# as a system user created by scripts/pg_cluster.sh). Progress goes to stderr;
# everything it starts is stopped and removed on exit.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${ROWS:-10000000}"
batches="${BATCHES:-5000 10000 20000}"
batch="${BATCH:-10000}"
rounds="${ROUNDS:-1}"
writer_rate="${WRITER_RATE:-1000}"
first_port="${BENCH_PORT:-25800}"
pgbin=/usr/lib/postgresql/15/bin
wait_goal_ms=200

say() { echo "[backfill-bench] $*" >&2; }
die() { echo "[backfill-bench] error: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# ---------------------------------------------------------------- clean-up
tmp=""
cluster_started=0
writer_pid=""
cleanup() {
  local rc=$?
  set +e
  if [[ -n "$writer_pid" ]] && kill -0 "$writer_pid" 2>/dev/null; then
    kill "$writer_pid" 2>/dev/null
    wait "$writer_pid" 2>/dev/null
  fi
  remove_workdir logs
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ $(id -u) -eq 0 ]] || die "run as root (scripts/pg_cluster.sh and install_deps.sh need it)"
for v in rows batch rounds; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "${v^^} must be a positive integer"
done
[[ "$writer_rate" =~ ^[0-9]+$ ]] || die "WRITER_RATE must be a non-negative integer"
((rows >= 100)) || die "ROWS must be at least 100"
# The batch sizes, numeric, without duplicates, BATCH included.
batch_list=()
for b in $batches "$batch"; do
  [[ "$b" =~ ^[1-9][0-9]*$ ]] || die "BATCHES: '$b' is not a positive integer"
  batch_list+=("$b")
done
mapfile -t batch_list < <(printf '%s\n' "${batch_list[@]}" | sort -n -u)

# ---------------------------------------------------------------- dependencies
# Each tool the benchmark calls, with the Debian package that provides it.
declare -A tool_pkg=(
  ["$pgbin/postgres"]=postgresql-15
  ["$pgbin/pgbench"]=postgresql-15
  ["$pgbin/psql"]=postgresql-client-15
)
install_missing_tools

# The real psql of postgresql-client-15 (/usr/bin/psql is Debian's Perl wrapper).
psql_bin="$(dpkg -L postgresql-client-15 | grep 'bin/psql$' | head -n1)"
[[ -x "$psql_bin" ]] || die "no psql binary in postgresql-client-15"
pgbench_bin="$pgbin/pgbench"

# ---------------------------------------------------------------- strata binary
resolve_strata
[[ -x "$strata" ]] || die "no strata binary at $strata"
strata_version="$("$strata" --version)"
source_rev="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
if [[ -n "${STRATA_BIN:-}" ]]; then
  source_desc="binary from STRATA_BIN; working tree at $source_rev"
else
  source_desc="source $source_rev"
fi

# ---------------------------------------------------------------- work area
tmp="$(mktemp -d "${TMPDIR:-/tmp}/strata-backfill-bench.XXXXXX")"
chmod 755 "$tmp" # the cluster's system user must reach $tmp/pg
mkdir -p "$tmp/logs"
# Everything from here on runs in $tmp, so that no strata.toml in the caller's
# directory is picked up by strata.
cd "$tmp"

# One migration directory per batch size: the expand phase is a no-op here (the
# column exists in the generated table, as it would after the expand phase); the
# migrate phase is the backfill that is timed.
for b in "${batch_list[@]}"; do
  mkdir -p "$tmp/migrations_$b"
  cat >"$tmp/migrations_$b/001_users_email_verified.sql" <<EOF
-- strata:expand
ALTER TABLE users ADD COLUMN IF NOT EXISTS email_verified boolean;
-- strata:migrate
-- strata:backfill table=users key=id batch=$b
UPDATE users SET email_verified = (confirmed_at IS NOT NULL) WHERE id > :lo AND id <= :hi AND email_verified IS NULL;
EOF
done
single_sql="UPDATE users SET email_verified = (confirmed_at IS NOT NULL)"

# The concurrent writer: one short transaction per run of the script.
cat >"$tmp/writer.sql" <<'EOF'
\set id random(1, :rows)
UPDATE users SET confirmed_at = now() WHERE id = :id;
EOF

# ---------------------------------------------------------------- cluster
start_cluster "$tmp/pg" "$first_port"
base_url="${admin_url%/*}"

sql_at() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 -d "$base_url/$1" -c "$2"; }
sql_admin() { sql_at postgres "$1"; }

pg_version="$(sql_admin 'SHOW server_version')"
declare -A pg_setting=()
for s in fsync synchronous_commit shared_buffers max_wal_size autovacuum wal_level; do
  pg_setting[$s]="$(sql_admin "SHOW $s")"
done

# ---------------------------------------------------------------- the table
# users(id, confirmed_at, payload, email_verified): one row in four unconfirmed
# (confirmed_at NULL), a payload of 50 characters, email_verified NULL everywhere.
say "generating $rows rows into the template database"
t_gen=$EPOCHREALTIME
sql_admin "CREATE DATABASE bench_template"
sql_at bench_template "CREATE TABLE users (
  id bigint PRIMARY KEY,
  confirmed_at timestamptz,
  payload text,
  email_verified boolean
)"
sql_at bench_template "INSERT INTO users (id, confirmed_at, payload)
SELECT g,
       CASE WHEN g % 4 = 0 THEN NULL
            ELSE timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second' END,
       md5(g::text) || left(md5((g * 7)::text), 18)
FROM generate_series(1, $rows) AS g"
sql_at bench_template "VACUUM ANALYZE users"
table_size="$(sql_at bench_template "SELECT pg_size_pretty(pg_relation_size('users')) || ' table, ' ||
  pg_size_pretty(pg_indexes_size('users')) || ' primary key'")"
say "generated in $(awk -v a="$t_gen" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s ($table_size)"

# ---------------------------------------------------------------- one run
# Writer statistics of the last run (ms), set by writer_stats.
w_n=0 w_max=0 w_p99=0 w_over=0 w_tps=0

# Starts the writer on database $1, logging each transaction under prefix $2.
start_writer() {
  local db=$1 prefix=$2 rate_args=()
  ((writer_rate > 0)) && rate_args=(--rate "$writer_rate")
  PGAPPNAME=strata-bench-writer "$pgbench_bin" -n -c 1 -j 1 -T 86400 "${rate_args[@]}" \
    -D rows="$rows" -f "$tmp/writer.sql" --log --log-prefix="$prefix" "$base_url/$db" \
    >"$prefix.out" 2>&1 &
  writer_pid=$!
  local i
  for ((i = 0; i < 100; i++)); do
    [[ "$(sql_admin "SELECT count(*) FROM pg_stat_activity
      WHERE application_name = 'strata-bench-writer' AND datname = '$db'")" == 1 ]] && break
    kill -0 "$writer_pid" 2>/dev/null || { cat "$prefix.out" >&2; die "the writer did not start"; }
    sleep 0.1
  done
  ((i < 100)) || die "the writer did not connect"
  sleep 1 # let it settle before the contender starts
}

# Stops the writer by ending its session: pgbench then stops the run and writes
# out its log (it exits with status 2, "Run was aborted").
stop_writer() {
  sql_admin "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE application_name = 'strata-bench-writer'" >/dev/null
  local rc=0
  wait "$writer_pid" || rc=$?
  writer_pid=""
  ((rc == 0 || rc == 2)) || { cat "$1.out" >&2; die "the writer failed (exit $rc)"; }
  grep -q 'number of failed transactions: 0 ' "$1.out" ||
    say "warning: the writer reports failed transactions: $(grep 'failed transactions' "$1.out")"
}

# Statistics of the writer's transactions that overlapped the window [$2, $3]
# (epoch seconds), from pgbench's per-transaction log (prefix $1). A line is
# client_id transaction_no time script_no time_epoch time_us [schedule_lag]; time
# (us) ends at time_epoch.time_us; with --rate it counts from the scheduled start,
# so the schedule lag is taken off: what is left is the time the transaction took.
writer_stats() {
  local prefix=$1 t0=$2 t1=$3
  local logs=("$prefix".[0-9]*) # prefix.PID
  local log="${logs[0]}"
  [[ -s "$log" ]] || die "no writer log at $prefix.*"
  local out
  out="$(awk -v t0="$t0" -v t1="$t1" '
    NF >= 6 {
      took = $3 - (NF >= 7 ? $7 : 0)
      end = $5 + $6 / 1e6
      start = end - took / 1e6
      if (end >= t0 && start <= t1) print took / 1000
    }' "$log" | sort -g | awk -v goal="$wait_goal_ms" -v span="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" '
    { v[NR] = $1; if ($1 > goal) over++ }
    END {
      if (NR == 0) { print "0 0 0 0 0"; exit }
      k = int(NR * 0.99); if (k < NR * 0.99) k++; if (k < 1) k = 1
      printf "%d %.1f %.1f %d %.0f\n", NR, v[NR], v[k], over + 0, NR / span
    }')"
  read -r w_n w_max w_p99 w_over w_tps <<<"$out"
}

# Checks that every row holds the backfilled value: email_verified set everywhere,
# true where confirmed_at was set when the table was made (the writer only ever
# sets confirmed_at), and never true where confirmed_at is NULL. (A row made
# unconfirmed may be false with a confirmed_at the writer set after its batch.)
check_rows() {
  local db=$1 who=$2 bad
  bad="$(sql_at "$db" "SELECT count(*) FROM users WHERE email_verified IS NULL
    OR (id % 4 <> 0 AND NOT email_verified) OR (email_verified AND confirmed_at IS NULL)")"
  [[ "$bad" == 0 ]] || die "$who left $bad rows without the backfilled value"
  local n
  n="$(sql_at "$db" "SELECT count(*) FROM users")"
  [[ "$n" == "$rows" ]] || die "$who: users has $n rows, expected $rows"
}

elapsed="" strata_batches="" strata_retries="" autovac=""
# Runs contender $1 (single, or strata_BATCH) in round $2 on a fresh copy of the
# table, with the writer running; sets elapsed and the writer statistics.
measure() {
  local name=$1 round=$2 db="run_${1}_r$2"
  local log="$tmp/logs/${name}_r$round.log" prefix="$tmp/logs/writer_${name}_r$round"
  local b="" mig=""
  if [[ "$name" == strata_* ]]; then
    b="${name#strata_}"
    mig="$tmp/migrations_$b"
  fi
  sql_admin "CREATE DATABASE $db TEMPLATE bench_template STRATEGY FILE_COPY"
  if [[ -n "$mig" ]]; then
    # The expand phase (a no-op) also creates strata's history tables; not timed.
    "$strata" --url "$base_url/$db" --dir "$mig" up --phase expand >"$log" 2>&1 || {
      cat "$log" >&2
      die "strata up --phase expand failed"
    }
  fi
  sql_at "$db" "VACUUM ANALYZE users"
  sql_admin "CHECKPOINT"
  start_writer "$db" "$prefix"
  local t0=$EPOCHREALTIME ok=1
  if [[ -z "$mig" ]]; then
    "$psql_bin" -X -v ON_ERROR_STOP=1 -d "$base_url/$db" -c "$single_sql" >>"$log" 2>&1 || ok=0
  else
    "$strata" --url "$base_url/$db" --dir "$mig" up --phase migrate >>"$log" 2>&1 || ok=0
  fi
  local t1=$EPOCHREALTIME
  sleep 1 # the writer's transaction that was blocked until the end completes and is logged
  # Autovacuum runs on users that finished during the run, and one still running.
  autovac="$(sql_at "$db" "SELECT (SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'users')
    || ' / ' || (SELECT count(*) FROM pg_stat_progress_vacuum WHERE datname = current_database())")"
  stop_writer "$prefix"
  ((ok)) || {
    tail -n 30 "$log" >&2
    die "$name failed in round $round"
  }
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  writer_stats "$prefix" "$t0" "$t1"
  if [[ -z "$mig" ]]; then
    grep -qx "UPDATE $rows" "$log" || die "the single UPDATE did not report $rows rows: $(tail -n 3 "$log")"
  else
    local done_rows finished
    IFS='|' read -r done_rows strata_batches finished <<<"$(sql_at "$db" \
      "SELECT rows_done, batches, finished FROM strata_schema_history_backfill")"
    [[ "$done_rows" == "$rows" && "$finished" == t ]] ||
      die "strata's backfill recorded $done_rows rows (finished: $finished), expected $rows"
    local state
    state="$(sql_at "$db" "SELECT state FROM strata_schema_history WHERE phase = 'migrate'")"
    [[ "$state" == applied ]] || die "strata's migrate phase is in state '$state', not applied"
    strata_retries="$(grep -c 'hit a conflict' "$log" || true)"
  fi
  check_rows "$db" "$name"
  sql_admin "DROP DATABASE $db"
}

contenders=(single)
for b in "${batch_list[@]}"; do contenders+=("strata_$b"); done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
t_start=$EPOCHREALTIME
declare -A times=() wmax=() wp99=() wover=() wn=() wtps=() sbatches=() sretries=() avac=()
for ((r = 1; r <= rounds; r++)); do
  for c in "${contenders[@]}"; do
    say "round $r/$rounds  $c: running"
    measure "$c" "$r"
    times[$c]+="$elapsed "
    # Worst over the rounds for the writer's figures; sums for counts.
    wmax[$c]=$(awk -v a="${wmax[$c]:-0}" -v b="$w_max" 'BEGIN { print (b > a) ? b : a }')
    wp99[$c]=$(awk -v a="${wp99[$c]:-0}" -v b="$w_p99" 'BEGIN { print (b > a) ? b : a }')
    wover[$c]=$((${wover[$c]:-0} + w_over))
    wn[$c]=$((${wn[$c]:-0} + w_n))
    wtps[$c]+="$w_tps "
    avac[$c]+="${avac[$c]:+, }$autovac"
    if [[ "$c" == strata_* ]]; then
      sbatches[$c]=$strata_batches
      sretries[$c]=$((${sretries[$c]:-0} + strata_retries))
    fi
    say "round $r/$rounds  $c: ${elapsed} s, $(awk -v n="$rows" -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }') rows/s;" \
      "writer: $w_n tx, max ${w_max} ms, p99 ${w_p99} ms, $w_over over ${wait_goal_ms} ms; autovacuum done / running: $autovac"
  done
done
total_s=$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
  if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A med=() rate=()
for c in "${contenders[@]}"; do
  med[$c]=$(median <<<"${times[$c]}")
  rate[$c]=$(awk -v n="$rows" -v s="${med[$c]}" 'BEGIN { printf "%.0f", n / s }')
done

# ---------------------------------------------------------------- report
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
yes_no() { awk "BEGIN { print (($1) ? \"met\" : \"**not met**\") }"; }
# 1234567 -> 1,234,567
group() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s }'; }

cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem_gib="$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
if ((writer_rate > 0)); then
  writer_desc="pgbench, 1 client, --rate $writer_rate tx/s"
else
  writer_desc="pgbench, 1 client, unthrottled"
fi
knobs=""
[[ -n "${ROWS:-}" ]] && knobs+="ROWS=$ROWS "
[[ -n "${BATCHES:-}" ]] && knobs+="BATCHES=\"$BATCHES\" "
[[ -n "${BATCH:-}" ]] && knobs+="BATCH=$BATCH "
[[ -n "${ROUNDS:-}" ]] && knobs+="ROUNDS=$ROUNDS "
[[ -n "${WRITER_RATE:-}" ]] && knobs+="WRITER_RATE=$WRITER_RATE "

echo "## strata benchmark: backfilling $(group "$rows") rows with a concurrent writer"
echo
echo "strata $strata_version ($source_desc), PostgreSQL $pg_version; $rounds round(s)," \
  "each run on a fresh copy of the same table ($table_size), after VACUUM ANALYZE and CHECKPOINT;" \
  "benchmark took ${total_s} s; load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "Command: \`${knobs}bench/backfill_bench.sh\`"
echo
echo "The change: \`$single_sql\` (one statement in psql) against strata's" \
  "\`-- strata:backfill table=users key=id batch=N\` with the same UPDATE bounded by" \
  "\`id > :lo AND id <= :hi AND email_verified IS NULL\` (\`strata up --phase migrate\`)." \
  "Writer during each run: $writer_desc, each transaction" \
  "\`UPDATE users SET confirmed_at = now() WHERE id = :id\` on a random id;" \
  "its figures cover the transactions that overlapped the contender's run" \
  "(transaction time, the schedule lag of --rate not counted)."
echo
echo "| contender | rows/s | vs single UPDATE | wall s | writer tx (tx/s) | writer max ms | writer p99 ms | writer tx over $wait_goal_ms ms | batches | autovacuum done / running | all rounds (s) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for c in "${contenders[@]}"; do
  if [[ "$c" == single ]]; then
    label="single \`UPDATE\` (psql)"
    nb="1"
  else
    b="${c#strata_}"
    label="strata backfill, batch=$b"
    [[ "$b" == "$batch" ]] && label+=" (judged)"
    nb="${sbatches[$c]}"
    ((${sretries[$c]} > 0)) && nb+=" (${sretries[$c]} retries)"
  fi
  echo "| $label | $(group "${rate[$c]}") | $(calc %.2fx "${rate[$c]} / ${rate[single]}") | ${med[$c]} |" \
    "${wn[$c]} ($(median <<<"${wtps[$c]}" | awk '{ printf "%.0f", $1 }')) | ${wmax[$c]} | ${wp99[$c]} | ${wover[$c]} | $nb | ${avac[$c]} | ${times[$c]% } |"
done
echo
ratio=$(calc %.3f "${rate[strata_$batch]} / ${rate[single]}")
echo "| goal (strata at batch=$batch) | measured | |"
echo "| --- | --- | --- |"
echo "| throughput at least half the single UPDATE's | $(group "${rate[strata_$batch]}") vs" \
  "$(group "${rate[single]}") rows/s: ${ratio}x | $(yes_no "$ratio >= 0.5") |"
echo "| no writer wait over $wait_goal_ms ms during the backfill | longest ${wmax[strata_$batch]} ms" \
  "(p99 ${wp99[strata_$batch]} ms; during the single UPDATE: ${wmax[single]} ms) |" \
  "$(yes_no "${wmax[strata_$batch]} <= $wait_goal_ms") |"
echo
echo "Machine: $(nproc) cores (nproc), CPU \"$cpu_model\", $mem_gib GiB of memory, Linux $(uname -r)." \
  "PostgreSQL: fsync=${pg_setting[fsync]} (scripts/pg_cluster.sh starts its throwaway clusters" \
  "with fsync off), synchronous_commit=${pg_setting[synchronous_commit]}," \
  "shared_buffers=${pg_setting[shared_buffers]}, max_wal_size=${pg_setting[max_wal_size]}," \
  "wal_level=${pg_setting[wal_level]}, autovacuum=${pg_setting[autovacuum]}; 127.0.0.1 over TCP."
say "done"
