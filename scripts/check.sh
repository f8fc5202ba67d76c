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
unformatted=()
for f in "${files[@]}"; do
  if ! clang-format-14 --dry-run --Werror "$f" >/dev/null 2>&1; then unformatted+=("$f"); fi
done
if ((${#unformatted[@]})); then
  printf '%s\n' "${unformatted[@]}" >&2
  echo "check.sh: ${#unformatted[@]} file(s) differ from clang-format-14's layout; run scripts/check.sh --fix" >&2
  exit 1
fi
echo "check.sh: ${#files[@]} files formatted" >&2
