# Shared by the benchmark scripts; sourced, not run.
# Expects from the caller: $root, an associative array tool_pkg (tool -> Debian
# package), and the functions missing_tools (prints missing tools), say and die.

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
