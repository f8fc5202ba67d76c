#!/usr/bin/env bash
# Crash-safety experiment: strata promises that each migration is applied exactly
# once whatever happens to a run (the runner killed with SIGKILL at any point, the
# server crashing, the runner's sessions terminated, many runners at once) and that
# rerunning `strata up` finishes the job with no manual repair. This script breaks
# runs in those ways on purpose, reruns them, and after every run checks invariants
# against the state a clean run leaves. It never runs `strata repair`: a run that
# cannot be finished without one counts as a failure, and so does every other
# broken invariant, each kept with its logs.
#
#   bench/faults.sh          prints a Markdown report on stdout; exit 1 if an invariant failed
#   SHORT=1 bench/faults.sh  the CI size: a few runs of each experiment, under 2 minutes
#                            on 2 cores (plus up to strata's 60 s lock timeout per stalled
#                            runners round)
#
# Experiments (EXPERIMENTS), each run on a fresh empty database; T is a clean up's time:
#   kill      up killed -9 after a random delay in [0, T), then up rerun until it exits
#             0 (at most 3 reruns; each but the last killed too with probability 1/3)
#   stop      the server stopped with pg_ctl -m immediate during up, started again, up
#             rerun until it exits 0 (at most 3 reruns)                       (PostgreSQL)
#   terminate pg_terminate_backend on the runner's migration session (application_name
#             'strata') during up, up rerun until it exits 0                  (PostgreSQL)
#   lockterm  the same on its lock session ('strata lock'), a second up started at once,
#             both waited for, then up rerun once, which must exit 0         (PostgreSQL)
#   runners   RUNNERS ups started at once, every one must exit 0; the time until the last
#             one that applied a migration exits, against a lone run's (goal: at most 1.2x;
#             reported, not an invariant)
#   downkill  all applied, then down --steps N (N random) killed -9 at a random point,
#             down rerun with the same arguments until it exits 0, then up to the end
# Invariants after every run: the final up exits 0 and no strata run hangs; validate
# exits 0; status shows every migration applied; the history table holds each version
# exactly once, in state applied; each user table's row count and checksum, and the
# `strata schema dump` output, equal the clean run's; PostgreSQL: no INVALID index.
# The series (bench/faults/make_series.sh) is checked first: a clean up, down --all and
# up again must give the reference state back, so that a failure is strata's.
#
# Knobs (environment):
#   SEED=<random>       seeds $RANDOM: the delays, N, which reruns are killed (printed;
#                       a run's choices replay with it, its timing cannot)
#   KILLS=200           kill runs per database                  (SHORT=1: 6)
#   STOPS=30            server stop runs                        (SHORT=1: 2)
#   TERMS=30            migration-session terminate runs        (SHORT=1: 2)
#   LOCKTERMS=10        lock-session terminate runs             (SHORT=1: 1)
#   ROUNDS=10           rounds of concurrent runners per database (SHORT=1: 1)
#   RUNNERS=16          runners per round                       (SHORT=1: 8)
#   DOWNKILLS=20        down kill runs per database             (SHORT=1: 3)
#   INSERT_ROWS=300000  rows of the series' no-transaction insert (SHORT=1: 30000)
#   BACKFILL_ROWS=200000  rows of the series' batched backfill (SHORT=1: 20000)
#   SHORT=1             the sizes above for CI
#   DBS="postgres sqlite"
#   EXPERIMENTS="kill stop terminate lockterm runners downkill"
#   STEP_TIMEOUT=300    seconds after which a strata run counts as hung (killed; a failure)
#   STRATA_BIN=PATH     the binary to test (default: build/cli/strata)
#   KEEP=DIR            each failed run's logs go to DIR/N/ (default: failures/N/ in the
#                       work directory, which is then kept, and named in the report)
#
# Needs root (the cluster runs as a system user created by scripts/pg_cluster.sh).
# Progress goes to stderr; everything it starts is stopped and removed on exit, but
# for the failed runs' logs.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
pgbin=/usr/lib/postgresql/15/bin

say() { echo "[faults] $*" >&2; }
die() { echo "[faults] error: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# ---------------------------------------------------------------- knobs
short="${SHORT:-0}"
[[ "$short" == 0 || "$short" == 1 ]] || die "SHORT must be 0 or 1"
sized() { if ((short)); then echo "$2"; else echo "$1"; fi; }
kills="${KILLS:-$(sized 200 6)}"
stops="${STOPS:-$(sized 30 2)}"
terms="${TERMS:-$(sized 30 2)}"
lockterms="${LOCKTERMS:-$(sized 10 1)}"
rounds="${ROUNDS:-$(sized 10 1)}"
runners="${RUNNERS:-$(sized 16 8)}"
downkills="${DOWNKILLS:-$(sized 20 3)}"
insert_rows="${INSERT_ROWS:-$(sized 300000 30000)}"
backfill_rows="${BACKFILL_ROWS:-$(sized 200000 20000)}"
step_timeout="${STEP_TIMEOUT:-300}"
dbs="${DBS:-postgres sqlite}"
experiments="${EXPERIMENTS:-kill stop terminate lockterm runners downkill}"
seed="${SEED:-$((SRANDOM % 1000000))}"

for v in kills stops terms lockterms rounds downkills; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "${v^^} must be a non-negative integer"
done
for v in runners insert_rows backfill_rows step_timeout; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "${v^^} must be a positive integer"
done
[[ "$seed" =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer"
for d in $dbs; do
  [[ "$d" == postgres || "$d" == sqlite ]] || die "DBS: '$d' is neither postgres nor sqlite"
done
for e in $experiments; do
  [[ " kill stop terminate lockterm runners downkill " == *" $e "* ]] || die "EXPERIMENTS: no experiment '$e'"
done
[[ -n "${dbs// /}" && -n "${experiments// /}" ]] || die "DBS and EXPERIMENTS must name something"
[[ " $dbs " == *" postgres "* ]] && use_pg=1 || use_pg=0
RANDOM=$seed

# ---------------------------------------------------------------- clean-up
tmp=""
cluster_started=0
declare -A watchdog=() started_us=() run_name=() # by pid of a running strata
cleanup() {
  local rc=$? p
  set +e
  { # stderr off: no "Killed" notices from bash
    for p in "${!watchdog[@]}"; do
      kill -9 "$p" "${watchdog[$p]}"
      wait "$p" "${watchdog[$p]}"
    done
  } 2>/dev/null
  if ((cluster_started)); then
    "$root/scripts/pg_cluster.sh" stop "$tmp/pg" >/dev/null 2>&1 ||
      say "warning: could not stop the cluster in $tmp/pg"
  fi
  if [[ -n "$tmp" && -d "$tmp" ]]; then
    if [[ -z "${KEEP:-}" && -d "$tmp/failures" ]]; then
      find "$tmp" -mindepth 1 -maxdepth 1 ! -name failures -exec rm -rf {} +
      say "kept the failed runs' logs in $tmp/failures"
    else
      rm -rf "$tmp"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ $(id -u) -eq 0 ]] || die "run as root (scripts/pg_cluster.sh needs it)"

# ---------------------------------------------------------------- dependencies
declare -A tool_pkg=([sqlite3]=sqlite3)
if ((use_pg)); then
  tool_pkg["$pgbin/postgres"]=postgresql-15
  tool_pkg["$pgbin/psql"]=postgresql-client-15
fi
install_missing_tools
psql_bin="$pgbin/psql" # the real one (/usr/bin/psql is Debian's Perl wrapper)

strata="${STRATA_BIN:-$root/build/cli/strata}"
strata="$(realpath -e "$strata" 2>/dev/null)" || die "no strata binary at ${STRATA_BIN:-$root/build/cli/strata}"
[[ -x "$strata" ]] || die "$strata is not executable"
strata_version="$("$strata" --version)"
source_rev="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"

# ---------------------------------------------------------------- work area
if [[ -n "${KEEP:-}" ]]; then
  mkdir -p "$KEEP"
  fail_root="$(cd "$KEEP" && pwd)"
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/strata-faults.XXXXXX")"
chmod 755 "$tmp" # the cluster's system user must reach $tmp/pg
fail_root="${fail_root:-$tmp/failures}"
# strata runs from here, so that no strata.toml of the caller's directory is read.
cd "$tmp"
# The watchdogs wait on a FIFO that nobody writes to: `read -t` is a builtin, so a
# watchdog is one subshell, killed with its pid, and leaves no sleep behind.
mkfifo "$tmp/never"
exec 9<>"$tmp/never"

for d in $dbs; do
  "$root/bench/faults/make_series.sh" "$d" "$tmp/series/$d" "$insert_rows" "$backfill_rows"
done
first_series="$tmp/series/${dbs%% *}"
count=$(find "$first_series" -maxdepth 1 -name '[0-9]*.sql' | wc -l)
notx=$(grep -l '^-- strata:no-transaction' "$first_series"/[0-9]*.sql | wc -l)
own_blocks=$(grep -l '^BEGIN;' "$first_series"/[0-9]*.sql | wc -l)
# What the history must hold at the end of every run.
ref_history="$(find "$first_series" -maxdepth 1 -name '[0-9]*.sql' | sed 's|.*/||; s|_.*| applied|' | sort)"

# ---------------------------------------------------------------- PostgreSQL
admin_url="" base_url="" port=""
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Starts the throwaway cluster on a random free port in 21000-29999 (5 tries).
start_pg() {
  local try
  for ((try = 1; try <= 5; try++)); do
    port=$((21000 + SRANDOM % 9000)) # SRANDOM: the seeded $RANDOM stays for the experiments
    port_busy "$port" && continue
    say "starting PostgreSQL 15 on 127.0.0.1:$port"
    cluster_started=1
    if admin_url="$("$root/scripts/pg_cluster.sh" start "$tmp/pg" "$port")"; then
      base_url="${admin_url%/*}"
      return 0
    fi
    tail -n 5 "$tmp/pg/server.log" >&2 2>/dev/null || true
    "$root/scripts/pg_cluster.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
    cluster_started=0
  done
  die "could not start PostgreSQL on a random port in 21000-29999 (5 tries)"
}
pg_owner() { su strata-pg -s /bin/bash -c "$1"; }
# The crash of the stop experiment, and the start with scripts/pg_cluster.sh's options.
server_stop() { pg_owner "$pgbin/pg_ctl -D '$tmp/pg/data' -m immediate -w stop" >/dev/null; }
server_start() {
  pg_owner "$pgbin/pg_ctl -D '$tmp/pg/data' -l '$tmp/pg/server.log' -w -t 60 \
    -o \"-p $port -k '$tmp/pg' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" \
    start" >/dev/null
}
pg_admin() { PGOPTIONS='-c client_min_messages=warning' "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 -d "$admin_url" -c "$1"; }
# Ends the sessions of application_name $1 on the experiment's database; prints how many.
pg_terminate() {
  pg_admin "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE application_name = '$1' AND datname = 'faults'"
}

# ---------------------------------------------------------------- the database under test
# use_db NAME sets db, url and series; dbq runs one query there (rows as a|b|c).
db="" url="" series="" sqlite_file="$tmp/db.sqlite"
use_db() {
  db=$1
  series="$tmp/series/$db"
  case "$db" in
    postgres) url="$base_url/faults" ;;
    sqlite) url="sqlite:$sqlite_file" ;;
  esac
}
dbq() {
  case "$db" in
    postgres) "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 -d "$url" -c "$1" ;;
    sqlite) sqlite3 -batch -bail -cmd '.timeout 10000' "$sqlite_file" "$1" ;;
  esac
}
fresh_db() {
  case "$db" in
    postgres)
      pg_admin "DROP DATABASE IF EXISTS faults WITH (FORCE)"
      pg_admin "CREATE DATABASE faults"
      ;;
    sqlite) rm -f "$sqlite_file" "$sqlite_file"-{wal,shm,journal} "$tmp"/*.strata-lock ;;
  esac
}
# Row count and checksum of every user table (strata's own left out), one a line.
fingerprint() {
  local tables t sql=""
  case "$db" in
    postgres)
      mapfile -t tables < <(dbq "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
          AND tablename NOT LIKE 'strata\_schema\_history%' ORDER BY 1")
      for t in "${tables[@]}"; do
        sql+="${sql:+ UNION ALL }SELECT '$t', count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM $t t"
      done
      [[ -z "$sql" ]] || dbq "$sql ORDER BY 1"
      ;;
    sqlite)
      mapfile -t tables < <(dbq "SELECT name FROM sqlite_schema WHERE type = 'table'
          AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'strata\_schema\_history%' ESCAPE '\'
        ORDER BY 1")
      # One query for all tables, its rows split into a file per table (the data
      # holds no newlines), then counted and summed.
      local split="$run/fingerprint"
      rm -rf "$split"
      mkdir -p "$split"
      for t in "${tables[@]}"; do
        : >"$split/$t"
        sql+="SELECT '$t', * FROM \"$t\";"
      done
      [[ -z "$sql" ]] && return 0
      dbq "$sql" | sort | awk -F'|' -v dir="$split" '{ print > (dir "/" $1) }'
      join -t'|' <(cd "$split" && wc -l -- * | awk '$2 != "total" { print $2 "|" $1 }' | sort) \
        <(cd "$split" && md5sum -- * | awk '{ print $2 "|" $1 }' | sort)
      rm -rf "$split"
      ;;
  esac
}

# ---------------------------------------------------------------- randomness, time
rnd=0
# Sets rnd to a random integer in [0, $1) (not in a $(...): the subshell's draws
# would not advance the seeded sequence).
rand_below() { rnd=$(((RANDOM << 15 | RANDOM) % $1)); }
now_us() { echo "${EPOCHREALTIME/./}"; }
sleep_ms() {
  local frac
  printf -v frac '%03d' $(($1 % 1000))
  sleep "$(($1 / 1000)).$frac"
}
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }

# ---------------------------------------------------------------- strata runs
# The run in progress: its logs (one directory, emptied for each run), its steps,
# and the problems found. rc and elapsed_ms describe the last strata run waited for.
run="$tmp/run" run_exp="" run_no=0 run_t0=0 rc=0 elapsed_ms=0 pid=0
problems=() hung=()
step() { echo "$(printf '%7d' $((($(now_us) - run_t0) / 1000))) ms  $*" >>"$run/steps.txt"; }
problem() { problems+=("$1"); }

# Starts strata ARGS in the background on the database under test: stdout in
# $run/NAME.out, stderr in $run/NAME.err; sets pid. A watchdog kills it with -9
# after STEP_TIMEOUT seconds and leaves NAME.hung.
start_strata() {
  local name=$1 t0
  shift
  t0=$(now_us)
  "$strata" --url "$url" --dir "$series" "$@" >"$run/$name.out" 2>"$run/$name.err" 9>&- &
  pid=$!
  started_us[$pid]=$t0
  local target=$pid
  (
    read -r -t "$step_timeout" -u 9 || true
    kill -9 "$target" 2>/dev/null && : >"$run/$name.hung"
  ) &
  watchdog[$pid]=$!
  run_name[$pid]=$name
}
# Bookkeeping once strata run $1 has been waited for with status $2: sets rc and
# elapsed_ms, stops its watchdog, notes a hang.
reaped() {
  local p=$1
  rc=$2
  elapsed_ms=$((($(now_us) - started_us[$p]) / 1000))
  kill "${watchdog[$p]}" 2>/dev/null || true
  wait "${watchdog[$p]}" 2>/dev/null || true
  [[ -e "$run/${run_name[$p]}.hung" ]] && hung+=("${run_name[$p]}")
  unset "watchdog[$p]" "started_us[$p]" "run_name[$p]"
}
wait_strata() {
  local status=0
  wait "$1" 2>/dev/null || status=$? # 2>/dev/null: no "Killed" notice from bash
  reaped "$1" "$status"
}
# strata ARGS in the foreground (still under the watchdog).
run_strata() {
  start_strata "$@"
  wait_strata "$pid"
}
# Kills strata run $1 with -9 after $2 ms and waits for it; rc 137 if the kill landed.
# Sets ended_early when the run had ended by then: bash may have reaped it already,
# so the pid is killed only while /proc shows it as a live strata.
ended_early=0
kill_after() {
  local comm="" state=""
  sleep_ms "$2"
  read -r _ comm state _ 2>/dev/null <"/proc/$1/stat" || true
  # The kernel's comm: the binary's file name, cut to 15 bytes.
  local name
  name="$(basename "$strata")"
  if [[ "$comm" == "(${name:0:15})" && "$state" != Z ]]; then
    ended_early=0
    kill -9 "$1" 2>/dev/null || true
  else
    ended_early=1
  fi
  wait_strata "$1"
}
# strata's last error line in run NAME (else its last line on stderr), for a
# reason; file names relative to the series directory.
last_error() {
  local line
  line="$(grep '^error' "$run/$1.err" 2>/dev/null | tail -n 1)"
  [[ -n "$line" ]] || line="$(tail -n 1 "$run/$1.err" 2>/dev/null)"
  line="${line//"$series/"/}"
  cut -c1-200 <<<"$line"
}
# How strata run NAME ended, for steps.txt: the exit status, the time (after a
# kill_after, only whether it had ended before the kill), the error.
outcome() {
  local out="exit $rc after $elapsed_ms ms"
  ((${2:-0} && ended_early)) && out="exit $rc, ended before the kill"
  ((rc == 0 || rc == 137)) || out+=": $(last_error "$1")"
  echo "$out"
}

# Reruns strata ARGS until it exits 0, at most $max_reruns times; with may_kill=1,
# each rerun but the last is killed -9 after a random delay in [0, T) with
# probability 1/3. Adds a "finish" problem when no rerun exits 0.
max_reruns=3 may_kill=0 reruns_killed=0
rerun_until_ok() {
  local i name
  for ((i = 1; i <= max_reruns; i++)); do
    name="rerun$i-$1"
    start_strata "$name" "$@"
    if ((may_kill && i < max_reruns)) && rand_below 3 && ((rnd == 0)); then
      rand_below "$t_up"
      kill_after "$pid" "$rnd"
      step "rerun $i ($*): kill -9 after $rnd ms: $(outcome "$name" 1)"
      ((rc == 137)) && ((++reruns_killed)) && continue
    else
      wait_strata "$pid"
      step "rerun $i ($*): $(outcome "$name")"
    fi
    ((rc == 0)) && return 0
  done
  problem "finish: $* did not exit 0 in $max_reruns rerun(s) without repair (last: exit $rc, $(last_error "$name"))"
}

# ---------------------------------------------------------------- invariants
# The reference state of each database (from the clean run): fingerprint and schema.
declare -A ref_fp=() t_up_ms=() t_down_ms=()
schema_ref() { echo "$tmp/ref/schema.$db.sql"; }

check_invariants() {
  ((${#hung[@]} == 0)) || problem "hang: ${hung[*]} killed by the watchdog after $step_timeout s"

  run_strata check-validate validate
  ((rc == 0)) || problem "validate: exit $rc: $(cat "$run"/check-validate.{out,err} | grep . | tail -n 1 | cut -c1-200)"

  run_strata check-status status --json
  if ((rc != 0)); then
    problem "status: exit $rc: $(last_error check-status)"
  else
    local states
    states="$(grep -o '"state": *"[^"]*"' "$run/check-status.out" | sed 's/.*"\([^"]*\)"$/\1/' |
      sort | uniq -c | awk '{ printf "%s%d %s", sep, $1, $2; sep = ", " }')"
    [[ "$states" == "$count applied" ]] || problem "status: $states (expected $count applied)"
  fi

  local hist
  if hist="$(dbq "SELECT coalesce(version, '(none)') || ' ' || state FROM strata_schema_history" \
    2>"$run/check-history.err" | sort)"; then
    [[ "$hist" == "$ref_history" ]] ||
      problem "history: $(history_diff <(echo "$ref_history") <(echo "$hist") | cut -c1-250)"
  else
    problem "history: cannot read it: $(tail -n 1 "$run/check-history.err")"
  fi

  local fp
  fp="$(fingerprint 2>"$run/check-data.err")" || problem "data: cannot read it: $(tail -n 1 "$run/check-data.err")"
  echo "$fp" >"$run/fingerprint.txt"
  if [[ "$fp" != "${ref_fp[$db]}" ]]; then
    problem "data: $(awk -F'|' 'NR == FNR { ref[$1] = $2 "|" $3; next }
      { seen[$1] = 1
        if (!($1 in ref)) print $1 " unexpected"
        else if (ref[$1] != $2 "|" $3) { split(ref[$1], r, "|")
          print $1 (r[1] != $2 ? " " $2 " rows (expected " r[1] ")" : " rows differ (same count " $2 ")") } }
      END { for (t in ref) if (!(t in seen)) print t " missing" }' \
      <(echo "${ref_fp[$db]}") <(echo "$fp") | sort | paste -sd';' | cut -c1-250)"
  fi

  run_strata check-schema schema dump
  if ((rc != 0)); then
    problem "schema: dump exit $rc: $(last_error check-schema)"
  elif ! cmp -s "$run/check-schema.out" "$(schema_ref)"; then
    local lines
    lines="$(diff "$(schema_ref)" "$run/check-schema.out" | grep '^[<>]' || true)"
    problem "schema: $(wc -l <<<"$lines") line(s) differ from the clean run's dump, first: $(head -n 1 <<<"$lines" | cut -c1-150)"
  fi

  if [[ "$db" == postgres ]]; then
    local invalid
    invalid="$(dbq "SELECT string_agg(indexrelid::regclass::text, ', ') FROM pg_index WHERE NOT indisvalid")"
    [[ -z "$invalid" ]] || problem "index: INVALID: $invalid"
  fi
}

# How history rows (VERSION STATE, file $2) differ from one applied row per version
# of the series (file $1): "012 running, 013-050 absent, 015 2 rows (applied+applied)".
history_diff() {
  awk 'function flush() {
         if (first != "") { out = out sep (first == last ? first : first "-" last) " absent"; sep = ", " }
         first = ""
       }
       NR == FNR { ref[++n] = $1; known[$1] = 1; next }
       { rows[$1]++; states[$1] = states[$1] (rows[$1] > 1 ? "+" : "") $2 }
       END {
         for (i = 1; i <= n; i++) {
           v = ref[i]
           if (!(v in rows)) { if (first == "") first = v; last = v; continue }
           flush()
           if (rows[v] > 1) { out = out sep v " " rows[v] " rows (" states[v] ")"; sep = ", " }
           else if (states[v] != "applied") { out = out sep v " " states[v]; sep = ", " }
         }
         flush()
         for (v in rows) if (!(v in known)) { out = out sep "unknown " v " (" states[v] ")"; sep = ", " }
         print out
       }' "$1" "$2"
}

# The state of a failed run, for its logs: history, backfill progress, data, schema.
dump_state() {
  {
    echo "## history (strata_schema_history)"
    if [[ "$db" == postgres ]]; then
      "$psql_bin" -X -d "$url" -c "SELECT installed_rank, version, state, success, statements_done, transactional,
        execution_ms, left(error, 200) AS error FROM strata_schema_history ORDER BY installed_rank" 2>&1
      "$psql_bin" -X -d "$url" -c "SELECT * FROM strata_schema_history_backfill" 2>&1
      echo "## sessions on the database"
      "$psql_bin" -X -d "$admin_url" -c "SELECT pid, application_name, state, left(query, 80) AS query
        FROM pg_stat_activity WHERE datname = 'faults'" 2>&1
    else
      sqlite3 -header -column "$sqlite_file" "SELECT installed_rank, version, state, success, statements_done,
        transactional, execution_ms, substr(error, 1, 200) AS error FROM strata_schema_history
        ORDER BY installed_rank" 2>&1
      sqlite3 -header -column "$sqlite_file" "SELECT * FROM strata_schema_history_backfill" 2>&1
      ls -la "$sqlite_file"* 2>&1 || true
    fi
    echo "## data: reference | this run"
    diff <(echo "${ref_fp[$db]}") "$run/fingerprint.txt" || true
    echo "## schema dump: diff reference this run"
    diff -u "$(schema_ref)" "$run/check-schema.out" | head -n 200 || true
  } >"$run/state.txt" 2>&1
}

# ---------------------------------------------------------------- tallies
declare -A runs=() failed=() time_ms=() notes=() by_invariant=()
failures=0
failure_list=()
begin_run() {
  run_exp=$1 run_no=$2
  rm -rf "$run"
  mkdir -p "$run"
  : >"$run/steps.txt"
  problems=() hung=()
  reruns_killed=0
  run_t0=$(now_us)
  step "$run_exp run $run_no on $db (seed $seed)"
  fresh_db
}
# Checks the invariants, counts the run, keeps its logs when it failed.
end_run() {
  check_invariants
  local key="$run_exp|$db" p
  runs[$key]=$((${runs[$key]:-0} + 1))
  time_ms[$key]=$((${time_ms[$key]:-0} + ($(now_us) - run_t0) / 1000))
  ((${#problems[@]})) || return 0
  failed[$key]=$((${failed[$key]:-0} + 1))
  local names=()
  mapfile -t names < <(printf '%s\n' "${problems[@]}" | cut -d: -f1 | awk '!seen[$0]++')
  for p in "${names[@]}"; do
    by_invariant["$key|$p"]=$((${by_invariant["$key|$p"]:-0} + 1))
  done
  dump_state
  local n=$((failures + 1))
  while [[ -e "$fail_root/$n" ]]; do ((++n)); done # KEEP may hold earlier runs' failures
  failures=$((failures + 1))
  mkdir -p "$fail_root/$n"
  printf '%s\n' "$run_exp run $run_no on $db, seed $seed" "${problems[@]}" >"$fail_root/$n/problems.txt"
  cp -r "$run/." "$fail_root/$n/"
  local list
  list="$(printf '%s, ' "${names[@]}")"
  list="${list%, }"
  failure_list+=("$n|$run_exp|$db|$run_no|$list|${problems[0]}")
  say "  failed: $list (logs in $fail_root/$n; first: ${problems[0]})"
}
note() { notes["$run_exp|$db"]="${1//|/\\|}"; } # a table cell: | escaped

# ---------------------------------------------------------------- reference
# A clean up (timed: T), its state as the reference, then the series' own check:
# down --all (timed) must leave no user table and up again the reference state.
reference() {
  run="$tmp/ref/run-$db"
  mkdir -p "$run"
  problems=() hung=()
  run_t0=$(now_us)
  fresh_db
  run_strata ref-up up
  ((rc == 0)) || die "$db: a clean up of the series failed (exit $rc): $(last_error ref-up)"
  t_up_ms[$db]=$elapsed_ms
  ref_fp[$db]="$(fingerprint)"
  run_strata ref-schema schema dump
  ((rc == 0)) || die "$db: strata schema dump failed: $(last_error ref-schema)"
  cp "$run/ref-schema.out" "$(schema_ref)"
  check_invariants
  ((${#problems[@]} == 0)) || die "$db: the clean run breaks invariants: ${problems[*]}"
  run_strata ref-down down --all
  ((rc == 0)) || die "$db: down --all of the series failed (exit $rc): $(last_error ref-down)"
  t_down_ms[$db]=$elapsed_ms
  [[ -z "$(fingerprint)" ]] || die "$db: down --all left user tables: $(fingerprint | cut -d'|' -f1 | paste -sd' ')"
  run_strata ref-up-again up
  ((rc == 0)) || die "$db: up after down --all failed (exit $rc): $(last_error ref-up-again)"
  # T: the quicker of the two clean ups, as a load spike makes one look slow.
  ((elapsed_ms < t_up_ms[$db])) && t_up_ms[$db]=$elapsed_ms
  check_invariants
  ((${#problems[@]} == 0)) || die "$db: the series' rollbacks are not exact (a bug of make_series.sh): ${problems[*]}"
  say "$db: clean up $(secs "${t_up_ms[$db]}") s, down --all $(secs "${t_down_ms[$db]}") s," \
    "$(wc -l <<<"${ref_fp[$db]}") tables, $(wc -l <"$(schema_ref)") schema lines"
  run="$tmp/run"
}

# ---------------------------------------------------------------- experiments
t_up=0 # T of the database under test, ms

exp_kill() {
  local i landed=0 killed_reruns=0
  for ((i = 1; i <= kills; i++)); do
    begin_run kill "$i"
    rand_below "$t_up"
    start_strata up up
    kill_after "$pid" "$rnd"
    step "up: kill -9 after $rnd ms: $(outcome up 1)"
    ((rc == 137)) && ((++landed))
    may_kill=1 max_reruns=3 rerun_until_ok up
    killed_reruns=$((killed_reruns + reruns_killed))
    end_run
  done
  note "kills that landed before the run ended: $landed/$kills; reruns killed: $killed_reruns"
}

exp_stop() {
  local i landed=0
  for ((i = 1; i <= stops; i++)); do
    begin_run stop "$i"
    rand_below "$t_up"
    start_strata up up
    sleep_ms "$rnd"
    server_stop
    step "server stopped (-m immediate) after $rnd ms"
    wait_strata "$pid"
    step "up: $(outcome up)"
    ((rc != 0)) && ((++landed))
    server_start
    step "server started"
    may_kill=0 max_reruns=3 rerun_until_ok up
    end_run
  done
  note "runs the stop broke (up exited non-zero): $landed/$stops"
}

exp_terminate() {
  local i n landed=0
  for ((i = 1; i <= terms; i++)); do
    begin_run terminate "$i"
    rand_below "$t_up"
    start_strata up up
    sleep_ms "$rnd"
    n="$(pg_terminate strata)"
    step "terminated $n migration session(s) after $rnd ms"
    wait_strata "$pid"
    step "up: $(outcome up)"
    ((n > 0)) && ((++landed))
    may_kill=0 max_reruns=3 rerun_until_ok up
    end_run
  done
  note "runs with a session terminated: $landed/$terms"
}

exp_lockterm() {
  local i n first second landed=0 exits="" errors=()
  for ((i = 1; i <= lockterms; i++)); do
    begin_run lockterm "$i"
    rand_below "$t_up"
    start_strata up-first up
    first=$pid
    sleep_ms "$rnd"
    n="$(pg_terminate 'strata lock')"
    start_strata up-second up
    second=$pid
    step "terminated $n lock session(s) after $rnd ms; second up started"
    wait_strata "$first"
    step "first up: $(outcome up-first)"
    exits+="${exits:+, }$rc"
    ((rc == 0)) || errors+=("first: $(last_error up-first)")
    wait_strata "$second"
    step "second up: $(outcome up-second)"
    exits+="/$rc"
    ((rc == 0)) || errors+=("second: $(last_error up-second)")
    ((n > 0)) && ((++landed))
    may_kill=0 max_reruns=1 rerun_until_ok up
    end_run
  done
  note "runs with the lock session terminated: $landed/$lockterms; exit codes first/second: $exits$(
    ((${#errors[@]})) && printf '%s\n' "${errors[@]}" | sort | uniq -c | sort -rn | head -n 3 |
      awk '{ n = $1; $1 = ""; printf "; %dx%s", n, $0 }')"
}

runner_rows=()
exp_runners() {
  local r i p lone nonzero applied appliers last_ms wall_ms end_ms t0 done_pid status ratio goal pids=() left=()
  local -A which=() # runner number by pid
  for ((r = 1; r <= rounds; r++)); do
    begin_run runners "$r"
    run_strata lone up
    lone=$elapsed_ms
    step "lone up: $(outcome lone)"
    ((rc == 0)) || problem "finish: the lone up exited $rc: $(last_error lone)"
    fresh_db
    step "fresh database; starting $runners runners"
    pids=()
    t0=$(now_us)
    for ((i = 1; i <= runners; i++)); do
      start_strata "runner$i" up
      pids+=("$pid")
    done
    which=()
    for ((i = 0; i < runners; i++)); do which[${pids[$i]}]=$((i + 1)); done
    nonzero=0 appliers=0 last_ms=0 wall_ms=0
    while ((${#pids[@]})); do
      status=0 done_pid=""
      wait -n -p done_pid "${pids[@]}" 2>/dev/null || status=$?
      if [[ -z "${done_pid:-}" ]]; then # (wait unsets it when it finds no job)
        # bash already dropped a runner killed by a signal (the watchdog) from its
        # job table: wait for it by pid, which still knows its status.
        for p in "${pids[@]}"; do
          kill -0 "$p" 2>/dev/null || { done_pid=$p && break; }
        done
        [[ -n "${done_pid:-}" ]] || { sleep 0.05 && continue; }
        status=0
        wait "$done_pid" 2>/dev/null || status=$?
      fi
      reaped "$done_pid" "$status"
      i=${which[$done_pid]}
      end_ms=$((($(now_us) - t0) / 1000))
      left=()
      for p in "${pids[@]}"; do ((p == done_pid)) || left+=("$p"); done
      pids=("${left[@]}")
      applied="$(grep -Eo '^[0-9]+ migration\(s\) applied' "$run/runner$i.out" | cut -d' ' -f1 || true)"
      step "runner $i: $(outcome "runner$i"), applied ${applied:-0}"
      if ((rc == 137)); then
        ((++nonzero))
        problem "runner: runner $i killed (by the watchdog) after $elapsed_ms ms"
      elif ((rc != 0)); then
        ((++nonzero))
        problem "runner: runner $i exited $rc: $(last_error "runner$i")"
      fi
      if ((${applied:-0} > 0)); then
        ((++appliers))
        ((end_ms > last_ms)) && last_ms=$end_ms
      fi
      ((end_ms > wall_ms)) && wall_ms=$end_ms
    done
    ratio="$(awk -v a="$last_ms" -v b="$lone" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    goal="$(awk -v x="$ratio" -v n="$appliers" 'BEGIN { print (n > 0 && x <= 1.2 ? "met" : "**not met**") }')"
    runner_rows+=("| $db | $r | $runners | $nonzero | $(secs "$wall_ms") | $(secs "$lone") | $appliers | $(secs "$last_ms") | ${ratio}x | $goal |")
    end_run
  done
}

exp_downkill() {
  local i steps landed=0 window
  for ((i = 1; i <= downkills; i++)); do
    begin_run downkill "$i"
    run_strata up-all up
    step "up: $(outcome up-all)"
    if ((rc != 0)); then
      problem "finish: the first up exited $rc: $(last_error up-all)"
      end_run
      continue
    fi
    rand_below "$count"
    steps=$((rnd + 1))
    # The delay scales with the share of the series rolled back, so that most kills land.
    window=$((t_down_ms[$db] * steps / count + 100))
    rand_below "$window"
    start_strata down down --steps "$steps"
    kill_after "$pid" "$rnd"
    step "down --steps $steps: kill -9 after $rnd ms: $(outcome down 1)"
    ((rc == 137)) && ((++landed))
    may_kill=0 max_reruns=3 rerun_until_ok down --steps "$steps"
    ((${#problems[@]})) || may_kill=0 max_reruns=1 rerun_until_ok up
    end_run
  done
  note "kills that landed before down ended: $landed/$downkills"
}

# ---------------------------------------------------------------- main
say "seed $seed (SEED=$seed reproduces the random choices); strata $strata_version at $strata"
t_start=$(now_us)
((use_pg)) && start_pg
mkdir -p "$tmp/ref"
for d in $dbs; do
  use_db "$d"
  reference
done

pg_only=" stop terminate lockterm "
for e in $experiments; do
  for d in $dbs; do
    [[ "$d" == sqlite && "$pg_only" == *" $e "* ]] && continue
    use_db "$d"
    t_up=${t_up_ms[$d]}
    ((t_up > 0)) || t_up=1
    say "$e on $d"
    "exp_$e"
  done
done
total_s=$(secs $((($(now_us) - t_start) / 1000)))

# ---------------------------------------------------------------- report
pg_version=""
((use_pg)) && pg_version="$(pg_admin 'SHOW server_version')"
knobs=""
for v in SHORT SEED KILLS STOPS TERMS LOCKTERMS ROUNDS RUNNERS DOWNKILLS INSERT_ROWS BACKFILL_ROWS DBS EXPERIMENTS; do
  [[ -n "${!v:-}" ]] && knobs+="$v=\"${!v}\" "
done
[[ "$knobs" == *SEED=* ]] || knobs+="SEED=\"$seed\" "

echo "## strata crash-safety experiment (faults)"
echo
echo "strata $strata_version (\`$strata\`; working tree at $source_rev)$([[ -n "$pg_version" ]] && echo ", PostgreSQL $pg_version"), SQLite $(sqlite3 --version | cut -d' ' -f1);" \
  "seed $seed; took $total_s s on $(nproc) cores."
echo
echo "Reproduce the random choices: \`${knobs}bench/faults.sh\`"
echo
echo "Series: $count migrations (bench/faults/make_series.sh), $notx of them \`-- strata:no-transaction\`," \
  "$own_blocks with BEGIN ... COMMIT blocks of their own, one run without a transaction by inference on PostgreSQL," \
  "a no-transaction insert of $insert_rows rows into a table without a unique key, a batched backfill" \
  "(\`n = n + 1\`, batch=5000) over $backfill_rows rows."
for d in $dbs; do
  echo "Clean run on $d: up $(secs "${t_up_ms[$d]}") s (T, the kill window: the quicker of two clean ups), down --all $(secs "${t_down_ms[$d]}") s."
done
echo
echo "| experiment | database | runs | failed runs | manual repairs | time s | notes |"
echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
for e in $experiments; do
  for d in $dbs; do
    k="$e|$d"
    [[ -n "${runs[$k]:-}" ]] || continue
    echo "| $e | $d | ${runs[$k]} | ${failed[$k]:-0} | 0 | $(secs "${time_ms[$k]}") | ${notes[$k]:-} |"
  done
done
echo
echo "Manual repairs are always 0: the script never runs \`strata repair\`; a run that could not be" \
  "finished without one is a failure (invariant \`finish\`)."
if ((${#by_invariant[@]})); then
  echo
  echo "### Invariant failures"
  echo
  echo "| experiment | database | invariant | failed runs |"
  echo "| --- | --- | --- | ---: |"
  for k in $(printf '%s\n' "${!by_invariant[@]}" | sort); do
    IFS='|' read -r e d inv <<<"$k"
    echo "| $e | $d | $inv | ${by_invariant[$k]} |"
  done
fi
if ((${#runner_rows[@]})); then
  echo
  echo "### Concurrent runners"
  echo
  echo "Each round: a lone up on a fresh database, then $runners ups started at once on another." \
    "The appliers are the runners that applied at least one migration; the goal is that the last" \
    "of them exits within 1.2x the lone run's time."
  echo
  echo "| database | round | runners | non-zero exits | round wall s | lone run s | appliers | last applier s | ratio | goal (<= 1.2x) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${runner_rows[@]}"
fi
if ((failures)); then
  echo
  echo "### Failed runs ($failures; logs in $fail_root/N/)"
  echo
  echo "Each directory holds problems.txt (every broken invariant), steps.txt (what was done" \
    "to the run, when, and how each strata run ended), strata's stdout and stderr per run" \
    "(*.out, *.err) and state.txt (history table, backfill progress, data and schema diffs)."
  echo
  for f in "${failure_list[@]}"; do
    IFS='|' read -r n e d i names first <<<"$f"
    echo "- $n: $e run $i on $d: **$names**; $first"
  done
fi
echo
if ((failures)); then
  echo "**$failures run(s) broke an invariant.**"
else
  echo "Every invariant held in every run."
fi
say "done in $total_s s: $failures failed run(s)"
((failures == 0)) || exit 1
