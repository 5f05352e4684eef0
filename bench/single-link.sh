#!/usr/bin/env bash
# Benchmark: one link. A SIZE_MB file goes from one sender process to one receiver process on 127.0.0.1, three ways,
# measured in the same run, interleaved (the order rotates each round), REPEAT times each; medians are printed:
#   raw TCP   one socket, the sender's FileChannel.transferTo to the receiver's read/write loop + FileChannel.force:
#             the baseline;
#   wire      murder's wire engine (murder.core.wire): the seeder opens the torrent as Role.INITIAL_SEED (as the
#             release host does), one leecher; time from the leecher's open() to downloaded() (every piece SHA-1
#             checked by the engine, file forced to disk);
#   bt        the bt library engine (BtRuntimeFactory + SwarmSession), the same way (bt has no super-seeding role).
# Every seeder and leecher is a JVM of its own (bench/SingleLink.java, compiled once), with a minimal tracker (a third
# JVM) answering compact peers; the leecher's engine is started before its clock (agents are long-running), the JVM's
# start is never counted. Each received file is compared with the original (cmp).
#
#   bench/single-link.sh [SIZE_MB=1024] [REPEAT=3]
#
# JAR=path measures another build of murder.jar. LEECH_OPTS: the receivers' JVM options (default: ./murder's
# agent_java_opts); SEED_OPTS the senders' (default -Xmx512m -XX:+UseSerialGC). SYSTEMS="raw wire bt" picks and orders
# the systems. DEADLINE_S bounds one transfer (default 60 + SIZE_MB / 4, i.e. a 4 MB/s floor); one that misses it
# fails the run, naming the system and round. BENCH_DIR picks the filesystem for the files (default /tmp; /dev/shm
# takes the disk out); KEEP=1 keeps the logs. The page cache is not dropped: the source file is read from memory.
#
# Prints one line per transfer, then the table: system, seconds, MB/s, ratio to raw TCP (throughput), CPU seconds of
# the leecher (receiver) and of the seeder (sender) over the transfer (utime + stime; the leecher's own
# OperatingSystemMXBean figure from open() to done, the seeder's from /proc/PID/stat around the leecher's run).
set -euo pipefail
size_mb=${1:-1024}
repeat=${2:-3}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$root/murder-cli/target/murder.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -o -DskipTests -Ddist.skip=true package)
if [ -z "${LEECH_OPTS+set}" ]; then
  LEECH_OPTS=$(sed -n 's/^agent_java_opts="\(.*\)"$/\1/p' "$root/murder")
fi
read -r -a leech_opts <<<"$LEECH_OPTS"
read -r -a seed_opts <<<"${SEED_OPTS:--Xmx512m -XX:+UseSerialGC}"
read -r -a systems <<<"${SYSTEMS:-raw wire bt}"
deadline_s=${DEADLINE_S:-$(( 60 + size_mb / 4 ))}
hz=$(getconf CLK_TCK)
work="$(mktemp -d "${BENCH_DIR:-/tmp}/murder-link.XXXXXX")"
tracker_pid=
seeder_pid=
cleanup() {
  for pid in $seeder_pid $tracker_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $seeder_pid $tracker_pid; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
die() { echo "single-link: $*" >&2; exit 1; }

# the harness, compiled once (a single-file launch would compile it again in every process)
javac -nowarn -cp "$jar" -d "$work/classes" "$root/bench/SingleLink.java"
cp=("$jar:$work/classes")

# waits (bounded) for FILE to appear, while PID lives
await_file() { # FILE PID SECONDS WHAT
  local end=$(( $(date +%s) + $3 ))
  until [ -s "$1" ]; do
    kill -0 "$2" 2>/dev/null || die "$4 exited before it was ready (see ${5:-its log})"
    [ "$(date +%s)" -lt "$end" ] || die "$4 was not ready within $3 s"
    sleep 0.1
  done
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# waits (bounded) for the seeder to exit, then kills it
reap_seeder() { # WHAT
  local end=$(( $(date +%s) + 20 ))
  while kill -0 "$seeder_pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$end" ]; then
      echo "single-link: $1 did not exit within 20 s; killed" >&2
      kill -9 "$seeder_pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  wait "$seeder_pid" 2>/dev/null || true
  seeder_pid=
}

echo "generating a ${size_mb} MB file under $work..."
mkdir -p "$work/seed"
head -c "${size_mb}M" /dev/urandom >"$work/seed/blob.bin"
bytes=$(stat -c %s "$work/seed/blob.bin")

java -Xmx64m -XX:+UseSerialGC -cp "${cp[@]}" SingleLink tracker "$work/tracker.port" >"$work/tracker.log" 2>&1 &
tracker_pid=$!
await_file "$work/tracker.port" "$tracker_pid" 30 "the tracker" "$work/tracker.log"
announce="http://127.0.0.1:$(cat "$work/tracker.port")/announce"
java -cp "${cp[@]}" SingleLink torrent "$work/seed/blob.bin" "$announce" "$work/blob.torrent" >"$work/torrent.log"
echo "torrent: $(cat "$work/torrent.log") (info-hash, piece size); deadline per transfer ${deadline_s} s"
echo "leecher JVM options: ${LEECH_OPTS:-(JVM defaults)}; seeder: ${seed_opts[*]}"

# one transfer: prints "SYSTEM ROUND SECONDS LEECHER_CPU SEEDER_CPU" to $work/results
run_one() { # SYSTEM ROUND
  local sys=$1 round=$2 tag="$1-$2" out t0 t1 line
  rm -rf "$work/leech"; mkdir -p "$work/leech"
  rm -f "$work/ready" "$work/stop"
  if [ "$sys" = raw ]; then
    java "${seed_opts[@]}" -cp "${cp[@]}" SingleLink raw-send "$work/seed/blob.bin" "$work/ready" "$work/stop" \
      >"$work/$tag.seed.log" 2>&1 &
  else
    java "${seed_opts[@]}" -cp "${cp[@]}" SingleLink seed "$sys" "$work/blob.torrent" "$work/seed" "$work/ready" \
      "$work/stop" >"$work/$tag.seed.log" 2>&1 &
  fi
  seeder_pid=$!
  await_file "$work/ready" "$seeder_pid" 600 "the $sys seeder (round $round)" "$work/$tag.seed.log"
  t0=$(ticks "$seeder_pid")
  if [ "$sys" = raw ]; then
    set -- SingleLink raw-recv "$(cat "$work/ready")" "$work/leech/blob.bin" "$deadline_s"
  else
    set -- SingleLink leech "$sys" "$work/blob.torrent" "$work/leech" "$deadline_s"
  fi
  if ! timeout -k 10 $(( deadline_s + 60 )) java "${leech_opts[@]}" -cp "${cp[@]}" "$@" >"$work/$tag.leech.log" 2>&1
  then
    grep -h FAILED "$work/$tag.leech.log" >&2 || tail -20 "$work/$tag.leech.log" >&2
    KEEP=1
    die "the $sys leecher (round $round) failed or missed its ${deadline_s} s deadline; logs in $work"
  fi
  t1=$(ticks "$seeder_pid")
  touch "$work/stop"
  reap_seeder "the $sys seeder (round $round)"
  line=$(grep '^RESULT' "$work/$tag.leech.log") || die "the $sys leecher (round $round) printed no RESULT"
  cmp -s "$work/seed/blob.bin" "$work/leech/blob.bin" \
    || { KEEP=1; die "the $sys leecher (round $round) got a file that differs from the original"; }
  echo "$line" | awk -v s="$sys" -v r="$round" -v d="$(( t1 - t0 ))" -v hz="$hz" -v b="$bytes" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%s %d %.3f %.2f %.2f\n", s, r, v["seconds"], v["cpu"], d / hz
    printf "  round %d %-4s %7.2f s %8.1f MB/s  CPU leecher %6.2f s, seeder %6.2f s  %s(cmp ok)\n", r, s, v["seconds"], \
      b / 1e6 / v["seconds"], v["cpu"], d / hz, v["first"] < 0 ? "" : sprintf("first bytes after %.2f s ", v["first"]) \
      > "/dev/stderr"
  }' >>"$work/results"
}

n=${#systems[@]}
for round in $(seq 1 "$repeat"); do
  for k in $(seq 0 $(( n - 1 ))); do
    run_one "${systems[$(( (k + round - 1) % n ))]}" "$round"
  done
done 2>&1

median() { sort -n | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo
echo "single link on 127.0.0.1, ${size_mb} MB ($bytes bytes), medians of $repeat, files under ${BENCH_DIR:-/tmp}:"
raw_s=
[[ " ${systems[*]} " == *" raw "* ]] && raw_s=$(awk '$1 == "raw" {print $3}' "$work/results" | median)
printf "%-8s %9s %9s %12s %14s %13s\n" system seconds MB/s "ratio raw" "CPU-s leecher" "CPU-s seeder"
for sys in "${systems[@]}"; do
  s=$(awk -v s="$sys" '$1 == s {print $3}' "$work/results" | median)
  lc=$(awk -v s="$sys" '$1 == s {print $4}' "$work/results" | median)
  sc=$(awk -v s="$sys" '$1 == s {print $5}' "$work/results" | median)
  awk -v sys="$sys" -v s="$s" -v lc="$lc" -v sc="$sc" -v b="$bytes" -v raw="$raw_s" 'BEGIN {
    printf "%-8s %9.2f %9.1f %12s %14.2f %13.2f\n", sys, s, b / 1e6 / s, raw == "" ? "-" : sprintf("%.2fx", raw / s), lc, sc
  }'
done
