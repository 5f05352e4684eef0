#!/usr/bin/env bash
# Benchmark on a shaped network: murder, a plain HTTP fan-out and an aria2c swarm with opentracker deliver the same
# tarball to N agent hosts, side by side in one run, against the fluid bound. Every host (release host, tracker host,
# N agents) is a network namespace made here, on one bridge, its link shaped to RATE_MBIT in each direction (tbf).
#
#   bench/netbench.sh [N=4] [SIZE_MB=32] [RATE_MBIT=50]
#
# env: JAVA_OPTS replaces the JVM options of the tracker and agents (-Xmx512m -XX:+UseSerialGC), DEPLOY_JAVA_OPTS those
#      of the deploy command (what the launchers give it: -XX:+UseSerialGC -XX:CompileThresholdScaling=5, and the
#      class-data archive install.sh makes, which netbench makes the same way unless CDS=0); REPEAT=R
#      runs of each system, medians printed (1); DELAY_MS one-way netem delay on each link direction (0);
#      SYSTEMS a subset of "murder http aria2"; WARMUP_MB size of murder's warm-up deploy (16); TIMELINE=1 prints,
#      for each murder run, the links' use second by second (agents' download and upload, release host's upload);
#      TCP_CC the hosts' TCP congestion control (one the machine allows namespaces: reno, bbr, ...; default its
#      own, printed); JAR another build's murder.jar to run instead of this tree's (A/B runs); KEEP=1 keeps the
#      work directory (it is kept anyway when a run fails); BENCH_DIR where the files go (/tmp).
# Needs root and iproute2 (else it says why and exits 0); aria2c, opentracker and curl (scripts/install-bench-tools.sh;
# a system whose tool is missing is skipped with a line saying so); the jar (built if missing). Exits 1, naming the
# system and host, if any download is incomplete or its SHA-256 differs. Cleans up namespaces and processes on exit,
# also on Ctrl-C.
set -euo pipefail
bad() {
  echo "netbench: $1; usage: bench/netbench.sh [N=4] [SIZE_MB=32] [RATE_MBIT=50]" >&2
  exit 2
}
agents=${1:-4} size_mb=${2:-32} rate_mbit=${3:-50}
repeat=${REPEAT:-1} delay_ms=${DELAY_MS:-0} warmup_mb=${WARMUP_MB:-16} systems=${SYSTEMS:-murder http aria2}
for v in "N=$agents" "SIZE_MB=$size_mb" "RATE_MBIT=$rate_mbit" "REPEAT=$repeat" "WARMUP_MB=$warmup_mb"; do
  [[ ${v#*=} =~ ^[1-9][0-9]*$ ]] || bad "${v%%=*} must be a positive whole number, not '${v#*=}'"
done
[[ $delay_ms =~ ^[0-9]+$ ]] || bad "DELAY_MS must be a whole number of milliseconds, not '$delay_ms'"
[ "$agents" -le 200 ] || bad "N must be at most 200 (one /24), not $agents"
for s in $systems; do [[ $s =~ ^(murder|http|aria2)$ ]] || bad "SYSTEMS may name murder, http and aria2, not '$s'"; done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tb_prefix="nb$$"
source "$root/bench/testbed.sh"

jar="${JAR:-$root/murder-cli/target/murder.jar}"
if [ -n "${JAR:-}" ]; then
  [ -f "$jar" ] || bad "JAR=$jar is not a file"
else
  [ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
fi
read -r -a java_opts <<<"${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
read -r -a deploy_java_opts <<<"${DEPLOY_JAVA_OPTS:--XX:+UseSerialGC -XX:CompileThresholdScaling=5}"
hz=$(getconf CLK_TCK)
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
rel_ip=10.77.0.1 trk_ip=10.77.0.2
agent_ip() { echo "10.77.0.$((10 + $1))"; }
in_ns() { local ns="${tb_prefix}-$1"; shift; ip netns exec "$ns" "$@"; }
# spawn NS CMD...: run it as `spawn ... &`; the exec makes $! the command's own pid (ip netns exec execs too)
spawn() { local ns="${tb_prefix}-$1"; shift; exec ip netns exec "$ns" "$@"; }
now_ms() { date +%s%3N; }

work=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  testbed_down
  [ -n "$work" ] || return 0
  # a failed run keeps its logs; an interrupted one does not
  if [ "$rc" = 1 ] || [ "${KEEP:-0}" = 1 ]; then echo "netbench: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'echo "netbench: interrupted, cleaning up" >&2; exit 130' INT
trap 'echo "netbench: terminated, cleaning up" >&2; exit 143' TERM
testbed_check
# skip_system SYSTEM WHY: this system gets a line saying why instead of figures
skip_system() {
  echo "  $1 skipped: $2"
  echo "$1 skipped: $2" >>"$work/skipped"
}
fail() {
  echo "netbench: FAILED: $*" >&2
  exit 1
}

# ticks PID...: CPU ticks (user + system, own and of reaped children) of these processes; ended ones count 0
ticks() {
  local pid s total=0 f
  for pid in "$@"; do
    { read -r s <"/proc/$pid/stat"; } 2>/dev/null || continue
    s=${s##*) }
    read -ra f <<<"$s"
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}
# children_ticks: sets kids to the CPU ticks of the children this (sub)shell has reaped; no fork, so $BASHPID is us
children_ticks() {
  local s f
  read -r s <"/proc/$BASHPID/stat"
  s=${s##*) }
  read -ra f <<<"$s"
  kids=$((f[13] + f[14]))
}
# check_sha SYSTEM HOST FILE: the file is there, whole, with the release's SHA-256
check_sha() {
  [ -f "$3" ] || fail "$1: $2 has no $(basename "$3")"
  local got
  got=$(sha256sum "$3" | cut -d' ' -f1)
  [ "$got" = "${sha[run]}" ] || fail "$1: $2 got $(stat -c %s "$3") bytes with SHA-256 $got, expected ${bytes[run]} bytes with ${sha[run]}"
}

# record SYSTEM TIME_S CPU_S SENT_RATIO TOOL_RATIO: one run's figures ("-" where a system has none), to
# $work/results and as a line now
record() {
  echo "$*" >>"$work/results"
  awk -v s="$1" -v t="$2" -v c="$3" -v u="$4" -v k="$5" -v m="$t_min" -v r="$run" 'BEGIN {
    printf "  %s run %d: %.2f s (%.2f x T_min)", s, r, t, t / m
    if (c != "-") printf ", %.1f CPU-s", c
    if (u != "-") printf ", release host sent %.2f x the release", u
    if (k != "-") printf " (murder counts %.2f x)", k
    printf "\n" }'
}
# median_of SYSTEM COLUMN: the median of that column over the system's runs, or - if it has none
median_of() {
  awk -v s="$1" -v c="$2" '$1 == s && $c != "-" { print $c }' "$work/results" | sort -g \
    | awk '{ a[NR] = $1 } END { print (NR == 0 ? "-" : NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}
label() {
  case $1 in
    murder) echo "murder" ;;
    murder-swarm) echo "murder created->ACTIVE" ;;
    http) echo "http fan-out" ;;
    aria2) echo "aria2c+opentracker" ;;
  esac
}
# table_row SYSTEM: its medians as a row of the table
table_row() {
  local t c u k
  t=$(median_of "$1" 2) c=$(median_of "$1" 3) u=$(median_of "$1" 4) k=$(median_of "$1" 5)
  awk -v s="$(label "$1")" -v t="$t" -v c="$c" -v u="$u" -v k="$k" -v m="$t_min" 'BEGIN {
    printf "%-24s %8.2f %8.2f %8s  %s", s, t, t / m, (c == "-" ? c : sprintf("%.1f", c)), (u == "-" ? u : sprintf("%.2f", u))
    if (k != "-") printf " (murder counts %.2f)", k
    printf "\n" }'
}

work="$(mktemp -d "${BENCH_DIR:-/tmp}/netbench.XXXXXX")"
mkdir -p "$work/rel"
touch "$work/results" "$work/skipped"
echo "netbench: generating ${repeat} release(s) of ${size_mb} MB..."
declare -a sha bytes
for run in $(seq 1 "$repeat"); do
  src="$work/src-$run"
  mkdir -p "$src/lib" "$src/bin"
  for f in 0 1 2 3; do head -c "$((size_mb * 1024 * 1024 / 4))" /dev/urandom >"$src/lib/app-$f.jar"; done
  printf '#!/bin/sh\necho bench\n' >"$src/bin/start.sh"
  chmod 755 "$src/bin/start.sh"
  tar -czf "$work/rel/release-$run.tar.gz" -C "$src" .
  rm -rf "$src"
  sha[run]=$(sha256sum "$work/rel/release-$run.tar.gz" | cut -d' ' -f1)
  bytes[run]=$(stat -c %s "$work/rel/release-$run.tar.gz")
done
# fluid bound: every byte leaves the seeder once (S/u) and reaches each agent (S/d); all uploads together carry N
# copies (N*S/(u + N*u)). With u = d = R for every host the first two are equal and largest.
t_min=$(awk -v b="${bytes[1]}" -v r="$rate_mbit" 'BEGIN { printf "%.3f", b * 8 / (r * 1e6) }')
limit_s=$(awk -v t="$t_min" 'BEGIN { l = 40 * t; printf "%d", (l < 180 ? 180 : l) }')

echo "netbench: testbed: release host $rel_ip, tracker host $trk_ip, $agents agent hosts, ${rate_mbit} Mbit/s each way, delay ${delay_ms} ms, TCP ${TCP_CC:-$(cat /proc/sys/net/ipv4/tcp_congestion_control)}"
testbed_up
tb_host rel "$rel_ip"
tb_host trk "$trk_ip"
for i in $(seq 1 "$agents"); do tb_host "a$i" "$(agent_ip "$i")"; done

for system in $systems; do
  source "$root/bench/netbench-$system.sh"
  tb_stop_processes # nothing of one system runs on into the next
done

echo
awk -v n="$agents" -v b="${bytes[1]}" -v r="$rate_mbit" -v d="$delay_ms" -v t="$t_min" -v reps="$repeat" 'BEGIN {
  printf "netbench: %d agent hosts, release %.1f MB, every link %d Mbit/s each way (tbf), delay %d ms; median of %d run(s)\n", n, b / 1e6, r, d, reps
  printf "fluid bound: T_min = S / R = %d B * 8 / (%d Mbit/s) = %.2f s  (max(S/u_seeder, S/d_agent, N*S/(u_seeder+N*u_agent)) with all u = d = R; TCP over Ethernet carries at most 1448 of each 1514 bytes, so 1.05 x is the practical floor)\n", b, r, t
  printf "%-24s %8s %8s %8s  %s\n", "system", "time_s", "x_T_min", "cpu_s", "release host sent / release size" }'
for system in $systems; do
  line=$(grep "^$system skipped: " "$work/skipped" || true)
  if [ -n "$line" ]; then
    printf '%-24s %s\n' "$(label "$system")" "${line#"$system "}"
    continue
  fi
  table_row "$system"
  [ "$system" != murder ] || table_row murder-swarm
done
printf '%-24s %8.2f %8.2f %8s  %.2f\n' "fluid bound" "$t_min" 1 - 1
