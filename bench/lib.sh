# Shared by the benchmark scripts; sourced, not run.
# Expects from the caller: $root, the functions say and die, and, by the time
# its functions run, an associative array tool_pkg (tool -> Debian package) and
# the work directory $tmp (with $cluster_started when a cluster may run there).

# The end of a run, for the caller's EXIT trap: with KEEP set, copies $tmp/$1
# there; stops the cluster in $tmp/pg if one was started; removes $tmp.
remove_workdir() {
  local kept=$1
  [[ -n "$tmp" && -d "$tmp" ]] || return 0
  if [[ -n "${KEEP:-}" && -n "$kept" && -d "$tmp/$kept" ]]; then
    mkdir -p "$KEEP" && cp -r "$tmp/$kept/." "$KEEP/" && say "kept $kept/ in $KEEP"
  fi
  if ((${cluster_started:-0})); then
    "$root/scripts/pg_cluster.sh" stop "$tmp/pg" >/dev/null 2>&1 ||
      say "warning: could not stop the cluster in $tmp/pg"
  fi
  rm -rf "$tmp"
}

# Prints the tools of tool_pkg that are not on this machine, one a line.
missing_tools() {
  local t
  for t in "${!tool_pkg[@]}"; do
    command -v "$t" >/dev/null 2>&1 || echo "$t"
  done
}

# Installs what the benchmark needs through scripts/install_deps.sh --bench. That
# script installs its whole list in one apt-get call, which fails as a whole when
# one package conflicts with the machine (e.g. Debian's npm against a nodejs that
# already ships npm); what is still missing is then installed one by one.
install_missing_tools() {
  [[ -n "$(missing_tools)" ]] || return 0
  [[ $(id -u) -eq 0 ]] || die "missing: $(missing_tools | tr '\n' ' '); run as root to install them"
  say "installing the benchmark's packages (scripts/install_deps.sh --bench)"
  if ! "$root/scripts/install_deps.sh" --bench; then
    say "warning: install_deps.sh --bench failed; installing missing tools one by one"
  fi
  local t
  for t in $(missing_tools); do
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${tool_pkg[$t]}" >/dev/null || die "could not install ${tool_pkg[$t]}"
  done
  local left
  left="$(missing_tools | tr '\n' ' ')"
  [[ -z "$left" ]] || die "still missing after install: $left"
}

# Sets $strata to the binary to measure: $STRATA_BIN (made absolute, as the tools
# run from temporary folders) when set, else a Release build in build-bench/.
resolve_strata() {
  if [[ -n "${STRATA_BIN:-}" ]]; then
    strata="$(realpath -e "$STRATA_BIN")" || die "no strata binary at $STRATA_BIN"
    return 0
  fi
  local build="$root/build-bench"
  # build.sh configures only once; make sure an existing build-bench is Release.
  if [[ -f "$build/CMakeCache.txt" ]] &&
    ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt"; then
    say "reconfiguring $build as Release"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  say "building strata (Release) in $build"
  local log="${TMPDIR:-/tmp}/strata-bench-build.$$.log"
  STRATA_BUILD_DIR="$build" STRATA_CMAKE_ARGS=-DCMAKE_BUILD_TYPE=Release \
    "$root/scripts/build.sh" >"$log" 2>&1 || {
    tail -n 40 "$log" >&2
    rm -f "$log"
    die "build failed"
  }
  rm -f "$log"
  grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt" ||
    die "$build is not a Release build"
  strata="$build/cli/strata"
  [[ -x "$strata" ]] || die "no strata binary at $strata"
}

# Starts a throwaway PostgreSQL 15 cluster in DIR on the first free port from
# FIRST_PORT (20 tries) and sets $admin_url; sets cluster_started=1 for the
# caller's clean-up. The default ports lie outside Linux's ephemeral range
# (32768-60999), so a client connection's local port cannot take them.
start_cluster() {
  local dir=$1 first=$2 port
  port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  admin_url=""
  for ((port = first; port < first + 20; port++)); do
    port_busy "$port" && continue
    say "starting PostgreSQL 15 on 127.0.0.1:$port"
    cluster_started=1
    if admin_url="$("$root/scripts/pg_cluster.sh" start "$dir" "$port")"; then
      return 0
    fi
    tail -n 5 "$dir/server.log" >&2 2>/dev/null || true
    "$root/scripts/pg_cluster.sh" stop "$dir" >/dev/null 2>&1 || true
    cluster_started=0
    admin_url=""
  done
  die "could not start PostgreSQL on any port in $first..$((first + 19))"
}
