#!/usr/bin/env bash
# Benchmark: CPU that idle agents burn while they keep seeding. Starts a tracker and N agents on 127.0.0.1, deploys a
# 20 MB release, lets things settle for 10 s, then reads the processes' CPU ticks over 10 s.
#
#   bench/idle-cpu.sh [N=8]
#
# JAR=path measures another build of murder.jar (e.g. one built from an older commit), SETTLE_S the wait before
# measuring (10 s), MEASURE_S the window (10 s), JAVA_OPTS the JVM options (-Xmx256m -XX:+UseSerialGC). Also prints each
# agent's RSS (VmRSS) at the end.
set -euo pipefail
agents=${1:-8}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$root/murder-cli/target/murder.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
read -r -a java_opts <<<"${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}" # JAVA_OPTS: the JVM options of tracker and agents
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

# settle: the last announces, and the JIT, which goes on compiling the heartbeat's code for minutes (on 2026-12-04,
# 4 agents: 0.45% of a core each measured from 60 s after the deploy, 0.33% from 300 s)
sleep "${SETTLE_S:-10}"
ticks() { for pid in "$@"; do awk '{print $14 + $15}' "/proc/$pid/stat"; done | awk '{s += $1} END {print s}'; }
hz=$(getconf CLK_TCK)
window=${MEASURE_S:-10}
tracker_before=$(ticks "${pids[0]}"); agents_before=$(ticks "${pids[@]:1}")
sleep "$window"
tracker_after=$(ticks "${pids[0]}"); agents_after=$(ticks "${pids[@]:1}")
awk -v t="$((tracker_after - tracker_before))" -v a="$((agents_after - agents_before))" -v hz="$hz" -v n="$agents" \
  -v w="$window" -v s="${SETTLE_S:-10}" 'BEGIN {
  printf "idle for %d s from %d s after a deploy: tracker + %d seeding agents used %.1f%% of one core: tracker %.1f%%, %.2f%% per agent\n", w, s, n, 100 * (t + a) / hz / w, 100 * t / hz / w, 100 * a / hz / w / n
}'
for i in $(seq 1 "$agents"); do
  awk -v i="$i" '/^VmRSS:/ {printf "agent %d RSS %d MB\n", i, $2 / 1024}' "/proc/${pids[i]}/status"
done
