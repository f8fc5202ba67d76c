#!/usr/bin/env bash
# The tree's form, checked before anything is built (scripts/test.sh calls it):
# every C++ file as clang-format-14 formats it under .clang-format.
# `scripts/check.sh --fix` formats the files in place instead.
# Exit 1, naming the files, when one differs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

fix=0
for arg in "$@"; do
  case "$arg" in
    --fix) fix=1 ;;
    *) echo "check.sh: unknown argument '$arg' (known: --fix)" >&2; exit 2 ;;
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
