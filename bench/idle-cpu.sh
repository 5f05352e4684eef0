#!/usr/bin/env bash
# Benchmark: CPU that idle agents burn while they keep seeding. Starts a tracker and N agents on 127.0.0.1, deploys a
# 20 MB release, lets things settle for 10 s, then reads the processes' CPU ticks over 10 s.
#
#   bench/idle-cpu.sh [N=8]
set -euo pipefail
agents=${1:-8}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/murder-cli/target/murder.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
java_opts=(-Xmx256m -XX:+UseSerialGC)
work="$(mktemp -d /tmp/murder-idle.XXXXXX)"
source "$root/bench/cluster.sh"
cleanup() {
  stop_cluster
  rm -rf "$work"
}
trap cleanup EXIT

start_cluster "$agents" idle
mkdir -p "$work/release"
head -c 20M /dev/urandom >"$work/release/blob"
java "${java_opts[@]}" -jar "$jar" deploy "$work/release" --tracker "$tracker" --release idle-1 --tag idle \
  --key "$signing_key" --timeout 5m >"$work/deploy.log" 2>&1 || { cat "$work/deploy.log" >&2; exit 1; }

sleep 10 # settle: JIT and the last announces
ticks() { for pid in "${pids[@]}"; do awk '{print $14 + $15}' "/proc/$pid/stat"; done | awk '{s += $1} END {print s}'; }
hz=$(getconf CLK_TCK)
before=$(ticks); sleep 10; after=$(ticks)
awk -v d="$((after - before))" -v hz="$hz" -v n="$((agents + 1))" 'BEGIN {
  printf "idle, 10 s after a deploy: tracker + %d seeding agents used %.1f%% of one core (%.1f%% per process)\n", n - 1, 100 * d / hz / 10, 100 * d / hz / 10 / n
}'
