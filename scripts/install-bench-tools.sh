#!/usr/bin/env bash
# Installs what bench/netbench.sh compares murder with, from Debian's packages: aria2 (aria2c), opentracker, curl,
# iproute2 (ip, tc) and python3 (its http.server); and GNU time, which bench/deploy-cpu.sh reads CPU with.
# Idempotent: does nothing when all are there. Needs root.
#
# Debian's opentracker package ships a systemd unit that would start a tracker on every address of this host at
# once; the bench runs its own inside a network namespace, so the unit is masked before the install and stays so.
set -euo pipefail
packages=(aria2 opentracker curl iproute2 python3 time)
commands=(aria2c opentracker curl ip tc python3)
missing=0
for c in "${commands[@]}"; do command -v "$c" >/dev/null || missing=1; done
[ -x /usr/bin/time ] || missing=1 # GNU time: a shell builtin of the same name hides whether it is there
if [ "$missing" = 0 ]; then
  echo "bench tools already installed: ${commands[*]}"
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "install-bench-tools: needs root (apt-get install ${packages[*]})" >&2; exit 2; }
command -v apt-get >/dev/null || { echo "install-bench-tools: needs apt-get (Debian or Ubuntu); install ${packages[*]} by hand" >&2; exit 2; }
systemd_running() { [ -d /run/systemd/system ]; }
if systemd_running; then systemctl mask opentracker.service >/dev/null 2>&1 || true; fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y "${packages[@]}"; then
  apt-get update
  apt-get install -y "${packages[@]}"
fi
if systemd_running; then systemctl stop opentracker.service >/dev/null 2>&1 || true; fi
for c in "${commands[@]}"; do command -v "$c" >/dev/null || { echo "install-bench-tools: $c is still missing" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "install-bench-tools: /usr/bin/time (GNU time) is still missing" >&2; exit 1; }
echo "bench tools installed: ${commands[*]}"
