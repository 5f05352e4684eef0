# Sourced by bench/netbench.sh: an aria2c swarm with opentracker. The torrent is the one murder makes for the tarball
# (bench/MakeTorrent.java: same piece size, private), announcing to opentracker on the tracker host (whitelist mode,
# as Debian builds it). aria2c seeds from the release host; every agent host downloads with aria2c at the same
# moment and keeps seeding until all are done (--seed-ratio=0.0), as murder agents keep seeding; DHT, PEX and local
# discovery off, announces every 2 s, as murder's. Time: start to the last download complete (aria2c's
# --on-bt-download-complete hook stamps each).
a="$work/aria2"
if ! command -v aria2c >/dev/null || ! command -v opentracker >/dev/null || ! command -v curl >/dev/null; then
  skip_system aria2 "needs aria2c, opentracker and curl (scripts/install-bench-tools.sh)"
else
  mkdir -p "$a/ot"
  aria_opts=(--no-conf --enable-dht=false --enable-dht6=false --enable-peer-exchange=false --bt-enable-lpd=false
    --disable-ipv6=true --file-allocation=none --listen-port=6881 --seed-ratio=0.0 --bt-tracker-interval=2
    --summary-interval=0 --console-log-level=warn --log-level=notice)
  printf '#!/bin/sh\ndate +%%s%%3N >"$3.done"\n' >"$a/done.sh"
  chmod 755 "$a/done.sh"
  echo "aria2: making torrents, starting opentracker..."
  declare -a info_hash
  for run in $(seq 1 "$repeat"); do
    info_hash[run]=$(java -cp "$jar" "$root/bench/MakeTorrent.java" "$work/rel/release-$run.tar.gz" \
      "http://$trk_ip:6969/announce" "$a/release-$run.torrent")
    echo "${info_hash[run]}" >>"$a/ot/whitelist.txt"
  done
  # chrooted into its own directory, as nobody; whitelist.txt is read there
  spawn trk opentracker -i "$trk_ip" -p 6969 -P 6969 -d "$a/ot" -u nobody -w whitelist.txt >"$a/opentracker.log" 2>&1 &
  ot_pid=$!
  # seeds_of RUN: how many complete peers opentracker has for the run's torrent
  seeds_of() {
    in_ns rel curl -s --max-time 2 "http://$trk_ip:6969/scrape?info_hash=$(sed 's/../%&/g' <<<"${info_hash[$1]}")" \
      2>/dev/null | tr -c '[:alnum:]:' '.' | grep -o 'completei[0-9]*e' | grep -o '[0-9]*' | head -1 || true
  }
  for run in $(seq 1 "$repeat"); do
    spawn rel aria2c "${aria_opts[@]}" --check-integrity=true --dir="$work/rel" --log="$a/seed-$run.log" \
      "$a/release-$run.torrent" >"$a/seed-$run.out" 2>&1 &
    seed_pid=$!
    for _ in $(seq 1 240); do
      [ "$(seeds_of "$run")" -ge 1 ] 2>/dev/null && break
      kill -0 "$seed_pid" 2>/dev/null || fail "aria2: the seeder exited; see $a/seed-$run.out and $a/seed-$run.log"
      sleep 0.25
    done
    [ "$(seeds_of "$run")" -ge 1 ] 2>/dev/null || fail "aria2: the seeder did not announce within 60 s; see $a/seed-$run.log"
    before=$(ticks "$ot_pid" "$seed_pid")
    tx_before=$(tb_tx_bytes rel)
    leechers=()
    start=$(now_ms)
    for i in $(seq 1 "$agents"); do
      mkdir -p "$a/a$i-$run"
      spawn "a$i" aria2c "${aria_opts[@]}" --dir="$a/a$i-$run" --on-bt-download-complete="$a/done.sh" \
        --log="$a/a$i-$run.log" "$a/release-$run.torrent" >"$a/a$i-$run.out" 2>&1 &
      leechers+=($!)
    done
    deadline=$((start + limit_s * 1000))
    while :; do
      done_count=$(find "$a" -path "$a/a*-$run/release-$run.tar.gz.done" | wc -l)
      [ "$done_count" -ge "$agents" ] && break
      [ "$(now_ms)" -lt "$deadline" ] || fail "aria2: only $done_count of $agents downloads complete after ${limit_s} s; see $a/a*-$run.log"
      for i in $(seq 1 "$agents"); do
        kill -0 "${leechers[i - 1]}" 2>/dev/null || [ -f "$a/a$i-$run/release-$run.tar.gz.done" ] \
          || fail "aria2: aria2c on agent host a$i exited before its download completed; see $a/a$i-$run.out"
      done
      sleep 0.1
    done
    after=$(ticks "$ot_pid" "$seed_pid" "${leechers[@]}")
    tx_after=$(tb_tx_bytes rel)
    end=$(cat "$a"/a*-"$run"/release-"$run".tar.gz.done | sort -n | tail -1)
    kill -TERM "$seed_pid" "${leechers[@]}" 2>/dev/null || true
    for pid in "$seed_pid" "${leechers[@]}"; do wait "$pid" 2>/dev/null || true; done
    for i in $(seq 1 "$agents"); do
      check_sha aria2 "agent host a$i" "$a/a$i-$run/release-$run.tar.gz"
      rm -f "$a/a$i-$run/release-$run.tar.gz"
    done
    record aria2 \
      "$(awk -v d="$((end - start))" 'BEGIN { printf "%.3f", d / 1000 }')" \
      "$(awk -v t="$((after - before))" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')" \
      "$(awk -v t="$((tx_after - tx_before))" -v b="${bytes[run]}" 'BEGIN { printf "%.3f", t / b }')" -
  done
  kill -TERM "$ot_pid" 2>/dev/null || true
  wait "$ot_pid" 2>/dev/null || true
fi
