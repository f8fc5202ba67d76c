#!/usr/bin/env bash
# Benchmark: lint one file of 50,000 mixed PostgreSQL migration statements with
# `strata lint` and with squawk (the squawk-cli package of the npm registry),
# side by side in the same run, and report statements per second for each.
#
#   bench/lint_bench.sh            prints a Markdown report on stdout
#
# squawk is run with its fastest reporter (all its default rules, nothing
# excluded): the script first runs each machine-readable reporter (gcc, json,
# gitlab) once and keeps the fastest. squawk's default reporter (tty) is timed
# separately, in fewer rounds, because it can take many minutes on such a file.
#
# Knobs (environment):
#   STATEMENTS=50000     statements in the generated file
#   ROUNDS=5             interleaved rounds of strata and squawk; medians count
#   SQUAWK_ROUNDS=ROUNDS rounds, out of ROUNDS, that also run squawk (fastest reporter)
#   TTY_ROUNDS=1         rounds that also run squawk's default reporter (0: skip it)
#   SQUAWK_REPORTER=     force a squawk reporter (gcc, json, gitlab, tty) instead of probing
#   SQUAWK_PKG=squawk-cli  npm spec to install (e.g. squawk-cli@2.66.0)
#   PERF=1               profile one strata run with perf, if perf is installed (0: skip)
#   STRATA_BIN=PATH      use this binary instead of building build-bench/ in Release
#   KEEP=DIR             copy the generated file and the tools' outputs to DIR
#
# Run it as root if anything is missing (it installs via scripts/install_deps.sh
# --bench). Progress goes to stderr; the temporary folder is removed on exit.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
count="${STATEMENTS:-50000}"
rounds="${ROUNDS:-5}"
squawk_rounds="${SQUAWK_ROUNDS:-$rounds}"
tty_rounds="${TTY_ROUNDS:-1}"
forced_reporter="${SQUAWK_REPORTER:-}"
squawk_pkg="${SQUAWK_PKG:-squawk-cli}"
want_perf="${PERF:-1}"

say() { echo "[lint-bench] $*" >&2; }
die() { echo "[lint-bench] error: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# ---------------------------------------------------------------- clean-up
tmp=""
cleanup() {
  local rc=$?
  set +e
  remove_workdir run
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for v in count rounds; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer"
done
[[ "$squawk_rounds" =~ ^[0-9]+$ && "$tty_rounds" =~ ^[0-9]+$ ]] ||
  die "SQUAWK_ROUNDS and TTY_ROUNDS must be integers"
((squawk_rounds >= 1)) || die "SQUAWK_ROUNDS must be at least 1"
((squawk_rounds <= rounds)) || squawk_rounds=$rounds
((tty_rounds <= rounds)) || tty_rounds=$rounds
case "$forced_reporter" in "" | gcc | json | gitlab | tty) ;; *) die "SQUAWK_REPORTER: gcc, json, gitlab or tty" ;; esac

# ---------------------------------------------------------------- dependencies
declare -A tool_pkg=([node]=nodejs [npm]=npm [awk]=mawk)
if [[ -z "${STRATA_BIN:-}" ]]; then
  tool_pkg[cmake]=cmake
  tool_pkg[g++]=g++
fi
install_missing_tools
# GNU time gives peak memory; without it only times are reported.
gnu_time=""
[[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1 && gnu_time=/usr/bin/time
have_perf=0
if [[ "$want_perf" == 1 ]] && command -v perf >/dev/null 2>&1; then have_perf=1; fi

# ---------------------------------------------------------------- strata binary
resolve_strata
[[ -x "$strata" ]] || die "no strata binary at $strata"
strata_version="$("$strata" --version)"
source_rev="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
strata_rules="$("$strata" lint --list-rules 2>/dev/null | grep -c . || true)"

# ---------------------------------------------------------------- work area
tmp="$(mktemp -d "${TMPDIR:-/tmp}/strata-lint-bench.XXXXXX")"
mkdir -p "$tmp/squawk" "$tmp/run" "$tmp/logs"

# ---------------------------------------------------------------- squawk (npm)
say "installing $squawk_pkg from npm into $tmp/squawk"
echo '{"name": "strata-lint-bench-squawk", "private": true}' >"$tmp/squawk/package.json"
(cd "$tmp/squawk" && npm install --prefix "$tmp/squawk" --no-audit --no-fund --loglevel=error \
  "$squawk_pkg" >"$tmp/logs/npm.log" 2>&1) || {
  cat "$tmp/logs/npm.log" >&2
  die "npm install $squawk_pkg failed"
}
# squawk-cli's bin is a Node wrapper around a native binary shipped in a platform
# package (@squawk-cli/linux-x64); call the binary itself so Node's start-up is
# not charged to squawk.
squawk="$(find "$tmp/squawk/node_modules/@squawk-cli" -type f -path '*/bin/squawk' -perm -u+x 2>/dev/null | head -n1)"
squawk_note="native binary of the npm package"
if [[ -z "$squawk" ]]; then
  squawk="$tmp/squawk/node_modules/.bin/squawk"
  squawk_note="**Node wrapper** (no native binary found)"
fi
[[ -x "$squawk" ]] || die "no squawk binary under $tmp/squawk/node_modules"
squawk_version="$("$squawk" --version)"
squawk_version="${squawk_version#squawk }"

# Everything from here on runs in $tmp/run, so that no strata.toml or
# .squawk.toml of the caller's directory is picked up.
cd "$tmp/run"

# ---------------------------------------------------------------- input
# Deterministic: a MINSTD generator (products stay below 2^53, so mawk and gawk
# give the same file). About half of the statements touch tables created earlier
# in the file (t_N), the other half tables that already exist (app_N).
say "generating $count statements"
cat >"$tmp/gen.awk" <<'AWK'
function rnd(n) { seed = (seed * 48271) % 2147483647; return seed % n }
function tbl() { return rnd(2) ? "t_" (1 + rnd(ntab)) : "app_" (1 + rnd(40)) }
function col(  k) {
  k = rnd(6)
  return k == 0 ? "name" : k == 1 ? "email" : k == 2 ? "status" : k == 3 ? "amount" : k == 4 ? "owner_id" : "created_at"
}
function emit(s) { print s; stmts++ }
BEGIN {
  seed = 20261121; ntab = 0; stmts = 0; nfun = 0; lastfk = ""
  # kind:weight (relative)
  split("create_table:8 index:6 index_conc:5 unique_index_conc:2 add_col:5 add_col_default:4 " \
        "add_col_volatile:2 add_col_notnull_default:2 add_col_notnull:1 fk:3 fk_not_valid:3 " \
        "validate:2 set_not_null:3 alter_type:3 drop_table:1 drop_column:2 drop_index:1 " \
        "drop_index_conc:1 update_where:4 update_all:2 delete_where:3 delete_all:1 insert:8 " \
        "rename_table:1 rename_column:2 function:3 grant:3 lock_timeout:4 comment_on:2 check:2 " \
        "unique:1 check_not_valid:1 set_default:2 create_view:1", kw, " ")
  nk = 0; tot = 0
  for (i = 1; i in kw; i++) { split(kw[i], p, ":"); nk++; kname[nk] = p[1]; tot += p[2]; kcum[nk] = tot }
  types[0] = "text"; types[1] = "varchar(255)"; types[2] = "integer"; types[3] = "bigint"
  types[4] = "numeric(12,2)"; types[5] = "boolean"; types[6] = "jsonb"; types[7] = "timestamptz"
  types[8] = "uuid"; types[9] = "char(8)"; types[10] = "timestamp"; types[11] = "json"
  print "-- generated by bench/lint_bench.sh: " N " mixed PostgreSQL migration statements"
  while (stmts < N) {
    if (ntab < 20) k = "create_table"
    else { r = rnd(tot); for (j = 1; j <= nk; j++) if (r < kcum[j]) { k = kname[j]; break } }
    if (stmts % 10 == 0) print "\n-- step " stmts ": " k
    if (stmts % 97 == 0) print "/* block comment before statement " stmts " */"
    if (k == "create_table") {
      ntab++; t = "t_" ntab; v = rnd(4)
      pk = v == 0 ? "id serial PRIMARY KEY" : v == 1 ? "id integer PRIMARY KEY" : \
           v == 2 ? "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "id uuid PRIMARY KEY DEFAULT gen_random_uuid()"
      s = "CREATE TABLE " t " (\n  " pk ",\n  name text NOT NULL,\n  email varchar(255) UNIQUE,\n" \
          "  status char(8) DEFAULT 'new',\n  amount numeric(12,2) CHECK (amount >= 0),\n" \
          "  is_active boolean NOT NULL DEFAULT true,\n  payload jsonb,\n" \
          "  created_at timestamptz NOT NULL DEFAULT now()"
      if (ntab > 1) s = s ",\n  owner_id bigint REFERENCES t_" (1 + rnd(ntab - 1)) " (id) ON DELETE CASCADE"
      else s = s ",\n  owner_id bigint"
      if (rnd(3) == 0) s = s ",\n  CONSTRAINT " t "_name_key UNIQUE (name, email)"
      emit(s "\n);")
    }
    else if (k == "index") { t = tbl(); c = col(); emit("CREATE INDEX idx_" t "_" c "_" stmts " ON " t " (" c ");") }
    else if (k == "index_conc") { t = tbl(); c = col(); emit("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_" t "_" c "_" stmts " ON " t " USING btree (" c ", created_at DESC);") }
    else if (k == "unique_index_conc") { t = tbl(); emit("CREATE UNIQUE INDEX CONCURRENTLY uq_" t "_" stmts " ON " t " (lower(email)) WHERE is_active;") }
    else if (k == "add_col") { t = tbl(); emit("ALTER TABLE " t " ADD COLUMN c_" stmts " " types[rnd(12)] ";") }
    else if (k == "add_col_default") { t = tbl(); emit("ALTER TABLE " t " ADD COLUMN c_" stmts " integer DEFAULT " rnd(1000) ";") }
    else if (k == "add_col_volatile") { t = tbl(); emit("ALTER TABLE " t " ADD COLUMN c_" stmts " " (rnd(2) ? "timestamptz DEFAULT clock_timestamp()" : "uuid DEFAULT gen_random_uuid()") ";") }
    else if (k == "add_col_notnull_default") { t = tbl(); emit("ALTER TABLE " t " ADD COLUMN IF NOT EXISTS c_" stmts " text NOT NULL DEFAULT 'x';") }
    else if (k == "add_col_notnull") { t = tbl(); emit("ALTER TABLE " t " ADD COLUMN c_" stmts " bigint NOT NULL;") }
    else if (k == "fk") { t = tbl(); emit("ALTER TABLE " t " ADD CONSTRAINT fk_" t "_" stmts " FOREIGN KEY (owner_id) REFERENCES " tbl() " (id);") }
    else if (k == "fk_not_valid") { t = tbl(); lastfk_t = t; lastfk = "fk_" t "_" stmts; emit("ALTER TABLE " t " ADD CONSTRAINT " lastfk " FOREIGN KEY (owner_id) REFERENCES " tbl() " (id) NOT VALID;") }
    else if (k == "validate") { if (lastfk == "") emit("ANALYZE " tbl() ";"); else emit("ALTER TABLE " lastfk_t " VALIDATE CONSTRAINT " lastfk ";") }
    else if (k == "set_not_null") { t = tbl(); emit("ALTER TABLE " t " ALTER COLUMN " col() " SET NOT NULL;") }
    else if (k == "alter_type") { t = tbl(); v = rnd(3); emit("ALTER TABLE " t " ALTER COLUMN " (v == 0 ? "name TYPE varchar(100)" : v == 1 ? "amount TYPE numeric(18,4)" : "status TYPE text") ";") }
    else if (k == "drop_table") { emit("DROP TABLE IF EXISTS legacy_" stmts (rnd(2) ? " CASCADE" : "") ";") }
    else if (k == "drop_column") { t = tbl(); emit("ALTER TABLE " t " DROP COLUMN IF EXISTS old_" stmts ";") }
    else if (k == "drop_index") { emit("DROP INDEX IF EXISTS idx_old_" stmts ";") }
    else if (k == "drop_index_conc") { emit("DROP INDEX CONCURRENTLY IF EXISTS idx_old_" stmts ";") }
    else if (k == "update_where") { t = tbl(); emit("UPDATE " t " SET status = 'done', amount = amount * 1.1 WHERE id = " rnd(100000) " AND is_active;") }
    else if (k == "update_all") { t = tbl(); emit("UPDATE " t " SET is_active = false;") }
    else if (k == "delete_where") { t = tbl(); emit("DELETE FROM " t " WHERE created_at < now() - interval '" (1 + rnd(90)) " days';") }
    else if (k == "delete_all") { t = tbl(); emit("DELETE FROM " t ";") }
    else if (k == "insert") { t = tbl(); emit("INSERT INTO " t " (name, email, status, amount) VALUES ('n" stmts "', 'u" stmts "@example.com', 'new', " rnd(1000) ".50), ('m" stmts "', NULL, 'old', 0) ON CONFLICT DO NOTHING;") }
    else if (k == "rename_table") { emit("ALTER TABLE IF EXISTS legacy_" stmts " RENAME TO archive_" stmts ";") }
    else if (k == "rename_column") { t = tbl(); emit("ALTER TABLE " t " RENAME COLUMN c_" stmts " TO c_" stmts "_old;") }
    else if (k == "function") {
      nfun++; t = tbl()
      emit("CREATE OR REPLACE FUNCTION f_" nfun "(p_id bigint)\nRETURNS integer\nLANGUAGE plpgsql\n" \
           (rnd(4) == 0 ? "SECURITY DEFINER\n" : "") "AS $$\nDECLARE\n  n integer;\nBEGIN\n" \
           "  UPDATE " t " SET status = 'seen' WHERE id = p_id;\n" \
           "  SELECT count(*) INTO n FROM " t " WHERE owner_id = p_id;\n" \
           "  RETURN n; -- a semicolon; inside the body\nEND;\n$$;")
    }
    else if (k == "grant") { t = tbl(); v = rnd(3); emit(v == 0 ? "GRANT SELECT ON " t " TO PUBLIC;" : v == 1 ? "GRANT SELECT, INSERT, UPDATE ON " t " TO app_rw;" : "REVOKE DELETE ON " t " FROM app_ro;") }
    else if (k == "lock_timeout") { emit("SET lock_timeout = '" (1 + rnd(10)) "s';") }
    else if (k == "comment_on") { t = tbl(); emit("COMMENT ON TABLE " t " IS 'table " t ", statement " stmts "';") }
    else if (k == "check") { t = tbl(); emit("ALTER TABLE " t " ADD CONSTRAINT ck_" t "_" stmts " CHECK (amount < 1000000);") }
    else if (k == "check_not_valid") { t = tbl(); emit("ALTER TABLE " t " ADD CONSTRAINT ck_" t "_" stmts " CHECK (char_length(name) < 500) NOT VALID;") }
    else if (k == "unique") { t = tbl(); emit("ALTER TABLE " t " ADD CONSTRAINT uq_" t "_" stmts " UNIQUE (email);") }
    else if (k == "set_default") { t = tbl(); emit("ALTER TABLE " t " ALTER COLUMN status SET DEFAULT 'pending';") }
    else if (k == "create_view") { t = tbl(); emit("CREATE OR REPLACE VIEW v_" stmts " AS SELECT id, name, amount FROM " t " WHERE is_active;") }
    else { print "unknown kind " k > "/dev/stderr"; exit 1 }
  }
}
AWK
awk -v N="$count" -f "$tmp/gen.awk" >lint.sql
input_bytes=$(wc -c <lint.sql)
input_lines=$(wc -l <lint.sql)
input_sum=$(cksum <lint.sql | cut -d' ' -f1)

# ---------------------------------------------------------------- measuring
# run_timed NAME ROUND OKCODES CMD...: runs CMD with stdout to NAME.ROUND.out;
# sets t_wall, t_cpu (user + sys) in seconds and t_rss in MiB ("" without GNU time).
t_wall="" t_cpu="" t_rss=""
run_timed() {
  local name=$1 round=$2 ok=$3
  shift 3
  local out="$name.$round.out" err="$tmp/logs/$name.$round.err" tf="$tmp/logs/time" rc=0
  if [[ -n "$gnu_time" ]]; then
    "$gnu_time" -f '%e %U %S %M' -o "$tf" "$@" >"$out" 2>"$err" || rc=$?
    # On a non-zero exit GNU time writes "Command exited with ..." first.
    read -r t_wall u s m < <(tail -n1 "$tf")
    t_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    t_rss=$(awk -v m="$m" 'BEGIN { printf "%.0f", m / 1024 }')
  else
    local TIMEFORMAT='%R %U %S'
    { time "$@" >"$out" 2>"$err" || rc=$?; } 2>"$tf"
    read -r t_wall u s <"$tf"
    t_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    t_rss=""
  fi
  [[ " $ok " == *" $rc "* ]] || {
    tail -n 20 "$err" >&2
    die "$name exited with $rc in round $round (expected one of: $ok)"
  }
}

# Findings in a tool's output: prints "RULE" once per finding.
findings_of() { # KIND FILE
  case "$1" in
    strata) grep -oE '^[^ ].*:[0-9]+:[0-9]+: (error|warning|note)\[[^]]+\]' "$2" |
      sed -E 's/.*: ((error|warning|note)\[[^]]+\])$/\1/' ;;
    gcc) awk '$2 ~ /^(warning|error):$/ { print $2 $3 }' "$2" | sed -E 's/^(warning|error):(.*)/\1[\2]/' ;;
    json) grep -oE '"level":"[A-Za-z]+"|"rule_name":"[^"]*"' "$2" |
      awk -F'"' '/level/ { l = tolower($4); next } { print l "[" $4 "]" }' ;;
    gitlab) grep -oE '"check_name":"[^"]*"' "$2" | awk -F'"' '{ print "[" $4 "]" }' ;;
    tty) ;; # per-rule counts are not parsed from the tty reporter
  esac
}
total_of() { # KIND FILE
  if [[ "$1" == tty ]]; then
    sed -E 's/\x1b\[[0-9;]*m//g' "$2" | grep -oE 'Found [0-9]+ issue' | grep -oE '[0-9]+' | tail -n1
  else
    findings_of "$1" "$2" | wc -l | tr -d ' '
  fi
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
  if (NR == 0) print ""; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# strata: text output (its default). Exit 3 means error-level findings: expected.
run_strata() { run_timed strata "$1" "0 3" "$strata" lint lint.sql; }
# squawk exits 1 when it finds something.
run_squawk() { run_timed "squawk-$2" "$1" "0 1" "$squawk" --reporter "$2" lint.sql; }

say "warm-up: strata once"
run_strata 0
strata_summary="$(grep -E '[0-9]+ statement\(s\)' strata.0.out | tail -n1)"
strata_stmts="$(grep -oE '[0-9]+ statement\(s\)' <<<"$strata_summary" | grep -oE '[0-9]+' || true)"
[[ "$strata_stmts" == "$count" ]] ||
  say "warning: strata counted ${strata_stmts:-?} statements, the file has $count"

# Probe squawk's machine-readable reporters once each (this also warms it up);
# keep the fastest by CPU time, which the machine's other load disturbs least.
declare -A probe_wall=() probe_cpu=() probe_total=()
if [[ -n "$forced_reporter" ]]; then
  reporter="$forced_reporter"
  reporter_why="forced with SQUAWK_REPORTER"
else
  best=""
  for rep in gcc json gitlab; do
    say "probe: squawk --reporter $rep"
    run_squawk 0 "$rep"
    probe_wall[$rep]=$t_wall
    probe_cpu[$rep]=$t_cpu
    probe_total[$rep]=$(total_of "$rep" "squawk-$rep.0.out")
    if [[ -z "$best" ]] || awk -v a="$t_cpu" -v b="${probe_cpu[$best]}" 'BEGIN { exit !(a < b) }'; then
      best=$rep
    fi
  done
  reporter=$best
  reporter_why="fastest by CPU time of one probe run each of gcc, json and gitlab"
fi

declare -A wall=() cpu=() rss=()
for ((r = 1; r <= rounds; r++)); do
  run_strata "$r"
  wall[strata]+="$t_wall " cpu[strata]+="$t_cpu " rss[strata]+="$t_rss "
  say "round $r/$rounds  strata           ${t_wall}s wall, ${t_cpu}s cpu"
  if ((r <= squawk_rounds)); then
    run_squawk "$r" "$reporter"
    wall[squawk]+="$t_wall " cpu[squawk]+="$t_cpu " rss[squawk]+="$t_rss "
    say "round $r/$rounds  squawk ($reporter)  ${t_wall}s wall, ${t_cpu}s cpu"
  fi
  if ((r <= tty_rounds)) && [[ "$reporter" != tty ]]; then
    say "round $r/$rounds  squawk (tty, its default reporter): this can take many minutes"
    run_squawk "$r" tty
    wall[tty]+="$t_wall " cpu[tty]+="$t_cpu " rss[tty]+="$t_rss "
    say "round $r/$rounds  squawk (tty)     ${t_wall}s wall, ${t_cpu}s cpu"
  fi
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- findings
strata_total=$(total_of strata strata.1.out)
squawk_total=$(total_of "$reporter" "squawk-$reporter.1.out")
tty_total=""
[[ -f squawk-tty.1.out ]] && tty_total=$(total_of tty squawk-tty.1.out)
rule_counts() { findings_of "$1" "$2" | sort | uniq -c | sort -k1,1nr -k2 | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }'; }

# ---------------------------------------------------------------- profile
perf_rows=""
if ((have_perf)); then
  say "profiling one strata run with perf"
  if perf record -q -F 999 -o "$tmp/perf.data" -- "$strata" lint lint.sql >/dev/null 2>"$tmp/logs/perf.err" ||
    [[ $? -eq 3 ]]; then
    # Self time by symbol; template arguments stripped to keep names short.
    perf_rows="$(perf report -i "$tmp/perf.data" --no-children --stdio --sort symbol 2>/dev/null |
      awk '/^ +[0-9.]+%/ {
        pct = $1; s = $0
        sub(/^ *[0-9.]+% +\[[^]]*\] /, "", s); sub(/  +.*$/, "", s)
        while (gsub(/<[^<>]*>/, "", s)) {}
        if (++n <= 8) printf "| %s | `%s` |\n", pct, s }')"
  else
    say "warning: perf record failed; no profile"
  fi
fi

# ---------------------------------------------------------------- report
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
sps() { calc %.0f "$count / $1"; }
declare -A med_wall=() med_cpu=() med_rss=() n_runs=()
for c in strata squawk tty; do
  [[ -n "${wall[$c]:-}" ]] || continue
  med_wall[$c]=$(median <<<"${wall[$c]}")
  med_cpu[$c]=$(median <<<"${cpu[$c]}")
  med_rss[$c]=$(median <<<"${rss[$c]}" | awk '{ printf "%.0f", $1 }')
  n_runs[$c]=$(wc -w <<<"${wall[$c]}" | tr -d ' ')
done
ratio=$(calc %.2f "${med_wall[squawk]} / ${med_wall[strata]}")
ratio_cpu=$(calc %.2f "${med_cpu[squawk]} / ${med_cpu[strata]}")
met=$(awk -v r="$ratio" 'BEGIN { print (r >= 2 ? "met" : "**not met**") }')

cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
mem_gib="$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"

echo "## strata benchmark: linting $count statements"
echo
echo "strata $strata_version (source $source_rev, $strata_rules rules), squawk $squawk_version ($squawk_note)," \
  "one file of $count statements ($input_lines lines, $input_bytes bytes, cksum $input_sum)."
echo "Machine: $(nproc) cores, \"$cpu_model\", $mem_gib GiB, Linux $(uname -r);" \
  "load average before / after: $load_before / $load_after."
echo "squawk reporter: \`$reporter\` ($reporter_why). strata's summary line: \`$strata_summary\`."
echo
echo "| contender | runs | median wall s | statements/s (wall) | median CPU s | statements/s (CPU) | peak RSS MiB | findings | all runs, wall s |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
row() { # KEY LABEL TOTAL
  echo "| $2 | ${n_runs[$1]} | ${med_wall[$1]} | $(sps "${med_wall[$1]}") | ${med_cpu[$1]} |" \
    "$(sps "${med_cpu[$1]}") | ${med_rss[$1]:--} | $3 | ${wall[$1]% } |"
}
row strata "\`strata lint lint.sql\`" "$strata_total"
row squawk "\`squawk --reporter $reporter lint.sql\`" "$squawk_total"
[[ -n "${wall[tty]:-}" ]] && row tty "\`squawk lint.sql\` (default tty reporter)" "${tty_total:-?}"
echo
echo "strata / squawk throughput: **${ratio}x** by wall time, ${ratio_cpu}x by CPU time" \
  "(goal: at least 2x) — $met."
if ((${#probe_wall[@]})); then
  echo
  echo "squawk reporter probe (one run each, before the rounds):"
  for rep in gcc json gitlab; do
    echo "\`$rep\` ${probe_wall[$rep]} s wall / ${probe_cpu[$rep]} s CPU / ${probe_total[$rep]} findings;"
  done
fi
echo
echo "strata findings by rule: $(rule_counts strata strata.1.out)."
echo
echo "squawk findings by rule: $(rule_counts "$reporter" "squawk-$reporter.1.out")."
if [[ -n "$perf_rows" ]]; then
  echo
  echo "Where strata spends its time (perf, self time, one run):"
  echo
  echo "| share | function |"
  echo "| ---: | --- |"
  echo "$perf_rows"
fi
say "done"
