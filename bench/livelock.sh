#!/usr/bin/env bash
# Reproduction: a deploy on ONE CPU shared with a busy process. A tracker, N agents and the seeder all run pinned to
# one core (taskset); the same deploy is timed without and then with a CPU hog on that core, in the same run and on
# the same agents. bt 1.10 livelocked here: a connection worker spun in SharedSelector.wakeupAndRegister while the
# selector thread that had to let it in was starved (a 64 MB deploy once took 734 s).
#
#   bench/livelock.sh [SIZE_MB=64] [N=3]
#
# Prints both times, the ratio and the CPU seconds each deploy cost (tracker + agents + seeder, from /proc and the
# seeder's rusage). Exits 1 if the loaded deploy took more than MAX_RATIO (3) times the unloaded one or failed.
# Env: JAR (default: this checkout's murder.jar), CPU (the core, default 0), HOGS (busy processes, default 1),
# KEEP=1 keeps the logs.
set -euo pipefail
size_mb=${1:-64}
agents=${2:-3}
cpu=${CPU:-0}
if [ "${LIVELOCK_PINNED:-}" != 1 ]; then # every process started from here on inherits the affinity
  LIVELOCK_PINNED=1 exec taskset -c "$cpu" "$0" "$@"
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$root/murder-cli/target/murder.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
max_ratio=${MAX_RATIO:-3}
java_opts=(-Xmx256m -XX:+UseSerialGC)
work="$(mktemp -d "${BENCH_DIR:-/tmp}/murder-livelock.XXXXXX")"
hogs=()
source "$root/bench/cluster.sh"
# thread dumps of the tracker and agents, for a deploy that failed (jstack, bounded: attaching is slow on a busy CPU)
dump_threads() {
  for i in "${!pids[@]}"; do timeout 60 jstack "${pids[i]}" >"$work/threads-$i.txt" 2>&1 || true; done
  echo "thread dumps in $work/threads-*.txt" >&2
}
cleanup() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_cluster
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
hz=$(getconf CLK_TCK)
ticks() { for pid in "${pids[@]}"; do awk '{print $14 + $15}' "/proc/$pid/stat"; done | awk '{s += $1} END {print s}'; }

release() { # release NAME MB: a directory of random data
  mkdir -p "$work/$1"
  head -c "$2M" /dev/urandom >"$work/$1/blob.bin"
}

# deploy NAME TIMEOUT_S: prints "wall_ms cpu_s exit_code"; the seeder's CPU is its rusage (/usr/bin/time)
deploy() {
  local name=$1 timeout_s=$2 start end before after code=0
  before=$(ticks)
  start=$(now_ms)
  /usr/bin/time -f '%U %S' -o "$work/$name.rusage" java "${java_opts[@]}" -jar "$jar" deploy "$work/$name" \
    --tracker "$tracker" --release "$name-$(date +%s)" --tag ll --key "$signing_key" --timeout "${timeout_s}s" \
    --work-dir "$work/seed-$name" >"$work/$name.out" 2>"$work/$name.err" || code=$?
  end=$(now_ms)
  after=$(ticks)
  awk -v w="$((end - start))" -v d="$((after - before))" -v hz="$hz" -v c="$code" \
    'NR == 1 {printf "%d %.1f %d\n", w, d / hz + $1 + $2, c}' "$work/$name.rusage"
}

echo "all processes pinned to CPU $cpu; jar $jar"
start_cluster "$agents" ll
release warmup 5
read -r _ _ code < <(deploy warmup 300)
[ "$code" = 0 ] || { echo "warm-up deploy failed; see $work/warmup.*" >&2; dump_threads; KEEP=1; exit 1; }

release unloaded "$size_mb"
read -r unloaded_ms unloaded_cpu code < <(deploy unloaded 600)
[ "$code" = 0 ] || { echo "unloaded deploy failed; see $work/unloaded.*" >&2; dump_threads; KEEP=1; exit 1; }

for _ in $(seq 1 "${HOGS:-1}"); do sh -c 'while :; do :; done' & hogs+=($!); done
release loaded "$size_mb"
# the loaded deploy gets 10 times the unloaded time (at least 2 minutes): enough to tell a 3x from a livelock
limit_s=$(( unloaded_ms * 10 / 1000 )); [ "$limit_s" -ge 120 ] || limit_s=120
read -r loaded_ms loaded_cpu code < <(deploy loaded "$limit_s")
[ "$code" = 0 ] || dump_threads
for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done

awk -v u="$unloaded_ms" -v l="$loaded_ms" -v uc="$unloaded_cpu" -v lc="$loaded_cpu" -v mb="$size_mb" -v n="$agents" \
  -v code="$code" -v hogs="${HOGS:-1}" 'BEGIN {
  printf "%d MB to %d agents, all on one CPU\n", mb, n
  printf "unloaded deploy: %.1f s (%.1f CPU s)\n", u / 1000, uc
  printf "with %d busy process(es) on that CPU: %.1f s (%.1f CPU s)%s\n", hogs, l / 1000, lc, code == 0 ? "" : ", exit code " code " (did not finish)"
  printf "ratio loaded / unloaded: %.2fx\n", l / u
}'
if [ "$code" != 0 ]; then echo "FAIL: the loaded deploy did not complete; see $work/loaded.*" >&2; KEEP=1; exit 1; fi
if awk -v u="$unloaded_ms" -v l="$loaded_ms" -v m="$max_ratio" 'BEGIN {exit !(l > m * u)}'; then
  echo "FAIL: more than ${max_ratio}x" >&2; exit 1
fi
echo "OK: within ${max_ratio}x"
