#!/usr/bin/env bash
# Soak: many small deploys in a row to N agents on 127.0.0.1 (separate JVMs), with agents restarted in between, to
# show that no deployment hangs and that agents do not leak threads, memory or file descriptors.
#
#   bench/soak.sh [DEPLOYS=20] [AGENTS=4] [SIZE_MB=5]
#
# After every 4th deploy one agent is restarted on the same data dir: SIGTERM, except the third restart, which is a
# kill -9. Agents 1..AGENTS-1 take turns; the last agent is never restarted. Prints per deploy its exit code and the
# time to all ACTIVE, and every 4 deploys each process's RSS, threads and open fds (from /proc). At the end, the
# thread groups (names with digits folded) of the never-restarted agent at the start and at the end, by count.
# Exits 1 if any deploy did not exit 0. KEEP=1 keeps the logs and files; SETTLE_S=N prints the resources again after N
# idle seconds at the end (bt drops a stopped torrent's peer connections only after 3 idle minutes).
set -euo pipefail
deploys=${1:-20}
agents=${2:-4}
size_mb=${3:-5}
every=4
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/murder-cli/target/murder.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
java_opts=(-Xmx256m -XX:+UseSerialGC)
work="$(mktemp -d "${BENCH_DIR:-/tmp}/murder-soak.XXXXXX")"
source "$root/bench/cluster.sh"
cleanup() {
  stop_cluster
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }

# one line per process: RSS, threads, open fds
resources() {
  local label=$1 i pid
  echo "resources $label:"
  for i in "${!pids[@]}"; do
    pid=${pids[i]}
    [ -r "/proc/$pid/status" ] || { echo "  $(name_of "$i") pid $pid gone"; continue; }
    awk -v who="$(name_of "$i")" -v pid="$pid" -v fds="$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)" '
      /^VmRSS:/ {rss = $2} /^Threads:/ {th = $2}
      END {printf "  %-8s pid %-7d RSS %4d MB  threads %3d  fds %4d\n", who, pid, rss / 1024, th, fds}' "/proc/$pid/status"
  done
}
name_of() { if [ "$1" = 0 ]; then echo tracker; else echo "agent-$1"; fi; }

# thread names of a JVM, digits folded so that pools group together, by count; from jstack, or when it cannot attach
# (a loaded machine), from /proc, where Linux keeps the first 15 characters of each name
thread_groups() {
  local names
  names=$(timeout 60 jstack "$1" 2>/dev/null | grep '^"' | cut -d'"' -f2 || true)
  [ -n "$names" ] || names=$(cat /proc/"$1"/task/*/comm 2>/dev/null || true)
  echo "$names" | sed 's/[0-9]\+/N/g' | sort | uniq -c | sort -rn
}

start_cluster "$agents" soak
steady=$agents # never restarted
resources "at start (before any deploy)"
thread_groups "${pids[steady]}" >"$work/threads-start.txt"

failed=0 restarts=0
for d in $(seq 1 "$deploys"); do
  rel="$work/release-$d"
  mkdir -p "$rel/lib"
  head -c "${size_mb}M" /dev/urandom >"$rel/lib/app.jar"
  echo "soak-$d" >"$rel/RELEASE"
  start=$(now_ms)
  code=0
  timeout --kill-after=10 300 java "${java_opts[@]}" -jar "$jar" deploy "$rel" --tracker "$tracker" \
    --release "soak-$d" --tag soak --key "$signing_key" --json --timeout 3m --work-dir "$work/seed-$d" \
    >"$work/summary-$d.json" 2>"$work/deploy-$d.log" || code=$?
  wall=$(( $(now_ms) - start ))
  elapsed=$(grep -o '"elapsedMs" : [0-9]*' "$work/summary-$d.json" | grep -o '[0-9]*$' || echo -1)
  [ "$code" = 0 ] || failed=$((failed + 1))
  awk -v d="$d" -v n="$deploys" -v c="$code" -v e="$elapsed" -v w="$wall" 'BEGIN {
    printf "deploy %2d/%d soak-%d: exit %d, all ACTIVE in %s, process wall time %.2f s\n", d, n, d, c,
      (e < 0 ? "-" : sprintf("%.2f s", e / 1000)), w / 1000 }'
  [ "$code" = 0 ] || sed 's/^/    /' "$work/deploy-$d.log" | tail -5
  rm -rf "$rel"
  if [ $((d % every)) = 0 ] && [ "$d" -lt "$deploys" ]; then
    resources "after deploy $d"
    if [ "$agents" -gt 1 ]; then
      restarts=$((restarts + 1))
      victim=$(( (restarts - 1) % (agents - 1) + 1 ))
      signal=TERM; [ "$restarts" = 3 ] && signal=KILL
      echo "restarting agent-$victim (SIG$signal)"
      restart_agent "$victim" soak "$signal"
    fi
  fi
done
sleep 3 # the last announces settle
resources "at the end, after $deploys deploys"
thread_groups "${pids[steady]}" >"$work/threads-end.txt"
if [ "${SETTLE_S:-0}" -gt 0 ]; then
  echo "idle for ${SETTLE_S} s..."
  sleep "$SETTLE_S"
  resources "after ${SETTLE_S} s idle"
fi
echo "agent-$steady (never restarted), thread groups at start:"
sed 's/^/  /' "$work/threads-start.txt"
echo "agent-$steady (never restarted), thread groups at the end:"
sed 's/^/  /' "$work/threads-end.txt"
echo "$((deploys - failed)) of $deploys deploys exited 0"
[ "$failed" = 0 ]
