# Sourced by the benchmarks: a tracker and agents as separate JVMs on 127.0.0.1, stopped on exit.
# Needs: jar, java_opts, work set by the caller. Sets: tracker (the URL), pids (the tracker's at 0, agent i's at i),
# signing_key (deploy --key it: every agent trusts its .pub), and exports MURDER_TOKEN_FILE (the deployer token) so
# that the callers' `murder deploy` and `murder status` authenticate.
pids=() # pids[0] is the tracker, pids[i] agent i

# start_agent I TAG: agent I (host TAG-I) on its data dir and deploy root; its log is appended to $work/agent-I.log
start_agent() {
  local i=$1 tag=$2
  MURDER_TOKEN_FILE="$work/agent-$i.token" java "${java_opts[@]}" -jar "$jar" agent --tracker "$tracker" \
    --host "$tag-$i" --tags "$tag" --deploy-root "$work/agent-$i/deploy" --data-dir "$work/agent-$i/data" \
    --port 0 --trust "$work/keys/bench.pub" >>"$work/agent-$i.log" 2>&1 &
  pids[i]=$!
}

# restart_agent I TAG [SIGNAL=TERM]: stops agent I with SIGNAL (SIGKILL after 30 s), starts it again on the same data
# dir and waits (60 s at most) until it logs that it started
restart_agent() {
  local i=$1 tag=$2 signal=${3:-TERM} pid=${pids[$1]} started
  started=$(grep -c "agent $tag-$i started" "$work/agent-$i.log" || true)
  disown "$pid" 2>/dev/null || true # no "Killed" notice from bash; the shell still reaps it, polled below
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  start_agent "$i" "$tag"
  for _ in $(seq 1 120); do
    [ "$(grep -c "agent $tag-$i started" "$work/agent-$i.log" || true)" -gt "$started" ] && return 0
    sleep 0.5
  done
  echo "agent $tag-$i did not start again within 60 s; see $work/agent-$i.log" >&2
  return 1
}

stop_cluster() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# start_cluster N TAG: a tracker and N agents named TAG-1..TAG-N with that tag, each under $work/agent-i
start_cluster() {
  local agents=$1 tag=$2 port
  port=$(java "$(dirname "${BASH_SOURCE[0]}")/FreePort.java")
  tracker="http://127.0.0.1:$port"
  signing_key="$work/keys/bench.key"
  [ -f "$signing_key" ] || java -jar "$jar" keygen --out "$work/keys/bench" >/dev/null
  java -jar "$jar" token new --out "$work/deployer-tokens" 2>/dev/null
  java -jar "$jar" token new --out "$work/agent-secrets" 2>/dev/null
  export MURDER_TOKEN_FILE="$work/deployer-tokens"
  java "${java_opts[@]}" -jar "$jar" tracker --port "$port" --bind 127.0.0.1 --data-dir "$work/tracker" \
    --deployer-tokens "$work/deployer-tokens" --agent-secrets "$work/agent-secrets" >"$work/tracker.log" 2>&1 &
  pids+=($!)
  for i in $(seq 1 "$agents"); do
    java -jar "$jar" token agent --host "$tag-$i" --agent-secrets "$work/agent-secrets" \
      --out "$work/agent-$i.token" 2>/dev/null
    start_agent "$i" "$tag"
  done
  echo "waiting for $agents agents to register..."
  local alive=0
  for _ in $(seq 1 120); do
    alive=$(java -jar "$jar" status --tracker "$tracker" --json 2>/dev/null | grep -c '"alive" : true' || true)
    [ "$alive" -ge "$agents" ] && return 0
    sleep 0.5
  done
  echo "only $alive of $agents agents registered; see $work/*.log" >&2
  return 1
}
