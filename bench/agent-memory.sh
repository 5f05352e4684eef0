#!/usr/bin/env bash
# Benchmark: agent memory. Starts a tracker and N agents on 127.0.0.1, deploys a SIZE_MB release and samples each
# agent's resident set (VmRSS from /proc/<pid>/status) every 0.5 s: idle before the deploy, the peak while it downloads,
# verifies and unpacks, and idle again (seeding) SETTLE_S after it.
#
#   bench/agent-memory.sh [SIZE_MB=1024] [N=2]
#
# JAVA_OPTS: the agents' JVM options (default: what ./murder gives `murder agent`, agent_java_opts; "" for the JVM's
# own defaults); the tracker runs with the same, the seeder with -Xmx512m -XX:+UseSerialGC. JAR=path measures another build.
# BENCH_DIR picks the filesystem (default /tmp). Prints, per agent, idle/peak/after in MB and the ratio of the peak to
# the idle figure.
set -euo pipefail
size_mb=${1:-1024}
agents=${2:-2}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$root/murder-cli/target/murder.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
if [ -z "${JAVA_OPTS+set}" ]; then
  JAVA_OPTS=$(sed -n 's/^agent_java_opts="\(.*\)"$/\1/p' "$root/murder")
fi
read -r -a agent_opts <<<"$JAVA_OPTS"
work="$(mktemp -d "${BENCH_DIR:-/tmp}/murder-mem.XXXXXX")"
java_opts=("${agent_opts[@]}") # cluster.sh starts the agents (and the tracker) with these
source "$root/bench/cluster.sh"
sampler=
cleanup() {
  [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true
  stop_cluster
  rm -rf "$work"
}
trap cleanup EXIT

rss_mb() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$1/status"; }
echo "agents' JVM options: ${JAVA_OPTS:-(JVM defaults)}"
start_cluster "$agents" mem
mkdir -p "$work/release"
head -c "${size_mb}M" /dev/urandom >"$work/release/blob.bin"
sleep "${SETTLE_S:-20}"
declare -a idle peak
for i in $(seq 1 "$agents"); do idle[i]=$(rss_mb "${pids[i]}"); peak[i]=0; done

( while :; do
    for i in $(seq 1 "$agents"); do echo "$i $(rss_mb "${pids[i]}")"; done
    sleep 0.5
  done ) >"$work/samples" 2>/dev/null &
sampler=$!
java -Xmx512m -XX:+UseSerialGC -jar "$jar" deploy "$work/release" --tracker "$tracker" --release "mem-$(date +%s)" \
  --tag mem --key "$signing_key" --timeout 20m --work-dir "$work/seed" >"$work/deploy.log" 2>&1 \
  || { cat "$work/deploy.log" >&2; exit 1; }
sleep "${SETTLE_S:-20}"
kill "$sampler"; sampler=
for i in $(seq 1 "$agents"); do
  peak[i]=$(awk -v i="$i" '$1 == i && $2 > m {m = $2} END {print m + 0}' "$work/samples")
  after=$(rss_mb "${pids[i]}")
  awk -v i="$i" -v a="${idle[i]}" -v p="${peak[i]}" -v f="$after" -v mb="$size_mb" 'BEGIN {
    printf "agent %d: RSS idle %d MB, peak during a %d MB deploy %d MB, idle after %d MB (peak / idle %.2fx)\n", i, a, mb, p, f, p / a
  }'
done
