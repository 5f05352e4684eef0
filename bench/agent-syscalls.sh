#!/usr/bin/env bash
# Counts the system calls and context switches of a bench's agent JVMs over their whole life, with perf: run it in
# the background next to a bench that starts N agents, e.g.
#
#   bench/agent-syscalls.sh 8 > /tmp/agents.perf &  SYSTEMS=murder REPEAT=2 bench/netbench.sh 8 64 20
#
# It waits (up to WAIT_S, 300) for N processes running `murder agent`, attaches `perf stat` to them and prints
# read, pwrite64, sendfile64, write and futex calls and context switches once they have all exited (at most
# MAX_S, 1800, after attaching). Compare builds by alternating runs with netbench's JAR=: the counts are far
# steadier than CPU-seconds on a shared machine. Needs root and perf (Debian: linux-perf).
#
#   bench/agent-syscalls.sh N
set -euo pipefail
agents=${1:?usage: bench/agent-syscalls.sh N}
[[ $agents =~ ^[1-9][0-9]*$ ]] || { echo "agent-syscalls: N must be a positive whole number, not '$agents'" >&2; exit 2; }
command -v perf >/dev/null || { echo "agent-syscalls: perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
wait_s=${WAIT_S:-300} max_s=${MAX_S:-1800}
deadline=$((SECONDS + wait_s))
pids=""
while [ "$SECONDS" -lt "$deadline" ]; do
  pids=$(pgrep -f 'java.* agent --tracker' | paste -sd, - || true)
  [ -n "$pids" ] && [ "$(tr ',' '\n' <<<"$pids" | wc -l)" -ge "$agents" ] && break
  pids=""
  sleep 0.5
done
[ -n "$pids" ] || { echo "agent-syscalls: no $agents agent JVMs within ${wait_s} s" >&2; exit 1; }
echo "agent-syscalls: counting pids $pids"
timeout "$max_s" perf stat -e syscalls:sys_enter_read,syscalls:sys_enter_pwrite64,syscalls:sys_enter_sendfile64 \
  -e syscalls:sys_enter_write,syscalls:sys_enter_futex,context-switches -p "$pids" 2>&1
