#!/usr/bin/env bash
# The tree's form, checked before anything is built (scripts/test.sh calls it):
# 1. every C++ file as clang-format-14 formats it under .clang-format;
# 2. clang-tidy-14 under .clang-tidy finds nothing in the C++ files changed since
#    the commit in .clang-tidy-baseline (committed or not, new files included).
# `scripts/check.sh --fix` formats the files in place instead (no clang-tidy).
# `scripts/check.sh --tidy-all` runs clang-tidy over every file instead of the
# changed ones (some 60 CPU-minutes for 317 files: not for CI).
# Exit 1, naming the files (clang-tidy: file:line and the check), on a finding.
#
# The baseline: a full run costs more than CI can spend, so CI checks only what
# changed since a commit whose whole tree was tidied (every file in scope). The
# commit must stay reachable: after a squash or rebase merge, record the new
# one. To advance it, run `scripts/check.sh --tidy-all`, fix what it finds,
# commit, then write that commit's id (`git rev-parse HEAD >
# .clang-tidy-baseline`) and commit that.
# After a change to .clang-tidy, do the same.
# Without the baseline commit (a shallow clone) the check fails and says so:
# checking every file instead would cost CI's whole budget, silently.
#
# clang-tidy needs a compile database: build-tidy/compile_commands.json, from
# a CMake configure alone (clang-14, the fuzz targets on). No header is
# generated at build time (the one custom command links libpq into an object),
# so nothing needs building first; should one ever be, build it here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

fix=0
tidy_all=0
for arg in "$@"; do
  case "$arg" in
    --fix) fix=1 ;;
    --tidy-all) tidy_all=1 ;;
    *) echo "check.sh: unknown argument '$arg' (known: --fix, --tidy-all)" >&2; exit 2 ;;
  esac
done

command -v clang-format-14 >/dev/null || { echo "check.sh: clang-format-14 is missing (scripts/install_deps.sh --test installs it)" >&2; exit 1; }

mapfile -t files < <(git ls-files '*.cc' '*.h')
if ((fix)); then
  clang-format-14 -i "${files[@]}"
  exit 0
fi
# One process for every file (one per file cost a minute); the files that
# differ are those its warnings name.
if ! report="$(clang-format-14 --dry-run "${files[@]}" 2>&1)"; then
  printf '%s\n' "$report" >&2
  echo "check.sh: clang-format-14 failed; see above" >&2
  exit 1
fi
mapfile -t unformatted < <(printf '%s\n' "$report" |
  sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning: code should be clang-formatted.*/\1/p' | sort -u)
if ((${#unformatted[@]})); then
  printf '%s\n' "${unformatted[@]}" >&2
  echo "check.sh: ${#unformatted[@]} file(s) differ from clang-format-14's layout; run scripts/check.sh --fix" >&2
  exit 1
fi
echo "check.sh: ${#files[@]} files formatted" >&2

# --- clang-tidy ---
command -v clang-tidy-14 >/dev/null || { echo "check.sh: clang-tidy-14 is missing (scripts/install_deps.sh --test installs it)" >&2; exit 1; }
# bench/ needs Google Benchmark, which CI does not install: not tidied.
in_scope() { grep -E '^(src|cli|fuzz|tests)/.*\.(cc|h)$' || true; }
if ((tidy_all)); then
  mapfile -t tidy_files < <(git ls-files '*.cc' | in_scope)
  header_filter="^$root/(src|cli|fuzz|tests)/"
else
  baseline="$(tr -d '[:space:]' <.clang-tidy-baseline)"
  if ! git cat-file -e "$baseline^{commit}" 2>/dev/null; then
    echo "check.sh: the clang-tidy baseline $baseline (.clang-tidy-baseline) is not in this clone;" \
      "a shallow clone? fetch it (git fetch --unshallow) or run scripts/check.sh --tidy-all" >&2
    exit 1
  fi
  mapfile -t changed < <({ git diff --name-only --diff-filter=d "$baseline" -- '*.cc' '*.h'
                           git ls-files --others --exclude-standard -- '*.cc' '*.h'; } | in_scope | sort -u)
  # A changed header is checked on its own (clang-tidy borrows the flags of a
  # neighbouring file); in the others, only the changed headers' findings count.
  tidy_files=("${changed[@]}")
  header_filter='^$'
  mapfile -t headers < <(printf '%s\n' "${changed[@]}" | grep '\.h$' || true)
  if ((${#headers[@]})); then
    header_filter="^$root/($(printf '%s\n' "${headers[@]}" | sed 's/[.]/[.]/g' | paste -sd'|'))$"
  fi
  if ((${#tidy_files[@]} == 0)); then
    echo "check.sh: clang-tidy: no C++ file changed since $baseline" >&2
    exit 0
  fi
fi

# The compile database, configured again when missing or older than a CMake file.
db="$root/build-tidy"
stale=0
if [[ -f "$db/compile_commands.json" ]]; then
  while IFS= read -r f; do
    [[ "$f" -nt "$db/compile_commands.json" ]] && stale=1
  done < <(git ls-files 'CMakeLists.txt' '*/CMakeLists.txt' 'cmake/*')
else
  stale=1
fi
if ((stale)); then
  if ! log="$(cmake -S "$root" -B "$db" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_C_COMPILER=clang-14 \
                -DCMAKE_CXX_COMPILER=clang++-14 -DSTRATA_FUZZ=ON 2>&1)"; then
    printf '%s\n' "$log" >&2
    echo "check.sh: configuring $db for clang-tidy failed; see above" >&2
    exit 1
  fi
fi

echo "check.sh: clang-tidy-14 on ${#tidy_files[@]} file(s)" >&2
out="$(mktemp -d /tmp/strata-tidy.XXXXXX)"
trap 'rm -rf "$out"' EXIT
# One process per file, as many at once as there are cores, each at low priority.
status=0
printf '%s\n' "${tidy_files[@]}" |
  xargs -r -P "$(nproc)" -I{} sh -c 'nice -n 10 clang-tidy-14 -p "$1" --quiet --header-filter="$2" "$3" \
      >"$4/$(echo "$3" | tr / _).log" 2>&1 || echo "$3" >>"$4/failed"' sh "$db" "$header_filter" {} "$out" ||
  status=$?
# Each finding once (a header's may come from several files), its path relative.
findings="$(cat "$out"/*.log | sed -n "s|^$root/||; /^[^ ]*:[0-9]*:[0-9]*: \(warning\|error\): /p" | sort -u)"
if [[ -n "$findings" || -f "$out/failed" || $status != 0 ]]; then
  [[ -n "$findings" ]] && printf '%s\n' "$findings" >&2
  if [[ -z "$findings" ]]; then cat "$out"/*.log >&2; fi
  echo "check.sh: clang-tidy-14: $(printf '%s' "$findings" | grep -c . || true) finding(s); see above" \
    "(.clang-tidy says why each check is on)" >&2
  exit 1
fi
echo "check.sh: clang-tidy-14: ${#tidy_files[@]} file(s) clean" >&2
