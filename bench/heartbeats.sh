#!/usr/bin/env bash
# Benchmark: what heartbeats cost the tracker. Starts a tracker on 127.0.0.1 and a load generator that plays AGENTS
# agents heartbeating every 2 s (spread over the period) over 200 keep-alive connections, then prints the tracker's
# CPU in % of one core and the heartbeat latency p50/p99, measured over SECONDS after a 5 s warm-up.
#
#   bench/heartbeats.sh [AGENTS=5000] [SECONDS=30]
set -euo pipefail
agents=${1:-5000}
seconds=${2:-30}
connections=${CONNECTIONS:-200}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/murder-cli/target/murder.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
work="$(mktemp -d /tmp/murder-heartbeats.XXXXXX)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(java "$root/bench/FreePort.java")
java -Xmx512m -jar "$jar" tracker --port "$port" --bind 127.0.0.1 --data-dir "$work/tracker" \
  --no-auth --max-connections-per-source "$((connections + 16))" >"$work/tracker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  java -jar "$jar" status --tracker "http://127.0.0.1:$port" >/dev/null 2>&1 && break
  sleep 0.3
done
timeout "$((seconds + 60))" java -Xmx256m "$root/bench/HeartbeatLoad.java" "$port" "$agents" "$seconds" \
  "$connections" "$pid"
