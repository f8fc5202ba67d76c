#!/usr/bin/env bash
# Benchmark: how long a writer stalls behind a DDL that waits for its lock. A
# "blocker" session keeps taking ACCESS SHARE on a table for BLOCK_S seconds at a
# time (a long read transaction), a writer (pgbench, one client, single-row
# UPDATEs) runs, and the contender adds a column to the same table. While the
# ALTER TABLE waits in the lock queue for its ACCESS EXCLUSIVE lock, the writer's
# UPDATEs queue behind it; the writer's longest wait is what the table shows,
# side by side in the same run, for:
#   psql          ALTER TABLE without a lock_timeout (the floor: the writer waits
#                 as long as the blocker holds its lock)
#   strata 2000   strata up with [run] ddl_lock_timeout_ms = 2000 (the old default)
#   strata 400    strata up with [run] ddl_lock_timeout_ms = 400 (the new default:
#                 below pgroll's 500 ms, as the server takes some milliseconds to
#                 wake the queued writer once the ALTER gives up)
# Each strata run sets lock_retries and retry_backoff_ms explicitly too, so the
# figures do not depend on the binary's defaults.
#
#   bench/ddl_lock_bench.sh            prints a Markdown report on stdout
#
# Knobs (environment):
#   ROWS=100000           rows in the accounts table
#   ROUNDS=3              interleaved rounds of (psql, strata 2000, strata 400);
#                         median contender time, worst writer figures
#   WRITER_RATE=200       writer transactions per second (pgbench --rate)
#   BLOCK_S=3             seconds the blocker holds ACCESS SHARE each time
#   GAP_S=0.5             seconds between two of the blocker's transactions
#   LOCK_RETRIES=15       strata's [run] lock_retries
#   RETRY_BACKOFF_MS=200  strata's [run] retry_backoff_ms (first backoff; doubles,
#                         up to 10 s, with jitter)
#   BENCH_PORT=26000      first port to try for the throwaway cluster
#   STRATA_BIN=PATH       use this binary instead of building build-bench/ in Release
#   KEEP=DIR              copy the logs (psql, strata, blocker, pgbench
#                         per-transaction) to DIR
#
# Every run starts from an identical copy of one generated table (CREATE DATABASE
# ... TEMPLATE), with the blocker and the writer started afresh; the contender
# starts within 150 ms of the blocker taking its lock, so that every contender
# meets the same situation. Needs root (the cluster runs as a system user created
# by scripts/pg_cluster.sh). Progress goes to stderr; everything it starts is
# stopped and removed on exit.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${ROWS:-100000}"
rounds="${ROUNDS:-3}"
writer_rate="${WRITER_RATE:-200}"
block_s="${BLOCK_S:-3}"
gap_s="${GAP_S:-0.5}"
lock_retries="${LOCK_RETRIES:-15}"
retry_backoff_ms="${RETRY_BACKOFF_MS:-200}"
first_port="${BENCH_PORT:-26000}"
pgbin=/usr/lib/postgresql/15/bin
# The goal: no writer wait over 500 ms, the writer's whole transaction (its
# UPDATE's own time and the machine's scheduling included), with no margin.
wait_goal_ms=500
margin_ms=0
# The strata contenders: ddl_lock_timeout_ms of each, the old default first.
timeouts=(2000 400)
judged_timeout=400

say() { echo "[ddl-lock-bench] $*" >&2; }
die() { echo "[ddl-lock-bench] error: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# ---------------------------------------------------------------- clean-up
tmp=""
cluster_started=0
writer_pid=""
blocker_pid=""
# Ends a background process of ours (by its pid) and reaps it.
end_process() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  set +e
  end_process "$writer_pid"
  end_process "$blocker_pid"
  remove_workdir logs
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ $(id -u) -eq 0 ]] || die "run as root (scripts/pg_cluster.sh and install_deps.sh need it)"
for v in rows rounds writer_rate lock_retries retry_backoff_ms; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "${v^^} must be a positive integer"
done
for v in block_s gap_s; do
  [[ "${!v}" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "${v^^} must be a number of seconds"
done
((rows >= 100)) || die "ROWS must be at least 100"
awk -v b="$block_s" 'BEGIN { exit !(b >= 0.5) }' || die "BLOCK_S must be at least 0.5"
awk -v g="$gap_s" 'BEGIN { exit !(g >= 0.05) }' || die "GAP_S must be at least 0.05"

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
# Read-only: with GIT_OPTIONAL_LOCKS=0, status does not refresh the index.
source_rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(GIT_OPTIONAL_LOCKS=0 git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  source_rev+="-dirty"
fi
if [[ -n "${STRATA_BIN:-}" ]]; then
  source_desc="binary from STRATA_BIN; working tree at $source_rev"
else
  source_desc="source $source_rev"
fi

# ---------------------------------------------------------------- work area
tmp="$(mktemp -d "${TMPDIR:-/tmp}/strata-ddl-lock-bench.XXXXXX")"
chmod 755 "$tmp" # the cluster's system user must reach $tmp/pg
mkdir -p "$tmp/logs" "$tmp/migrations"
# Everything from here on runs in $tmp, so that no strata.toml in the caller's
# directory is picked up by strata.
cd "$tmp"

# 001 is applied in the template database, so that strata's history tables exist
# before the timed run; 002 is the migration that is timed.
alter_sql="ALTER TABLE accounts ADD COLUMN note text"
printf -- '-- strata:up\nSELECT 1;\n-- strata:down\nSELECT 1;\n' >"$tmp/migrations/001_baseline.sql"
printf -- '-- strata:up\n%s;\n-- strata:down\nALTER TABLE accounts DROP COLUMN note;\n' "$alter_sql" \
  >"$tmp/migrations/002_accounts_note.sql"

# One configuration per strata contender, every lock setting written out.
for ms in "${timeouts[@]}"; do
  cat >"$tmp/strata_$ms.toml" <<EOF
[run]
ddl_lock_timeout_ms = $ms
lock_retries = $lock_retries
retry_backoff_ms = $retry_backoff_ms
EOF
done

# The writer: one short transaction per run of the script.
cat >"$tmp/writer.sql" <<'EOF'
\set id random(1, :rows)
UPDATE accounts SET balance = balance + 1, updated_at = now() WHERE id = :id;
EOF

# ---------------------------------------------------------------- cluster
start_cluster "$tmp/pg" "$first_port"
base_url="${admin_url%/*}"

sql_at() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 -d "$base_url/$1" -c "$2"; }
sql_admin() { sql_at postgres "$1"; }

pg_version="$(sql_admin 'SHOW server_version')"
declare -A pg_setting=()
for s in fsync synchronous_commit shared_buffers deadlock_timeout lock_timeout autovacuum; do
  pg_setting[$s]="$(sql_admin "SHOW $s")"
done

# ---------------------------------------------------------------- the table
say "generating $rows rows into the template database"
sql_admin "CREATE DATABASE bench_template"
sql_at bench_template "CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  balance bigint NOT NULL,
  owner text NOT NULL,
  updated_at timestamptz NOT NULL
)"
sql_at bench_template "INSERT INTO accounts (id, balance, owner, updated_at)
SELECT g, g % 10000, md5(g::text), timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second'
FROM generate_series(1, $rows) AS g"
sql_at bench_template "VACUUM ANALYZE accounts"
"$strata" --url "$base_url/bench_template" --dir "$tmp/migrations" up --to 001 \
  >"$tmp/logs/template_strata.log" 2>&1 || {
  cat "$tmp/logs/template_strata.log" >&2
  die "strata up --to 001 failed on the template database"
}
table_size="$(sql_at bench_template "SELECT pg_size_pretty(pg_relation_size('accounts')) || ' table, ' ||
  pg_size_pretty(pg_indexes_size('accounts')) || ' primary key'")"
say "generated ($table_size)"

# ---------------------------------------------------------------- background sessions
# Starts the writer on database $1, logging each transaction under prefix $2.
start_writer() {
  local db=$1 prefix=$2
  PGAPPNAME=strata-bench-writer "$pgbench_bin" -n -c 1 -j 1 -T 86400 --rate "$writer_rate" \
    -D rows="$rows" -f "$tmp/writer.sql" --log --log-prefix="$prefix" "$base_url/$db" \
    >"$prefix.out" 2>&1 &
  writer_pid=$!
  wait_for_session strata-bench-writer "$db" "$writer_pid" "$prefix.out"
}

# Waits until application $1 has a session on database $2 (process $3, log $4).
wait_for_session() {
  local app=$1 db=$2 pid=$3 out=$4 i
  for ((i = 0; i < 100; i++)); do
    [[ "$(sql_admin "SELECT count(*) FROM pg_stat_activity
      WHERE application_name = '$app' AND datname = '$db'")" == 1 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; die "$app did not start"; }
    sleep 0.1
  done
  die "$app did not connect"
}

# Ends the sessions of application $1: their clients then stop (pgbench writes
# out its log and exits with status 2, "Run was aborted"; psql exits with 2).
terminate_sessions() {
  sql_admin "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE application_name = '$1'" >/dev/null
}

stop_writer() {
  terminate_sessions strata-bench-writer
  local rc=0
  wait "$writer_pid" || rc=$?
  writer_pid=""
  ((rc == 0 || rc == 2)) || { cat "$1.out" >&2; die "the writer failed (exit $rc)"; }
  grep -q 'number of failed transactions: 0 ' "$1.out" ||
    say "warning: the writer reports failed transactions: $(grep 'failed transactions' "$1.out")"
}

# The blocker on database $1 (output to $2): one psql session that reads an
# endless script (yes blocks while the pipe is full) of transactions that take
# ACCESS SHARE on accounts and keep it for BLOCK_S seconds, GAP_S apart.
start_blocker() {
  local db=$1 out=$2
  yes "BEGIN; SELECT count(*) FROM accounts; SELECT pg_sleep($block_s); COMMIT; SELECT pg_sleep($gap_s);" |
    PGAPPNAME=strata-bench-blocker "$psql_bin" -X -q -At -d "$base_url/$db" >"$out" 2>&1 &
  blocker_pid=$!
  wait_for_session strata-bench-blocker "$db" "$blocker_pid" "$out"
}

stop_blocker() {
  terminate_sessions strata-bench-blocker
  end_process "$blocker_pid"
  blocker_pid=""
}

# Returns when the blocker on database $1 has just taken its lock: it holds
# ACCESS SHARE on accounts and its pg_sleep began less than 150 ms ago. Waits on
# the server (10 ms steps), at most three of the blocker's cycles.
wait_for_fresh_hold() {
  local db=$1 limit_ms
  limit_ms=$(awk -v b="$block_s" -v g="$gap_s" 'BEGIN { printf "%d", 3000 * (b + g) + 1000 }')
  PGOPTIONS="-c statement_timeout=$limit_ms" sql_at "$db" "DO \$\$
BEGIN
  LOOP
    PERFORM pg_stat_clear_snapshot();
    EXIT WHEN EXISTS (
      SELECT FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
      WHERE a.application_name = 'strata-bench-blocker' AND a.state = 'active'
        AND a.query LIKE 'SELECT pg_sleep%' AND l.relation = 'accounts'::regclass
        AND l.mode = 'AccessShareLock' AND l.granted
        AND clock_timestamp() - a.query_start < interval '150 ms');
    PERFORM pg_sleep(0.01);
  END LOOP;
END
\$\$" || die "the blocker did not take its lock within $limit_ms ms"
}

# ---------------------------------------------------------------- writer statistics
# Statistics of the last run (ms), set by writer_stats.
w_n=0 w_max=0 w_p99=0 w_over=0

# Statistics of the writer's transactions that overlapped the window [$2, $3]
# (epoch seconds), from pgbench's per-transaction log (prefix $1). A line is
# client_id transaction_no time script_no time_epoch time_us schedule_lag; time
# (us) ends at time_epoch.time_us and, with --rate, counts from the scheduled
# start, so the schedule lag is taken off: what is left is the time the
# transaction took, its wait for locks included.
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
    }' "$log" | sort -g | awk -v goal="$wait_goal_ms" '
    { v[NR] = $1; if ($1 > goal) over++ }
    END {
      if (NR == 0) { print "0 0 0 0"; exit }
      k = int(NR * 0.99); if (k < NR * 0.99) k++; if (k < 1) k = 1
      printf "%d %.1f %.1f %d\n", NR, v[NR], v[k], over + 0
    }')"
  read -r w_n w_max w_p99 w_over <<<"$out"
}

# ---------------------------------------------------------------- one run
elapsed="" rc=0 retries=0
# Runs contender $1 (psql, or strata_MS) in round $2 on a fresh copy of the table,
# with the blocker and the writer running; sets elapsed, rc, retries and the
# writer statistics.
measure() {
  local name=$1 round=$2 db="run_${1}_r$2"
  local log="$tmp/logs/${name}_r$round.log" prefix="$tmp/logs/writer_${name}_r$round"
  sql_admin "CREATE DATABASE $db TEMPLATE bench_template"
  sql_admin "CHECKPOINT"
  start_writer "$db" "$prefix"
  sleep 1 # the writer settles before the blocker and the contender start
  start_blocker "$db" "$tmp/logs/blocker_${name}_r$round.log"
  wait_for_fresh_hold "$db"
  local t0=$EPOCHREALTIME
  rc=0
  if [[ "$name" == psql ]]; then
    "$psql_bin" -X -v ON_ERROR_STOP=1 -d "$base_url/$db" -c "$alter_sql" >"$log" 2>&1 || rc=$?
  else
    "$strata" --config "$tmp/$name.toml" --url "$base_url/$db" --dir "$tmp/migrations" up \
      >"$log" 2>&1 || rc=$?
  fi
  local t1=$EPOCHREALTIME
  sleep 1 # the writer's transaction that was blocked until the end completes and is logged
  stop_blocker
  stop_writer "$prefix"
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  writer_stats "$prefix" "$t0" "$t1"
  retries="$(grep -c 'lock not granted within the lock timeout' "$log" || true)"

  # The exit code must tell the truth: the column is there exactly when it says so.
  local has_note
  has_note="$(sql_at "$db" "SELECT count(*) FROM pg_attribute
    WHERE attrelid = 'accounts'::regclass AND attname = 'note' AND NOT attisdropped")"
  if ((rc == 0)); then
    [[ "$has_note" == 1 ]] || die "$name exited 0 in round $round, but accounts has no column note"
    if [[ "$name" != psql ]]; then
      local state
      state="$(sql_at "$db" "SELECT state FROM strata_schema_history WHERE version = '002'")"
      [[ "$state" == applied ]] || die "$name: migration 002 is in state '$state', not applied"
    fi
  else
    [[ "$has_note" == 0 ]] || die "$name exited $rc in round $round, but accounts has the column note"
    say "round $round  $name: the ALTER failed (exit $rc): $(tail -n 1 "$log")"
  fi
  sql_admin "DROP DATABASE $db"
}

contenders=(psql)
for ms in "${timeouts[@]}"; do contenders+=("strata_$ms"); done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
t_start=$EPOCHREALTIME
declare -A times=() oks=() rcs=() retr=() wmax=() wmaxes=() wp99=() wover=() wn=()
for ((r = 1; r <= rounds; r++)); do
  for c in "${contenders[@]}"; do
    say "round $r/$rounds  $c: running"
    measure "$c" "$r"
    times[$c]+="$elapsed "
    ((rc == 0)) && oks[$c]=$((${oks[$c]:-0} + 1))
    rcs[$c]+="${rcs[$c]:+ }$rc"
    retr[$c]+="${retr[$c]:+ }$retries"
    # Worst over the rounds for the writer's figures; sums for counts.
    wmax[$c]=$(awk -v a="${wmax[$c]:-0}" -v b="$w_max" 'BEGIN { print (b > a) ? b : a }')
    wmaxes[$c]+="${wmaxes[$c]:+ }$w_max"
    wp99[$c]=$(awk -v a="${wp99[$c]:-0}" -v b="$w_p99" 'BEGIN { print (b > a) ? b : a }')
    wover[$c]=$((${wover[$c]:-0} + w_over))
    wn[$c]=$((${wn[$c]:-0} + w_n))
    say "round $r/$rounds  $c: exit $rc, ${elapsed} s, $retries lock retries;" \
      "writer: $w_n tx, max ${w_max} ms, p99 ${w_p99} ms, $w_over over ${wait_goal_ms} ms"
  done
done
total_s=$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
  if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---------------------------------------------------------------- report
# 1234567 -> 1,234,567
group() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s }'; }
cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem_gib="$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
knobs=""
for k in ROWS ROUNDS WRITER_RATE BLOCK_S GAP_S LOCK_RETRIES RETRY_BACKOFF_MS; do
  [[ -n "${!k:-}" ]] && knobs+="$k=${!k} "
done

echo "## strata benchmark: DDL lock waits under a writer"
echo
echo "strata $strata_version ($source_desc), PostgreSQL $pg_version; $rounds interleaved round(s)," \
  "each run on a fresh copy of the same table ($(group "$rows") rows: $table_size);" \
  "benchmark took ${total_s} s; load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)" \
  "on $(nproc) cores."
echo
echo "Command: \`${knobs}bench/ddl_lock_bench.sh\`"
echo
echo "The change: \`$alter_sql\`. Blocker: one psql session repeating" \
  "\`BEGIN; SELECT count(*) FROM accounts; SELECT pg_sleep($block_s); COMMIT; SELECT pg_sleep($gap_s);\`" \
  "(ACCESS SHARE held ${block_s} s, ${gap_s} s apart); the contender starts within 150 ms of the blocker" \
  "taking its lock. Writer: pgbench, 1 client, --rate $writer_rate tx/s," \
  "\`UPDATE accounts SET balance = balance + 1, updated_at = now() WHERE id = :id\` on a random id;" \
  "its figures cover the transactions that overlapped the contender's run" \
  "(transaction time, the schedule lag of --rate not counted)." \
  "strata: \`strata up\` with \`[run] ddl_lock_timeout_ms\` as shown," \
  "\`lock_retries = $lock_retries\`, \`retry_backoff_ms = $retry_backoff_ms\`" \
  "(first backoff; doubling up to 10 s, with up to 50% jitter)."
echo
echo "| contender | ALTER ok | exit codes | contender s (median) | lock retries per round | writer tx | writer max ms (worst) | writer p99 ms (worst) | writer tx over $wait_goal_ms ms | writer max per round (ms) | contender s per round |"
echo "| --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |"
for c in "${contenders[@]}"; do
  if [[ "$c" == psql ]]; then
    label="psql, no lock_timeout (floor)"
    retries_col="-"
  else
    label="strata up, ddl_lock_timeout_ms = ${c#strata_}"
    retries_col="${retr[$c]}"
  fi
  echo "| $label | ${oks[$c]:-0}/$rounds | ${rcs[$c]} | $(median <<<"${times[$c]}") | $retries_col |" \
    "${wn[$c]} | ${wmax[$c]} | ${wp99[$c]} | ${wover[$c]} | ${wmaxes[$c]} | ${times[$c]% } |"
done
echo
j="strata_$judged_timeout"
verdict="$(awk -v m="${wmax[$j]}" -v g="$wait_goal_ms" -v k="$margin_ms" 'BEGIN {
  if (m <= g) print "met"
  else if (m <= g + k) printf "met within the margin (%.1f ms over %d)\n", m - g, g
  else print "**not met**" }')"
((${oks[$j]:-0} == rounds)) || verdict="**not met** (the ALTER failed in $((rounds - ${oks[$j]:-0})) round(s))"
echo "| goal (strata, ddl_lock_timeout_ms = $judged_timeout) | measured | |"
echo "| --- | --- | --- |"
echo "| the writer waits at most $wait_goal_ms ms (+ $margin_ms ms for its own UPDATE and the machine's scheduling), and the ALTER succeeds | longest ${wmax[$j]} ms" \
  "(p99 ${wp99[$j]} ms; at 2000 ms: ${wmax[strata_2000]} ms; psql: ${wmax[psql]} ms);" \
  "ALTER ok ${oks[$j]:-0}/$rounds | $verdict |"
echo
echo "Machine: $(nproc) cores (nproc), CPU \"$cpu_model\", $mem_gib GiB of memory, Linux $(uname -r)." \
  "PostgreSQL: fsync=${pg_setting[fsync]} (scripts/pg_cluster.sh), synchronous_commit=${pg_setting[synchronous_commit]}," \
  "shared_buffers=${pg_setting[shared_buffers]}, deadlock_timeout=${pg_setting[deadlock_timeout]}," \
  "lock_timeout=${pg_setting[lock_timeout]} (server default), autovacuum=${pg_setting[autovacuum]}; 127.0.0.1 over TCP."
say "done"
