#!/usr/bin/env bash
# Benchmark: the CPU of the `murder deploy` command itself (hashing, signing, seeding, watching: a fresh JVM each
# time) under JVM option sets, run alternately on one tracker and one agent on 127.0.0.1, so that the machine's noise
# falls on every set alike.
#
#   bench/deploy-cpu.sh [SIZE_MB=64] [ROUNDS=3]
#
# VARIANTS='opts|opts|...' the option sets to compare (default: the JVM's defaults, the serial collector alone, and
# what ./murder gives the short-lived commands); JAR=path measures another build. The tracker and the agent run
# with JAVA_OPTS (-Xmx512m -XX:+UseSerialGC).
# Prints: one line per deploy (wall, user and system seconds of the deploy command), then the mean CPU and wall of
# each set and its CPU as a ratio of the first set's.
set -euo pipefail
size_mb=${1:-64}
rounds=${2:-3}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$root/murder-cli/target/murder.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
[ -x /usr/bin/time ] || { echo "deploy-cpu: needs /usr/bin/time: sudo scripts/install-bench-tools.sh (or apt-get install time)" >&2; exit 2; }
read -r -a java_opts <<<"${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
IFS='|' read -r -a variants <<<"${VARIANTS:-(JVM defaults)|-XX:+UseSerialGC|-XX:+UseSerialGC -XX:CompileThresholdScaling=5}"
work="$(mktemp -d "${BENCH_DIR:-/tmp}/murder-deploy-cpu.XXXXXX")"
source "$root/bench/cluster.sh"
cleanup() {
  stop_cluster
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "generating a ${size_mb} MB release..."
mkdir -p "$work/release"
head -c "${size_mb}M" /dev/urandom >"$work/release/app.bin"
tar -czf "$work/release.tar.gz" -C "$work/release" .
start_cluster 1 cpu

n=0
# deploy OPTS...: one deploy of the tarball, as a new release; prints "wall user sys" of the command
deploy() {
  n=$((n + 1))
  if ! /usr/bin/time -f '%e %U %S' -o "$work/time" java "$@" -jar "$jar" deploy "$work/release.tar.gz" \
      --tracker "$tracker" --release "cpu-$$-$n" --tag cpu --key "$signing_key" --json --timeout 5m \
      --work-dir "$work/seed-$n" >"$work/deploy.json" 2>"$work/deploy.log"; then
    echo "deploy $n failed; see $work/deploy.log" >&2
    KEEP=1
    exit 1
  fi
  rm -rf "$work/seed-$n"
  tail -n 1 "$work/time"
}
opts_of() { [ "$1" = "(JVM defaults)" ] || echo "$1"; }

deploy "${java_opts[@]}" >/dev/null # the agent's JIT warms up, as a long-running agent's is
: >"$work/results"
for r in $(seq 1 "$rounds"); do
  for v in "${variants[@]}"; do
    read -r -a o <<<"$(opts_of "$v")"
    t=$(deploy ${o[@]+"${o[@]}"})
    echo "round $r  $v: wall $(cut -d' ' -f1 <<<"$t") s, user $(cut -d' ' -f2 <<<"$t") s, sys $(cut -d' ' -f3 <<<"$t") s"
    echo "$v|$t" >>"$work/results"
  done
done
echo "means over $rounds rounds, ${size_mb} MB:"
awk -F'|' '{ split($2, t, " "); if (!($1 in cpu)) order[k++] = $1; cpu[$1] += t[2] + t[3]; wall[$1] += t[1]; c[$1]++ }
  END { for (i = 0; i < k; i++) { v = order[i]; m = cpu[v] / c[v]; if (i == 0) base = m
          printf "  %-55s CPU %.2f s (%.2fx)  wall %.2f s\n", v, m, m / base, wall[v] / c[v] } }' "$work/results"
