# Sourced by bench/netbench.sh: murder on the testbed. A tracker (tracker host) with tokens, N agents (one JVM per
# agent host, --bind its address, trusting a throwaway key), a warm-up deploy, then REPEAT signed deploys from the
# release host of the prebuilt tarballs. Time: the deploy's own elapsedMs (--json), its start to all ACTIVE.
m="$work/murder"
mkdir -p "$m/keys"
tracker_url="http://$trk_ip:7070"
# the deploy command runs as the installed wrapper runs it: with the class-data archive make-class-archive makes
# beside the jar (a copy of it here), unless CDS=0
deploy_jar="$jar"
if [ "${CDS:-1}" = 1 ]; then
  echo "murder: making the deploy command's class-data archive, as install.sh does..."
  mkdir -p "$m/lib"
  cp "$jar" "$m/lib/murder.jar"
  cp "$root/deploy-scripts/make-class-archive" "$m/lib/"
  if "$m/lib/make-class-archive" >"$m/lib/make.log" 2>&1; then
    deploy_jar="$m/lib/murder.jar"
    deploy_java_opts+=("-XX:SharedArchiveFile=$m/lib/murder.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  else
    echo "  it could not, the deploy command runs without one: $(tail -n 1 "$m/lib/make.log")"
  fi
fi
echo "murder: starting a tracker and $agents agents..."
java -jar "$jar" keygen --out "$m/keys/bench" >/dev/null
java -jar "$jar" token new --out "$m/deployer-tokens" 2>/dev/null
java -jar "$jar" token new --out "$m/agent-secrets" 2>/dev/null
spawn trk java "${java_opts[@]}" -jar "$jar" tracker --port 7070 --bind "$trk_ip" --data-dir "$m/tracker" \
  --deployer-tokens "$m/deployer-tokens" --agent-secrets "$m/agent-secrets" >"$m/tracker.log" 2>&1 &
murder_pids=($!)
for i in $(seq 1 "$agents"); do
  java -jar "$jar" token agent --host "agent-$i" --agent-secrets "$m/agent-secrets" --out "$m/agent-$i.token" 2>/dev/null
  spawn "a$i" java "${java_opts[@]}" -jar "$jar" agent --tracker "$tracker_url" --host "agent-$i" --tags nb \
    --deploy-root "$m/agent-$i/deploy" --data-dir "$m/agent-$i/data" --port 6881 --bind "$(agent_ip "$i")" \
    --trust "$m/keys/bench.pub" --token-file "$m/agent-$i.token" >"$m/agent-$i.log" 2>&1 &
  murder_pids+=($!)
done
token=$(grep -v '^#' "$m/deployer-tokens" | head -1)
alive=0
for _ in $(seq 1 480); do
  alive=$(in_ns rel curl -s --max-time 2 -H "Authorization: Bearer $token" "$tracker_url/api/v1/agents" 2>/dev/null \
    | grep -Eo '"alive" *: *true' | wc -l || true)
  [ "$alive" -ge "$agents" ] && break
  sleep 0.5
done
[ "$alive" -ge "$agents" ] || fail "murder: only $alive of $agents agents registered within 240 s; see $m/*.log"

# murder_deploy TARBALL RELEASE_ID OUT: a signed deploy from the release host; OUT.json, OUT.log, and OUT.rc holding
# its exit code and the CPU ticks of its JVM
murder_deploy() {
  (
    set +e
    in_ns rel java "${deploy_java_opts[@]}" -jar "$deploy_jar" deploy "$1" --tracker "$tracker_url" --release "$2" --tag nb \
      --key "$m/keys/bench.key" --json --timeout "${limit_s}s" --work-dir "$3.seed" --bind "$rel_ip" --bt-port 6881 \
      --token-file "$m/deployer-tokens" >"$3.json" 2>"$3.log"
    rc=$?
    children_ticks
    echo "$rc $kids" >"$3.rc"
  )
  read -r deploy_rc deploy_ticks <"$3.rc"
  [ "$deploy_rc" = 0 ] && grep -q '"ok" : true' "$3.json" \
    || fail "murder: deploy of $2 exited $deploy_rc; see $3.json and $3.log"
}
json_number() { grep -o "\"$1\" : [0-9]*" "$2" | head -1 | grep -o '[0-9]*$'; }
# thread_ticks PID...: "pid tid ticks category" for every live thread of these JVMs, by what the thread does
thread_ticks() {
  local pid t s f comm
  for pid in "$@"; do
    for t in /proc/"$pid"/task/*; do
      { read -r s <"$t/stat" && read -r comm <"$t/comm"; } 2>/dev/null || continue
      s=${s##*) }
      read -ra f <<<"$s"
      case $comm in
        C1\ Compiler* | C2\ Compiler*) comm=jit ;;
        murder-wire-in* | murder-wire-out*) comm=peers ;;
        murder-wire-has*) comm=hashing ;;
        murder-agent-de*) comm=unpack ;;
        HttpClient* | murder-agent-*) comm=tracker-talk ;;
        *) comm=other ;;
      esac
      echo "$pid ${t##*/} $((f[11] + f[12])) $comm"
    done
  done
}
# agent_cpu_breakdown BEFORE AFTER PROC_TICKS: the agents' CPU by activity between two thread_ticks snapshots; the
# ticks of threads that ended in between (the deploy's peer connections close when it is done) are what the
# processes' totals (PROC_TICKS) hold beyond the live threads
agent_cpu_breakdown() {
  awk -v total="$3" -v hz="$hz" 'NR == FNR { b[$1 " " $2] = $3; next }
    { d = $3 - b[$1 " " $2]; by[$4] += d; live += d }
    END { by["peers"] += total - live
      printf "    the agents by thread: peer connections (and threads that ended) %.1f s, JIT %.1f s, piece hashing %.1f s, verify+unpack %.1f s, tracker talk %.1f s, other %.1f s\n",
        by["peers"] / hz, by["jit"] / hz, by["hashing"] / hz, by["unpack"] / hz, by["tracker-talk"] / hz, by["other"] / hz }' "$1" "$2"
}
# agent_phases RELEASE: the agents' own phases of that release, from their logs: the download (torrent open to last
# piece), then verify + unpack; mean and longest. On this testbed every agent unpacks on the same two cores and disk
# at about the same moment, which a fleet of machines does not.
agent_phases() {
  cat "$m"/agent-*.log | awk -v r="$1" '
    index($0, "release " r ": downloaded ") { sub(/.* in /, ""); d += $1; if ($1 > md) md = $1; nd++ }
    index($0, "release " r ": verified in ") { sub(/.*verified in /, ""); t = $1 + $5; v += t; if (t > mv) mv = t; nv++ }
    END { if (nd && nv) printf "    on the agents: download %.1f s mean, %.1f s longest; verify+unpack %.1f s mean, %.1f s longest\n",
      d / nd, md, v / nv, mv }'
}
# link_sampler OUT: every 0.5 s, from the switch's side, each port's bytes received (what its host sent) and sent
# (what its host received): "time port rx tx" lines, until killed
link_sampler() {
  exec ip netns exec "${tb_prefix}-sw" bash -c 'while :; do t=$(date +%s.%N)
      for d in /sys/class/net/p-*; do read -r rx <"$d/statistics/rx_bytes"; read -r tx <"$d/statistics/tx_bytes"
        echo "$t ${d##*/} $rx $tx"; done; sleep 0.5; done' >"$1"
}
# link_timeline SAMPLES: second by second, the agents' downloads and uploads as a share of what their N links carry
# at RATE, and the release host's upload as a share of its link, each over the time its samples span (the sampler
# runs late on a busy machine); from the first second any agent received data to the last
link_timeline() {
  awk -v n="$agents" -v cap="$((rate_mbit * 125000))" '
    { if ($1 != t) { if (t != "") { s = int($1 - t0); dur[s] += $1 - t } else t0 = $1; t = $1 }
      if (($2, "rx") in last) { dr = $3 - last[$2, "rx"]; dt = $4 - last[$2, "tx"]
        if ($2 ~ /^p-a/) { down[s] += dt; up[s] += dr } else if ($2 == "p-rel") seed[s] += dr }
      last[$2, "rx"] = $3; last[$2, "tx"] = $4; if (s > end) end = s }
    END { printf "    links second by second (%% of capacity: agents download / agents upload / release host upload):\n"
      first = -1; for (i = 0; i <= end; i++) if (down[i] > 0) { if (first < 0) first = i; lastd = i }
      for (i = first; i >= 0 && i <= lastd; i++) {
        d = dur[i] > 0 ? dur[i] : 1
        printf "      %3d s %4.0f %4.0f %4.0f\n", i - first, 100 * down[i] / (n * cap * d), 100 * up[i] / (n * cap * d),
          100 * seed[i] / (cap * d) } }' "$1"
}
# tcp_counters: over all agent hosts, "sent retransmitted dsacks timeouts dropped_to dropped_from": their TCP's
# counters (each host is a network namespace with its own: segments sent, retransmitted, retransmissions the receiver
# reported as duplicates, retransmission timeouts) and the packets the shapers dropped toward them and from them
tcp_counters() {
  local i
  {
    for i in $(seq 1 "$agents"); do
      in_ns "a$i" cat /proc/net/snmp /proc/net/netstat
      in_ns "a$i" tc -s qdisc show dev eth0 | qdisc_drops From:
    done
    ip netns exec "${tb_prefix}-sw" tc -s qdisc show | awk '/dev p-a/ { print; on = 1; next } /^qdisc/ { on = 0 } on' \
      | qdisc_drops To:
  } | awk '$1 == "Tcp:" || $1 == "TcpExt:" { if (!($1 in names)) { names[$1] = $0; next }
        split(names[$1], h, " "); for (k = 2; k <= NF; k++) v[$1 h[k]] += $k; delete names[$1] }
      $1 == "To:" { to += $2 } $1 == "From:" { from += $2 }
      END { printf "%d %d %d %d %d %d\n", v["Tcp:OutSegs"], v["Tcp:RetransSegs"], v["TcpExt:TCPDSACKRecv"],
        v["TcpExt:TCPTimeouts"], to, from }'
}
# qdisc_drops LABEL: "LABEL n" for each qdisc's dropped packets in `tc -s qdisc show` output
qdisc_drops() {
  awk -v label="$1" '/dropped/ { gsub(/[(),]/, " "); for (k = 1; k < NF; k++) if ($k == "dropped") print label, $(k + 1) }'
}
# route_counts: "route count" lines, the requests the tracker answered since it started, by kind (its /metrics)
route_counts() {
  in_ns rel curl -s --max-time 5 -H "Authorization: Bearer $token" "$tracker_url/metrics" 2>/dev/null \
    | awk -F'[{}]' '/^murder_tracker_http_request_duration_seconds_count\{/ {
        r = $2; sub(/.*route="/, "", r); sub(/".*/, "", r); n[r] += $3 }
      END { for (r in n) print r, n[r] }' || true
}

echo "murder: warm-up deploy (${warmup_mb} MB: agents are long-running daemons with warm JITs)..."
mkdir -p "$m/warmup"
head -c "$((warmup_mb * 1024 * 1024))" /dev/urandom >"$m/warmup/blob"
tar -czf "$m/warmup.tar.gz" -C "$m/warmup" .
murder_deploy "$m/warmup.tar.gz" "warmup-$$" "$m/warmup"

for run in $(seq 1 "$repeat"); do
  out="$m/run-$run"
  before=$(ticks "${murder_pids[@]}")
  tracker_before=$(ticks "${murder_pids[0]}")
  thread_ticks "${murder_pids[@]:1}" >"$out.threads-before"
  tx_before=$(tb_tx_bytes rel)
  routes_before=$(route_counts)
  if [ "${TIMELINE:-0}" = 1 ]; then tcp_before=$(tcp_counters); link_sampler "$out.links" & sampler=$!; fi
  murder_deploy "$work/rel/release-$run.tar.gz" "bench-$$-$run" "$out"
  if [ "${TIMELINE:-0}" = 1 ]; then kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; fi
  tx_after=$(tb_tx_bytes rel)
  after=$(ticks "${murder_pids[@]}")
  tracker_after=$(ticks "${murder_pids[0]}")
  thread_ticks "${murder_pids[@]:1}" >"$out.threads-after"
  for i in $(seq 1 "$agents"); do
    files=("$m/agent-$i"/data/content/*/"release-$run.tar.gz")
    check_sha murder "agent-$i" "${files[0]}"
  done
  record murder \
    "$(awk -v e="$(json_number elapsedMs "$out.json")" 'BEGIN { printf "%.3f", e / 1000 }')" \
    "$(awk -v t="$((after - before + deploy_ticks))" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')" \
    "$(awk -v t="$((tx_after - tx_before))" -v b="${bytes[run]}" 'BEGIN { printf "%.3f", t / b }')" \
    "$(awk -v u="$(json_number seederUploadedBytes "$out.json")" -v b="${bytes[run]}" 'BEGIN { printf "%.3f", u / b }')"
  awk -v d="$deploy_ticks" -v t="$((tracker_after - tracker_before))" -v a="$((after - before))" -v n="$agents" \
    -v hz="$hz" 'BEGIN { printf "    of its CPU: the deploy command %.1f s, the tracker %.1f s, the agents %.1f s (%.2f s each)\n",
      d / hz, t / hz, (a - t) / hz, (a - t) / hz / n }'
  agent_cpu_breakdown "$out.threads-before" "$out.threads-after" "$((after - before - tracker_after + tracker_before))"
  agent_phases "bench-$$-$run"
  if [ "${TIMELINE:-0}" = 1 ]; then
    link_timeline "$out.links"
    read -r seg0 re0 ds0 to0 dt0 df0 <<<"$tcp_before"
    read -r seg1 re1 ds1 to1 dt1 df1 <<<"$(tcp_counters)"
    printf "    the agents' TCP: %d segments sent, %d retransmitted (%s%%), %d of them reported back as duplicates (D-SACK: not lost), %d timeouts; the shapers dropped %d packets toward the agents, %d from them\n" \
      "$((seg1 - seg0))" "$((re1 - re0))" "$(awk -v r="$((re1 - re0))" -v s="$((seg1 - seg0))" 'BEGIN { printf "%.2f", s ? 100 * r / s : 0 }')" \
      "$((ds1 - ds0))" "$((to1 - to0))" "$((dt1 - dt0))" "$((df1 - df0))"
  fi
  # what the deploy cost the tracker, as requests of each kind (the deploy's own status polls included)
  route_counts | awk -v before="$routes_before" -v n="$agents" 'BEGIN {
      k = split(before, l, "\n"); for (i = 1; i <= k; i++) { split(l[i], f, " "); b[f[1]] = f[2] } }
    { d = $2 - b[$1]; if (d > 0 && $1 != "metrics") { line = line sep " " $1 " " d; sep = "," } }
    END { if (line != "") printf "    tracker requests during it:%s (%d agents)\n", line, n }'
  # the deploy's time less packing, hashing and registering: its deployment created to the last host ACTIVE
  record murder-swarm "$(grep -o '"seconds" : [0-9.]*' "$out.json" | awk '$3 > m { m = $3 } END { print m }')" - - -
done

kill -TERM "${murder_pids[@]}" 2>/dev/null || true
for pid in "${murder_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
