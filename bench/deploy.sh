#!/usr/bin/env bash
# Benchmark: deploy a release of SIZE_MB to N agents on 127.0.0.1 (separate JVMs) and compare with a plain copy
# of the same tarball to each agent's directory, measured in the same run.
#
#   bench/deploy.sh [SIZE_MB=200] [N=10]
#
# JAR=path measures another build of murder.jar; JAVA_OPTS replaces the JVM options (-Xmx512m -XX:+UseSerialGC).
#
# Prints: wall time of `murder deploy` (start to all ACTIVE), aggregate throughput, bytes the seeder uploaded versus
# bytes delivered (the rest travelled agent to agent), the CPU seconds the deploy cost (tracker, agents and seeder:
# utime + stime from /proc and the seeder's rusage), and the plain-copy baseline with the ratio between them.
set -euo pipefail
size_mb=${1:-200}
agents=${2:-10}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$root/murder-cli/target/murder.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
read -r -a java_opts <<<"${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
# BENCH_DIR picks the filesystem (e.g. /dev/shm to take the disk out); KEEP=1 keeps the logs and files
work="$(mktemp -d "${BENCH_DIR:-/tmp}/murder-bench.XXXXXX")"
source "$root/bench/cluster.sh"
cleanup() {
  stop_cluster
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

echo "generating a ${size_mb} MB release..."
mkdir -p "$work/release/lib" "$work/release/bin"
per_file=$(( size_mb / 4 ))
for f in 0 1 2 3; do head -c "${per_file}M" /dev/urandom >"$work/release/lib/app-$f.jar"; done
printf '#!/bin/sh\necho bench\n' >"$work/release/bin/start.sh"; chmod 755 "$work/release/bin/start.sh"

# baseline, before any agent runs: a tarball of the release (what the agents get) copied plainly into each agent's
# directory, each copy made durable as the agents make their unpack durable
tar -czf "$work/baseline.tar.gz" -C "$work/release" .
start=$(now_ms)
for i in $(seq 1 "$agents"); do
  mkdir -p "$work/agent-$i"
  cp "$work/baseline.tar.gz" "$work/agent-$i/copy.tar.gz"
  sync "$work/agent-$i/copy.tar.gz"
done
end=$(now_ms)
copy_ms=$(( end - start ))
rm -f "$work"/agent-*/copy.tar.gz

start_cluster "$agents" bench

# agents are long-running daemons: warm their JITs with a small deploy first, as production agents are warm
mkdir -p "$work/warmup"
head -c 20M /dev/urandom >"$work/warmup/warmup.bin"
java "${java_opts[@]}" -jar "$jar" deploy "$work/warmup" --tracker "$tracker" --release "warmup-$(date +%s)" \
  --tag bench --key "$signing_key" --timeout 5m --work-dir "$work/seed-warmup" >"$work/warmup.log" 2>&1 \
  || { echo "warm-up deploy failed; see $work/warmup.log" >&2; exit 1; }

ticks() { for pid in "${pids[@]}"; do awk '{print $14 + $15}' "/proc/$pid/stat"; done | awk '{s += $1} END {print s}'; }
ticks_before=$(ticks)
start=$(now_ms)
/usr/bin/time -f '%U %S' -o "$work/seeder.rusage" java "${java_opts[@]}" -jar "$jar" deploy "$work/release" \
  --tracker "$tracker" --release "bench-$(date +%s)" \
  --tag bench --key "$signing_key" --json --timeout 15m --work-dir "$work/seed" >"$work/summary.json" 2>"$work/deploy.log"
end=$(now_ms)
ticks_after=$(ticks)
cpu_s=$(awk -v d="$((ticks_after - ticks_before))" -v hz="$(getconf CLK_TCK)" 'NR == 1 {printf "%.1f", d / hz + $1 + $2}' \
  "$work/seeder.rusage")
deploy_ms=$(( end - start ))
grep -q '"ok" : true' "$work/summary.json" || { cat "$work/summary.json" "$work/deploy.log" >&2; exit 1; }

tarball=$(ls "$work"/seed/*.tar.gz)
bytes=$(stat -c %s "$tarball")
uploaded=$(grep -o '"seederUploadedBytes" : [0-9]*' "$work/summary.json" | grep -o '[0-9]*$')
elapsed_ms=$(grep -o '"elapsedMs" : [0-9]*' "$work/summary.json" | grep -o '[0-9]*$')


delivered=$(( bytes * agents ))
# per-agent phases, from the agents' INFO lines: swarm download time, and arrival to activation
download_s=$(grep -h "release bench-" "$work"/agent-*.log | grep -o 'MB in [0-9.]* s from'  | awk '{print $3}' | sort -n | paste -sd' ')
activate_s=$(grep -h "release bench-" "$work"/agent-*.log | grep -o '([0-9.]* s after it arrived)'  | tr -d '(' | awk '{print $1}' | sort -n \
  | paste -sd' ')
awk -v n="$agents" -v b="$bytes" -v d="$deploy_ms" -v e="$elapsed_ms" -v c="$copy_ms" -v u="$uploaded" -v del="$delivered" 'BEGIN {
  printf "release: %.1f MB tarball to %d agents on 127.0.0.1\n", b / 1e6, n
  printf "murder deploy, process wall time: %.2f s (aggregate %.1f MB/s)\n", d / 1000, del / 1e6 / (d / 1000)
  printf "murder deploy, its own start to all ACTIVE (elapsedMs, no JVM start or seeder shutdown): %.2f s\n", e / 1000
  printf "seeder uploaded %.1f MB of %.1f MB delivered (%.1f%%); agents served the rest to each other\n", u / 1e6, del / 1e6, 100 * u / del
  printf "baseline, plain copy of the tarball to each agent dir + sync: %.2f s (%.1f MB/s)\n", c / 1000, del / 1e6 / (c / 1000)
  printf "ratio deploy / plain copy: %.1fx\n", d / c
}'
echo "CPU of the deploy (tracker + agents + seeder, user + system): $cpu_s s"
echo "per agent, swarm download (s): $download_s"
echo "per agent, deployment start to ACTIVE (s): $activate_s"
echo "per agent, verify + unpack (s): $(grep -h "release bench-" "$work"/agent-*.log \
  | grep -o 'verified in [0-9.]* s, staged in [0-9.]* s' | awk '{print $3 "+" $7}' | paste -sd' ')"
