#!/usr/bin/env bash
# Times short commands side by side, interleaved: round after round, each
# command once, so that a busy moment of a shared machine falls on all of them
# alike (hyperfine runs one command's runs, then the next one's). Prints the
# median, mean and minimum wall time of each, in milliseconds, as a Markdown
# table. Standard output and error of the commands are thrown away; a command
# that fails stops the run.
#
#   bench/interleave.sh ROUNDS 'command one' 'command two' ...
#
# Each command is a line of shell (it may set variables: 'FOO=1 prog arg').
# The first 5 rounds are warm-ups and are not counted.
set -euo pipefail

(($# >= 2)) || { echo "usage: $0 ROUNDS 'command' ['command' ...]" >&2; exit 2; }
rounds=$1
shift
[[ "$rounds" =~ ^[0-9]+$ ]] && ((rounds > 0)) || { echo "ROUNDS must be a positive number" >&2; exit 2; }
commands=("$@")
warmups=5

declare -a times
for ((r = 0; r < warmups + rounds; r++)); do
  for i in "${!commands[@]}"; do
    t0=$EPOCHREALTIME
    eval "${commands[i]}" >/dev/null 2>&1 || { echo "failed: ${commands[i]}" >&2; exit 1; }
    t1=$EPOCHREALTIME
    ((r < warmups)) && continue
    times[i]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }') "
  done
done

echo "| command | median ms | mean ms | min ms |"
echo "| --- | ---: | ---: | ---: |"
for i in "${!commands[@]}"; do
  tr ' ' '\n' <<<"${times[i]}" | grep . | sort -n | awk -v name="${commands[i]}" '
    { v[NR] = $1; sum += $1 }
    END {
      median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "| `%s` | %.2f | %.2f | %.2f |\n", name, median, sum / NR, v[1]
    }'
done
