# Sourced by bench/netbench.sh: a shaped testbed of network namespaces, all made here and removed by testbed_down.
#
# One namespace holds a Linux bridge (the "switch"); every host is a namespace of its own with one veth, eth0, whose
# other end is a port of that bridge. Addresses are 10.77.0.0/24 on that bridge only: no namespace has a default
# route, and the root namespace gets no interface, so nothing can reach any other address. Each link is shaped in
# both directions with tbf: the host's eth0 egress is its upload, the bridge port's egress its download.
#
# Needs: tb_prefix (namespace name prefix), rate_mbit, delay_ms set by the caller.
# Sets: tb_namespaces (every namespace made, for testbed_down).
tb_namespaces=()

tb_skip() {
  echo "netbench: skipped: $*"
  testbed_down
  exit 0
}

# testbed_check: skips (exit 0, saying why) where namespaces, veths, a bridge or tbf cannot be had
testbed_check() {
  [ "$(id -u)" = 0 ] || tb_skip "needs root (it creates network namespaces, veth pairs and tc qdiscs)"
  command -v ip >/dev/null || tb_skip "no 'ip' command (apt-get install iproute2)"
  command -v tc >/dev/null || tb_skip "no 'tc' command (apt-get install iproute2)"
  local probe="${tb_prefix}-probe" err
  err=$(ip netns add "$probe" 2>&1) || tb_skip "network namespaces are not supported here: $err"
  tb_namespaces+=("$probe")
  err=$(ip -n "$probe" link add br0 type bridge 2>&1) || tb_skip "no Linux bridge in a namespace: $err"
  err=$(ip -n "$probe" link add v0 type veth peer name v1 2>&1) || tb_skip "no veth pairs: $err"
  err=$(tc -n "$probe" qdisc add dev v0 root tbf rate 1mbit burst 16kb latency 50ms 2>&1) \
    || tb_skip "no tc tbf qdisc: $err"
  if [ "$delay_ms" != 0 ]; then
    err=$(tc -n "$probe" qdisc add dev v1 root netem delay 1ms 2>&1) \
      || tb_skip "DELAY_MS=$delay_ms needs the netem qdisc, which this kernel lacks ($err); run without DELAY_MS"
  fi
  ip netns del "$probe"
  tb_namespaces=()
}

# tb_shape NS DEV: DEV's egress in NS at rate_mbit (tbf, a 10 ms burst), after delay_ms of netem if asked
tb_shape() {
  local ns=$1 dev=$2 burst
  burst=$(( rate_mbit * 1000000 / 8 / 100 ))
  [ "$burst" -ge 16384 ] || burst=16384
  if [ "$delay_ms" = 0 ]; then
    tc -n "$ns" qdisc replace dev "$dev" root handle 1: tbf rate "${rate_mbit}mbit" burst "$burst" latency 100ms
  else
    tc -n "$ns" qdisc replace dev "$dev" root handle 1: netem delay "${delay_ms}ms" limit 100000
    tc -n "$ns" qdisc add dev "$dev" parent 1:1 handle 10: tbf rate "${rate_mbit}mbit" burst "$burst" latency 100ms
  fi
}

# testbed_up: the switch namespace and its bridge
testbed_up() {
  local sw="${tb_prefix}-sw"
  ip netns add "$sw"
  tb_namespaces+=("$sw")
  ip -n "$sw" link set lo up
  ip -n "$sw" link add br0 type bridge
  ip -n "$sw" link set br0 up
}

# tb_host NAME ADDRESS: namespace ${tb_prefix}-NAME with eth0 at ADDRESS/24 on the bridge (port p-NAME), both
# directions shaped
tb_host() {
  local ns="${tb_prefix}-$1" addr=$2 sw="${tb_prefix}-sw" port="p-$1"
  ip netns add "$ns"
  tb_namespaces+=("$ns")
  ip -n "$ns" link set lo up
  ip link add eth0 netns "$ns" type veth peer name "$port" netns "$sw"
  ip -n "$sw" link set "$port" master br0 up
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  tb_shape "$ns" eth0
  tb_shape "$sw" "$port"
  # TCP_CC: the hosts' congestion control (a namespace starts with the machine's default, here often bbr)
  if [ -n "${TCP_CC:-}" ] && ! ip netns exec "$ns" sysctl -q -w net.ipv4.tcp_congestion_control="$TCP_CC" 2>/dev/null; then
    echo "testbed: TCP_CC=$TCP_CC cannot be set in a namespace here: it takes one of" \
      "net.ipv4.tcp_allowed_congestion_control ($(cat /proc/sys/net/ipv4/tcp_allowed_congestion_control))" >&2
    exit 2
  fi
}

# tb_tx_bytes NAME: bytes host NAME has sent on its link
tb_tx_bytes() {
  ip netns exec "${tb_prefix}-$1" cat /sys/class/net/eth0/statistics/tx_bytes
}

# tb_stop_processes: ends every process in the namespaces made here (by pid: TERM, then KILL after 10 s)
tb_stop_processes() {
  local ns pids
  for ns in "${tb_namespaces[@]}"; do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [ -z "$pids" ] || kill -TERM $pids 2>/dev/null || true
  done
  for _ in $(seq 1 40); do
    pids=""
    for ns in "${tb_namespaces[@]}"; do pids+=" $(ip netns pids "$ns" 2>/dev/null || true)"; done
    [ -z "${pids// /}" ] && return 0
    sleep 0.25
  done
  kill -KILL $pids 2>/dev/null || true
}

# testbed_down: ends the processes left in the namespaces, then deletes them, which removes their veths and the bridge
testbed_down() {
  local ns
  tb_stop_processes
  for ns in "${tb_namespaces[@]}"; do
    for _ in $(seq 1 20); do [ -z "$(ip netns pids "$ns" 2>/dev/null || true)" ] && break; sleep 0.25; done
    ip netns del "$ns" 2>/dev/null || true
  done
  tb_namespaces=()
}
