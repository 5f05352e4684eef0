#!/usr/bin/env bash
# Fuzz: random and mutated-valid requests thrown at the tracker's announce parser and control API router (with a
# real SQLite store behind it). Prints the number of inputs, the answers per status class and the time; fails if
# any input got a 5xx, threw or hung (each failure is printed with the input that caused it).
#
#   bench/fuzz.sh [INPUTS=100000] [SEED=random]
set -euo pipefail
inputs=${1:-100000}
seed=${2:-$RANDOM$RANDOM}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log="$(mktemp /tmp/murder-fuzz.XXXXXX)"
trap 'rm -f "$log"' EXIT
cd "$root"
if mvn -B -q -pl murder-tracker -am -Dtest=ApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmurder.fuzz.inputs="$inputs" -Dmurder.fuzz.seed="$seed" test >"$log" 2>&1; then
  grep -o 'fuzz: .*' "$log"
else
  grep -oE '(fuzz: |#[0-9]+ ).*' "$log" | cut -c1-400 >&2 || cat "$log" >&2
  echo "fuzz: FAILED (seed $seed); replay with: bench/fuzz.sh $inputs $seed" >&2
  exit 1
fi
