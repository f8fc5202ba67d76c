#!/usr/bin/env bash
# Benchmark: read a schema of 5,000 tables (with their indexes, foreign keys and
# views) with `strata schema dump` and with `pg_dump --schema-only`, side by side
# in the same run, and time `strata diff` between that schema and a changed copy.
#
#   bench/schema_bench.sh            prints a Markdown report on stdout
#
# Two databases on a throwaway PostgreSQL 15 cluster:
#   bench_a  the generated schema: TABLES tables spread over 4 schemas, each with a
#            primary key, 9 to 12 columns (text, varchar, integer, bigint, numeric,
#            jsonb, boolean, timestamptz and two enum types), defaults, NOT NULLs,
#            CHECK constraints on some, a foreign key to an earlier table with its
#            index, one or two more indexes (multi-column, partial, GIN) on most;
#            a view per 10 tables (every other one a join of two tables), a few
#            sequences, functions, triggers and comments.
#   bench_b  a copy of bench_a (CREATE DATABASE ... TEMPLATE) with a batch of
#            changes applied: columns added, indexes dropped and created, defaults
#            and types changed, constraints added, views dropped and replaced, new
#            tables, an enum value, comments (counts in the report).
#
# Timed, in interleaved rounds (the order rotates each round), wall time of:
#   strata --url bench_a schema dump > /dev/null
#   pg_dump --schema-only bench_a > /dev/null      (the real binary of postgresql-client-15)
#   strata diff --from bench_a --to bench_b --format sql > /dev/null
#                                                  (skipped if the binary has no diff)
# With GNU time (/usr/bin/time) it also reports each one's CPU time and peak RSS.
#
# Knobs (environment):
#   TABLES=5000         tables in bench_a (bench_b has TABLES/250 more, at least 3)
#   ROUNDS=5            interleaved rounds; median and min wall time count
#   BENCH_PORT=25900    first port to try for the throwaway cluster
#   STRATA_BIN=PATH     use this binary instead of building build-bench/ in Release
#   KEEP=DIR            copy the generated SQL and one output of each command to DIR
#   DIFF_BENCH=PATH     bench/diff_benchmark (default: beside the strata binary's
#                       build, when configured with -DSTRATA_BENCHMARKS=ON)
#
# Needs root (the cluster runs as a system user created by scripts/pg_cluster.sh).
# Progress goes to stderr; everything it starts is stopped and removed on exit.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
tables="${TABLES:-5000}"
rounds="${ROUNDS:-5}"
first_port="${BENCH_PORT:-25900}"
pgbin=/usr/lib/postgresql/15/bin
# Tables per transaction when loading. One transaction for all of them would run
# out of the server's lock table: every relation created (table, TOAST table and
# index, indexes, sequences) stays locked until commit, and the lock table holds
# max_locks_per_transaction (64) x max_connections (200) = 12,800 locks.
chunk=250

say() { echo "[schema-bench] $*" >&2; }
die() { echo "[schema-bench] error: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# ---------------------------------------------------------------- clean-up
tmp=""
cluster_started=0
cleanup() {
  local rc=$?
  set +e
  remove_workdir run
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ $(id -u) -eq 0 ]] || die "run as root (scripts/pg_cluster.sh and install_deps.sh need it)"
for v in tables rounds; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "${v^^} must be a positive integer"
done
((tables >= 20)) || die "TABLES must be at least 20"

# ---------------------------------------------------------------- dependencies
# Each tool the benchmark calls, with the Debian package that provides it.
declare -A tool_pkg=(
  ["$pgbin/postgres"]=postgresql-15
  ["$pgbin/psql"]=postgresql-client-15
  ["$pgbin/pg_dump"]=postgresql-client-15
  [awk]=mawk
)
install_missing_tools

# The real binaries of postgresql-client-15 (/usr/bin/psql and /usr/bin/pg_dump
# are Debian's Perl wrapper, which picks a version per call).
psql_bin="$(dpkg -L postgresql-client-15 | grep 'bin/psql$' | head -n1)"
[[ -x "$psql_bin" ]] || die "no psql binary in postgresql-client-15"
pg_dump_bin="$(dpkg -L postgresql-client-15 | grep 'bin/pg_dump$' | head -n1)"
[[ -x "$pg_dump_bin" ]] || die "no pg_dump binary in postgresql-client-15"
pg_dump_version="$("$pg_dump_bin" --version)"
# GNU time gives CPU time and peak memory; without it only wall times are reported.
gnu_time=""
[[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1 && gnu_time=/usr/bin/time

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
# `strata diff --help` of a binary without diff prints the top-level help and
# exits 0 (CLI11), so the help must also show diff's own options.
have_diff=0
if diff_help="$("$strata" diff --help 2>&1)" && grep -q -- '--from' <<<"$diff_help" &&
  grep -q -- '--to' <<<"$diff_help"; then
  have_diff=1
else
  say "diff: not available in this binary; timing schema dump and pg_dump only"
fi

# ---------------------------------------------------------------- work area
tmp="$(mktemp -d "${TMPDIR:-/tmp}/strata-schema-bench.XXXXXX")"
chmod 755 "$tmp" # the cluster's system user must reach $tmp/pg
mkdir -p "$tmp/run" "$tmp/logs"
# Everything from here on runs in $tmp/run, so that no strata.toml in the
# caller's directory is picked up by strata.
cd "$tmp/run"

# ---------------------------------------------------------------- the schema
# Deterministic: every choice is a function of the table number i. Table i lives
# in schema sch[(i - 1) % 4 + 1] and references table par(i) < i.
cat >"$tmp/common.awk" <<'AWK'
function init() { split("app billing inventory audit", sch, " "); nsch = 4 }
function sname(i) { return sch[(i - 1) % nsch + 1] }
function tname(i) { return sname(i) ".t_" i }
function par(i) { return 1 + (i * 7919) % (i - 1) }
# One table: columns, constraints and indexes (i > 1 has a foreign key).
function table(i,   s, pk, k, acts) {
  split("CASCADE|SET NULL|RESTRICT|NO ACTION", acts, "|")
  k = i % 3
  pk = k == 0 ? "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : \
       k == 1 ? "bigserial PRIMARY KEY" : "bigint PRIMARY KEY"
  s = "CREATE TABLE " tname(i) " (\n  id " pk
  if (i > 1) s = s ",\n  parent_id bigint REFERENCES " tname(par(i)) " (id) ON DELETE " acts[i % 4 + 1]
  s = s ",\n  name text NOT NULL"
  s = s ",\n  code varchar(32)" (i % 25 == 0 ? " DEFAULT inventory.next_code()" : "")
  s = s ",\n  qty integer NOT NULL DEFAULT 0"
  s = s ",\n  amount numeric(12,2)" (i % 3 == 0 ? " CHECK (amount >= 0)" : "")
  s = s ",\n  status app.status NOT NULL DEFAULT 'new'"
  if (i % 4 == 1) s = s ",\n  priority billing.priority DEFAULT 'normal'"
  s = s ",\n  attrs jsonb NOT NULL DEFAULT '{}'"
  s = s ",\n  active boolean NOT NULL DEFAULT true"
  if (i % 2 == 0) s = s ",\n  big bigint"
  s = s ",\n  created_at timestamptz NOT NULL DEFAULT now()"
  if (i % 5 == 0) s = s ",\n  updated_at timestamptz"
  if (i % 4 == 0) s = s ",\n  CONSTRAINT t_" i "_qty_range CHECK (qty BETWEEN 0 AND 1000000)"
  if (i % 6 == 0) s = s ",\n  CONSTRAINT t_" i "_code_key UNIQUE (code)"
  print s "\n);"
  if (i > 1) print "CREATE INDEX t_" i "_parent_id_idx ON " tname(i) " (parent_id);"
  if (i % 2 == 0) print "CREATE INDEX t_" i "_name_created_at_idx ON " tname(i) " (name, created_at DESC);"
  if (i % 3 == 1) print "CREATE INDEX t_" i "_status_idx ON " tname(i) " (status) WHERE active;"
  if (i % 10 == 5) print "CREATE INDEX t_" i "_attrs_idx ON " tname(i) " USING gin (attrs);"
  if (i % 50 == 0)
    print "CREATE TRIGGER t_" i "_touch BEFORE UPDATE ON " tname(i) \
          " FOR EACH ROW EXECUTE FUNCTION app.touch();"
  if (i % 10 == 1) print "COMMENT ON TABLE " tname(i) " IS 'table " i " of the generated schema';"
  if (i % 20 == 3) print "COMMENT ON COLUMN " tname(i) ".name IS 'display name';"
}
# The view of table i (i % 10 == 0): every other one joins its parent table.
function view(i) {
  if (i % 20 == 0)
    print "CREATE VIEW " sname(i) ".v_" i " AS SELECT c.id, c.name, c.status, p.name AS parent_name," \
          " p.created_at AS parent_created_at FROM " tname(i) " c LEFT JOIN " tname(par(i)) \
          " p ON p.id = c.parent_id;"
  else
    print "CREATE VIEW " sname(i) ".v_" i " AS SELECT id, name, qty, amount FROM " tname(i) " WHERE active;"
}
AWK

cat >"$tmp/schema_a.awk" <<'AWK'
BEGIN {
  init()
  print "SET client_min_messages = warning;"
  print "BEGIN;"
  for (k = 1; k <= nsch; k++) {
    print "CREATE SCHEMA " sch[k] ";"
    print "COMMENT ON SCHEMA " sch[k] " IS 'generated: " sch[k] "';"
  }
  print "CREATE TYPE app.status AS ENUM ('new', 'active', 'suspended', 'closed');"
  print "CREATE TYPE billing.priority AS ENUM ('low', 'normal', 'high', 'urgent');"
  print "COMMENT ON TYPE app.status IS 'life cycle of a row';"
  nseq = int(N / 500); if (nseq < 3) nseq = 3
  for (k = 1; k <= nseq; k++)
    print "CREATE SEQUENCE " sch[(k - 1) % nsch + 1] ".seq_" k " START " (k * 1000) \
          " INCREMENT " (k % 3 + 1) (k % 2 ? " CACHE 10" : "") ";"
  print "COMMENT ON SEQUENCE app.seq_1 IS 'invoice numbers';"
  print "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$\n" \
        "BEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;"
  print "CREATE FUNCTION app.slug(p text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$\n" \
        "  SELECT lower(regexp_replace(p, '[^a-zA-Z0-9]+', '-', 'g'))\n$$;"
  print "CREATE FUNCTION billing.net(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric\n" \
        "LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount / (1 + rate), 2) $$;"
  print "CREATE FUNCTION inventory.next_code() RETURNS varchar LANGUAGE sql AS $$\n" \
        "  SELECT 'C' || nextval('inventory.seq_3')::text\n$$;"
  print "COMMENT ON FUNCTION app.slug(text) IS 'URL-safe form of a name';"
  nfn = int(N / 500)
  for (k = 1; k <= nfn; k++)
    print "CREATE FUNCTION audit.fn_" k "(p_id bigint) RETURNS bigint LANGUAGE plpgsql STABLE AS $$\n" \
          "BEGIN\n  RETURN p_id * " k ";\nEND;\n$$;"
  for (i = 1; i <= N; i++) {
    table(i)
    if (i % 10 == 0) view(i)
    if (i % CHUNK == 0 && i < N) print "COMMIT;\nBEGIN;"
  }
  print "COMMIT;"
}
AWK

# The changes that turn a copy of bench_a into bench_b; prints what it changed
# to the file named by SUMMARY.
cat >"$tmp/changes_b.awk" <<'AWK'
BEGIN {
  init()
  print "SET client_min_messages = warning;"
  print "ALTER TYPE app.status ADD VALUE 'archived';"
  for (i = 1; i <= N; i++) {
    t = tname(i)
    if (i % 100 == 7) { print "ALTER TABLE " t " ADD COLUMN note text;"; n["columns added"]++ }
    if (i % 100 == 14) { print "DROP INDEX " sname(i) ".t_" i "_name_created_at_idx;"; n["indexes dropped"]++ }
    if (i % 100 == 21) { print "CREATE INDEX t_" i "_qty_idx ON " t " (qty, id);"; n["indexes created"]++ }
    if (i % 100 == 33) { print "ALTER TABLE " t " ALTER COLUMN qty SET DEFAULT 1;"; n["defaults changed"]++ }
    if (i % 200 == 45) { print "ALTER TABLE " t " ALTER COLUMN code TYPE varchar(64);"; n["column types changed"]++ }
    if (i % 200 == 55) { print "ALTER TABLE " t " ALTER COLUMN name DROP NOT NULL;"; n["NOT NULLs dropped"]++ }
    if (i % 200 == 77) {
      print "ALTER TABLE " t " ADD CONSTRAINT t_" i "_amount_max CHECK (amount < 1000000000);"
      n["CHECK constraints added"]++
    }
    if (i % 200 == 0) { print "DROP VIEW " sname(i) ".v_" i ";"; n["views dropped"]++ }
    if (i % 200 == 110) {
      print "CREATE OR REPLACE VIEW " sname(i) ".v_" i " AS SELECT id, name, qty, amount, created_at FROM " \
            t " WHERE active;"
      n["views changed"]++
    }
    if (i % 500 == 1) { print "COMMENT ON TABLE " t " IS 'table " i ", changed';"; n["comments changed"]++ }
  }
  extra = int(N / 250); if (extra < 3) extra = 3
  for (i = N + 1; i <= N + extra; i++) { table(i); n["tables added"]++ }
  print "CREATE FUNCTION app.is_open(s app.status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s IN ('new', 'active') $$;"
  n["functions added"]++
  n["enum values added"]++
  m = split("tables added|columns added|column types changed|defaults changed|NOT NULLs dropped|" \
            "CHECK constraints added|indexes created|indexes dropped|views dropped|views changed|" \
            "functions added|enum values added|comments changed", order, "|")
  s = ""
  for (k = 1; k <= m; k++) s = s (k > 1 ? ", " : "") n[order[k]] " " order[k]
  print s > SUMMARY
}
AWK

say "generating the schema of $tables tables"
t0=$EPOCHREALTIME
awk -v N="$tables" -v CHUNK="$chunk" -f "$tmp/common.awk" -f "$tmp/schema_a.awk" >schema_a.sql
awk -v N="$tables" -v SUMMARY="$tmp/changes.txt" -f "$tmp/common.awk" -f "$tmp/changes_b.awk" >changes_b.sql
gen_s=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
changes_desc="$(cat "$tmp/changes.txt")"
say "generated in $gen_s s: schema_a.sql $(($(wc -c <schema_a.sql) / 1024)) KiB," \
  "changes_b.sql $(($(wc -c <changes_b.sql) / 1024)) KiB"

# ---------------------------------------------------------------- cluster
start_cluster "$tmp/pg" "$first_port"
base_url="${admin_url%/*}"
url_a="$base_url/bench_a"
url_b="$base_url/bench_b"

sql_at() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 -d "$base_url/$1" -c "$2"; }
sql_admin() { sql_at postgres "$1"; }

pg_version="$(sql_admin 'SHOW server_version')"
pg_settings="$(sql_admin "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
  WHERE name IN ('fsync', 'shared_buffers', 'max_locks_per_transaction', 'jit', 'autovacuum')")"

# ---------------------------------------------------------------- loading
say "loading bench_a (psql, transactions of $chunk tables)"
t0=$EPOCHREALTIME
sql_admin "CREATE DATABASE bench_a"
"$psql_bin" -X -q -v ON_ERROR_STOP=1 -d "$url_a" -f schema_a.sql >"$tmp/logs/load_a.log" 2>&1 || {
  tail -n 20 "$tmp/logs/load_a.log" >&2
  die "loading bench_a failed"
}
load_a_s=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
say "loaded bench_a in $load_a_s s"
t0=$EPOCHREALTIME
sql_admin "CREATE DATABASE bench_b TEMPLATE bench_a"
"$psql_bin" -X -q -1 -v ON_ERROR_STOP=1 -d "$url_b" -f changes_b.sql >"$tmp/logs/load_b.log" 2>&1 || {
  tail -n 20 "$tmp/logs/load_b.log" >&2
  die "applying the changes to bench_b failed"
}
load_b_s=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
say "made bench_b (copy of bench_a, changes applied) in $load_b_s s"
# Fresh statistics on the system catalogs for both, and no autovacuum work left
# to start during the timings.
for db in bench_a bench_b; do sql_at "$db" "VACUUM ANALYZE"; done
sql_admin "CHECKPOINT"

# What the databases hold.
census() {
  sql_at "$1" "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE relkind = 'r' AND nspname IN ('app', 'billing', 'inventory', 'audit')) || ' tables, ' ||
    (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n
      ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND nspname IN ('app', 'billing', 'inventory', 'audit')) || ' columns, ' ||
    (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n
      ON n.oid = c.relnamespace WHERE nspname IN ('app', 'billing', 'inventory', 'audit')) || ' indexes, ' ||
    (SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
      WHERE contype = 'f' AND nspname IN ('app', 'billing', 'inventory', 'audit')) || ' foreign keys, ' ||
    (SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
      WHERE contype = 'c' AND nspname IN ('app', 'billing', 'inventory', 'audit')) || ' CHECK constraints, ' ||
    (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE relkind = 'v' AND nspname IN ('app', 'billing', 'inventory', 'audit')) || ' views, ' ||
    (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE relkind = 'S' AND nspname IN ('app', 'billing', 'inventory', 'audit')) || ' sequences, ' ||
    (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE nspname IN ('app', 'billing', 'inventory', 'audit')) || ' functions, ' ||
    (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal) || ' triggers; catalog ' ||
    pg_size_pretty((SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
      WHERE relnamespace = 'pg_catalog'::regnamespace)::bigint)"
}
census_a="$(census bench_a)"
census_b="$(census bench_b)"
say "bench_a: $census_a"
say "bench_b: $census_b"

# ---------------------------------------------------------------- contenders
# shellcheck disable=SC2034 # used through the nameref cmd
cmd_dump=("$strata" --url "$url_a" schema dump)
# shellcheck disable=SC2034
cmd_pg_dump=("$pg_dump_bin" --schema-only -d "$url_a")
# shellcheck disable=SC2034
cmd_diff=("$strata" diff --from "$url_a" --to "$url_b" --format sql)
# The diff without introspection: the same two schemas from JSON snapshots, so
# its time is reading two files, comparing and planning, with no database.
# shellcheck disable=SC2034
cmd_snapdiff=("$strata" diff --from "$tmp/a.json" --to "$tmp/b.json" --format sql)

# One untimed run of each, kept: checks that it works, warms the server's caches.
contenders=(dump pg_dump)
if ((have_diff)); then
  contenders+=(diff snapdiff)
  "$strata" --url "$url_a" schema dump --format json >"$tmp/a.json"
  "$strata" --url "$url_b" schema dump --format json >"$tmp/b.json"
fi
for c in "${contenders[@]}"; do
  say "warm-up: $c"
  declare -n cmd="cmd_$c"
  t0=$EPOCHREALTIME
  "${cmd[@]}" >"$c.out" 2>"$tmp/logs/$c.warmup.err" || {
    tail -n 20 "$tmp/logs/$c.warmup.err" >&2
    die "$c failed"
  }
  say "warm-up: $c took $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }') s," \
    "$(wc -c <"$c.out") bytes, $(wc -l <"$c.out") lines"
  unset -n cmd
done
# Every generated table is in both dumps.
for c in dump pg_dump; do
  n=$(grep -cE '^CREATE TABLE (IF NOT EXISTS )?"?(app|billing|inventory|audit)"?\."?t_[0-9]+"? ' "$c.out" || true)
  [[ "$n" == "$tables" ]] || die "$c printed $n CREATE TABLE statements of generated tables, expected $tables"
done
# bench_b differs from bench_a, so the diff has something to say.
((have_diff)) && [[ ! -s diff.out ]] && say "warning: strata diff printed nothing, though bench_b differs from bench_a"
# strata writes nothing on stderr when it succeeds; note it if it did.
for c in dump diff; do
  [[ -s "$tmp/logs/$c.warmup.err" ]] &&
    say "note: $c wrote on stderr: $(head -c 300 "$tmp/logs/$c.warmup.err")"
done

# run_timed NAME ROUND: runs contender NAME (the command cmd_NAME) with stdout to /dev/null; sets t_wall
# (s, from the shell's clock around the call), t_cpu (user + sys, s) and t_rss
# (MiB) with GNU time, else "".
t_wall="" t_cpu="" t_rss=""
run_timed() {
  local name=$1 round=$2 err="$tmp/logs/$1.$2.err" tf="$tmp/logs/time" rc=0 t0 t1 u s m
  local -n cmd="cmd_$name"
  if [[ -n "$gnu_time" ]]; then
    t0=$EPOCHREALTIME
    "$gnu_time" -f '%U %S %M' -o "$tf" "${cmd[@]}" >/dev/null 2>"$err" || rc=$?
    t1=$EPOCHREALTIME
    read -r u s m < <(tail -n1 "$tf")
    t_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    t_rss=$(awk -v m="$m" 'BEGIN { printf "%.1f", m / 1024 }')
  else
    t0=$EPOCHREALTIME
    "${cmd[@]}" >/dev/null 2>"$err" || rc=$?
    t1=$EPOCHREALTIME
  fi
  t_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  ((rc == 0)) || {
    tail -n 20 "$err" >&2
    die "$name exited with $rc in round $round"
  }
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
t_start=$EPOCHREALTIME
declare -A walls=() cpus=() rsss=()
nc=${#contenders[@]}
for ((r = 1; r <= rounds; r++)); do
  # Rotate the order each round so no contender always runs first or last.
  for ((k = 0; k < nc; k++)); do
    c="${contenders[$(((k + r - 1) % nc))]}"
    run_timed "$c" "$r"
    walls[$c]+="$t_wall "
    cpus[$c]+="$t_cpu "
    rsss[$c]+="$t_rss "
    say "round $r/$rounds  $c: ${t_wall} s${t_cpu:+, CPU $t_cpu s, peak RSS $t_rss MiB}"
  done
done
total_s=$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')

# ---------------------------------------------------------------- report
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
  if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { tr ' ' '\n' | grep . | sort -g | head -n1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
yes_no() { awk "BEGIN { print (($1) ? \"met\" : \"**not met**\") }"; }
group() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s }'; }

# The diff alone (bench/diff_benchmark.cc), when built beside the strata binary
# (-DSTRATA_BENCHMARKS=ON) or named by DIFF_BENCH.
walk_ms=""
diff_bench="${DIFF_BENCH:-$(dirname "$strata")/../bench/diff_benchmark}"
if ((have_diff)) && [[ -x "$diff_bench" ]]; then
  say "diff_benchmark on the snapshots"
  walk_ms=$("$diff_bench" "$tmp/a.json" "$tmp/b.json" --benchmark_repetitions=5 \
    --benchmark_report_aggregates_only=true 2>/dev/null |
    awk '$1 == "DiffAndPlan_median" { print $2 }')
fi

declare -A med=() label=()
label[dump]="\`strata schema dump\` of bench_a"
label[pg_dump]="\`pg_dump --schema-only\` of bench_a"
label[diff]="\`strata diff --format sql\` bench_a → bench_b"
label[snapdiff]="\`strata diff --format sql\` between JSON snapshots of bench_a and bench_b"
for c in "${contenders[@]}"; do med[$c]=$(median <<<"${walls[$c]}"); done

cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem_gib="$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
knobs=""
[[ -n "${TABLES:-}" ]] && knobs+="TABLES=$TABLES "
[[ -n "${ROUNDS:-}" ]] && knobs+="ROUNDS=$ROUNDS "

echo "## strata benchmark: schema dump and diff of $(group "$tables") tables"
echo
echo "strata $strata_version ($source_desc), $pg_dump_version, PostgreSQL $pg_version;" \
  "$rounds interleaved round(s) after one warm-up run of each, taking ${total_s} s" \
  "(generating the SQL $gen_s s, loading bench_a $load_a_s s, making bench_b $load_b_s s);" \
  "load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "Command: \`${knobs}bench/schema_bench.sh\`"
echo
echo "- bench_a: $census_a."
echo "- bench_b: $census_b. Changes from bench_a: $changes_desc."
echo "- Output of the warm-up runs: strata schema dump $(group "$(wc -c <dump.out)") bytes," \
  "pg_dump $(group "$(wc -c <pg_dump.out)") bytes$( ((have_diff)) && echo ", strata diff $(group "$(wc -c <diff.out)") bytes ($(wc -l <diff.out) lines)")."
((have_diff)) || echo "- diff: not available in this binary (\`strata diff --help\` shows no --from/--to)."
echo
if [[ -n "$gnu_time" ]]; then
  echo "| command | median s | min s | CPU s (median) | peak RSS MiB (median) | all rounds (s) |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  for c in "${contenders[@]}"; do
    echo "| ${label[$c]} | ${med[$c]} | $(minimum <<<"${walls[$c]}") | $(median <<<"${cpus[$c]}" | awk '{ printf "%.2f", $1 }') |" \
      "$(median <<<"${rsss[$c]}" | awk '{ printf "%.1f", $1 }') | ${walls[$c]% } |"
  done
else
  echo "| command | median s | min s | all rounds (s) |"
  echo "| --- | ---: | ---: | --- |"
  for c in "${contenders[@]}"; do
    echo "| ${label[$c]} | ${med[$c]} | $(minimum <<<"${walls[$c]}") | ${walls[$c]% } |"
  done
  echo
  echo "(No GNU time at /usr/bin/time: no CPU time or peak RSS.)"
fi
echo
echo "CPU time is the client's (strata or pg_dump), not the server's."
echo
ratio=$(calc %.3f "${med[dump]} / ${med[pg_dump]}")
echo "| goal | measured | |"
echo "| --- | --- | --- |"
echo "| strata schema dump not slower than pg_dump --schema-only (ratio at most 1.0) |" \
  "${med[dump]} s vs ${med[pg_dump]} s: ratio ${ratio} | $(yes_no "$ratio <= 1.0") |"
if ((have_diff)) && [[ -n "$walk_ms" ]]; then
  # strata diff reads its two databases at the same time, so "diff minus two
  # dumps" understates what it adds; diff_benchmark times the walk and the plan
  # alone, on the same two schemas.
  extra=$(calc %.3f "${med[diff]} - ${med[dump]}")
  echo "| diff adds under 1 s beyond introspection (diff_benchmark: walk and plan, median of 5) |" \
    "${walk_ms} ms; for reference the database diff (${med[diff]} s) takes ${extra} s more than one dump, reading two schemas at once |" \
    "$(yes_no "$walk_ms < 1000") |"
elif ((have_diff)); then
  echo "| diff adds under 1 s beyond introspection | diff_benchmark not built (-DSTRATA_BENCHMARKS=ON); diff between snapshots ${med[snapdiff]} s, reading both files included | not measured |"
else
  echo "| diff adds under 1 s beyond introspection | diff: not available in this binary | not measured |"
fi
echo
echo "Machine: $(nproc) cores (nproc), CPU \"$cpu_model\", $mem_gib GiB of memory, Linux $(uname -r)." \
  "PostgreSQL: $pg_settings (scripts/pg_cluster.sh's throwaway cluster); 127.0.0.1 over TCP."
say "done"
