# Sourced by bench/netbench.sh: HTTP fan-out. The release host serves the tarballs (python3 -m http.server, threaded);
# every agent host fetches the run's tarball with curl at the same moment. Time: start to the last curl done.
h="$work/http"
python=$(command -v /usr/bin/python3 python3 | head -1 || true)
if [ -z "$python" ] || ! command -v curl >/dev/null; then
  skip_system http "needs python3 and curl (scripts/install-bench-tools.sh)"
else
  mkdir -p "$h"
  echo "http: serving the release from the release host..."
  spawn rel "$python" -m http.server 8080 --bind "$rel_ip" --directory "$work/rel" >"$h/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    in_ns a1 curl -sf --max-time 2 -o /dev/null "http://$rel_ip:8080/" && break
    sleep 0.25
  done
  in_ns a1 curl -sf --max-time 2 -o /dev/null "http://$rel_ip:8080/" || fail "http: the server did not answer; see $h/server.log"
  for run in $(seq 1 "$repeat"); do
    before=$(ticks "$server_pid")
    tx_before=$(tb_tx_bytes rel)
    curls=()
    start=$(now_ms)
    for i in $(seq 1 "$agents"); do
      mkdir -p "$h/a$i"
      (
        set +e
        in_ns "a$i" curl -sS --fail --max-time "$limit_s" -o "$h/a$i/release-$run.tar.gz" \
          "http://$rel_ip:8080/release-$run.tar.gz" 2>"$h/a$i-$run.log"
        rc=$?
        children_ticks
        echo "$rc $kids" >"$h/a$i-$run.rc"
      ) &
      curls+=($!)
    done
    wait "${curls[@]}"
    end=$(now_ms)
    tx_after=$(tb_tx_bytes rel)
    after=$(ticks "$server_pid")
    client_ticks=0
    for i in $(seq 1 "$agents"); do
      read -r rc t <"$h/a$i-$run.rc"
      [ "$rc" = 0 ] || fail "http: curl on agent host a$i exited $rc: $(cat "$h/a$i-$run.log")"
      client_ticks=$((client_ticks + t))
      check_sha http "agent host a$i" "$h/a$i/release-$run.tar.gz"
      rm -f "$h/a$i/release-$run.tar.gz"
    done
    record http \
      "$(awk -v d="$((end - start))" 'BEGIN { printf "%.3f", d / 1000 }')" \
      "$(awk -v t="$((after - before + client_ticks))" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')" \
      "$(awk -v t="$((tx_after - tx_before))" -v b="${bytes[run]}" 'BEGIN { printf "%.3f", t / b }')" -
  done
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
fi
