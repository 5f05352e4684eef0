#!/bin/sh
# Runs the hardened units under a real systemd: boots a throwaway container (systemd-nspawn, with a network
# namespace of its own, so only its loopback) from this host's /usr, installs murder in it as an operator would,
# starts murder-tracker and murder-agent as units, deploys a signed release from inside the container and checks
# that the agent made it ACTIVE in its deploy root. So the sandbox lets the agent write its deploy root and data dir
# and bind its BitTorrent port, and lets the tracker write its database.
#   sudo scripts/systemd-smoke.sh [JAR]        installs with deploy-scripts/install.sh (PREFIX=/opt/murder)
#   sudo scripts/systemd-smoke.sh --deb DEB    installs the .deb with dpkg -i
# Needs root, systemd-nspawn (apt-get install systemd-container) and curl. Exit 0 when the release is ACTIVE,
# 1 otherwise (with the units' journals), 77 when it cannot run on this host.
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
deb=""
if [ "${1:-}" = --deb ]; then
  deb="${2:?usage: systemd-smoke.sh --deb FILE.deb}"
  bin=/usr/bin/murder
  lib=/usr/lib/murder
else
  jar="${1:-$here/murder-cli/target/murder.jar}"
  bin=/opt/murder/bin/murder
  lib=/opt/murder/lib/murder
fi
skip() { echo "systemd-smoke: SKIPPED: $*" >&2; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (it boots a container)"
command -v systemd-nspawn >/dev/null || skip "systemd-nspawn is missing: apt-get install systemd-container"
[ -x /usr/lib/systemd/systemd ] || skip "/usr/lib/systemd/systemd is missing: apt-get install systemd"
command -v curl >/dev/null || skip "curl is missing: apt-get install curl"
for f in ${deb:-$jar}; do
  [ -f "$f" ] || { echo "systemd-smoke: $f is missing: run 'mvn -B -DskipTests package' first" >&2; exit 1; }
done

work="$(mktemp -d /tmp/murder-smoke.XXXXXX)"
root="$work/root"
machine="murder-smoke-$$"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true   # nspawn tells the container's systemd to power off
    i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# a root of its own: the host's /usr, a copy of /etc, empty /var, /srv and /opt
mkdir -p "$root"/usr "$root"/var/lib "$root"/srv "$root"/opt/src "$root"/tmp "$root"/root "$work/usr-upper"
for l in bin lib lib64 sbin; do [ -L "/$l" ] && ln -s "usr/$l" "$root/$l"; done
cp -a /etc "$root/etc"
cp --remove-destination /usr/lib/os-release "$root/etc/os-release"   # nspawn looks for it before /usr is there
rm -rf "$root"/etc/systemd/system/*.wants "$root"/etc/systemd/system/*.target.wants
echo "$machine" > "$root/etc/hostname"
echo "127.0.1.1 $machine" >> "$root/etc/hosts"   # the agent names itself by the resolved hostname
# an id of its own, so the container neither shares the host's nor boots as a "first boot" (which enables presets)
od -An -N16 -tx1 /dev/urandom | tr -d " \n" > "$root/etc/machine-id"; echo >> "$root/etc/machine-id"
# the container's only link is its loopback: waiting for "network online" would only cost 2 minutes
ln -sf /dev/null "$root/etc/systemd/system/systemd-networkd-wait-online.service"
mkdir -p "$root/opt/build/bin" && echo 'echo hello from the smoke release' > "$root/opt/build/bin/hello"

if [ -n "$deb" ]; then
  # dpkg writes /usr: the container gets an overlay of the host's, and a copy of the package database
  usr="--overlay=/usr:$work/usr-upper:/usr"
  cp -a /var/lib/dpkg "$root/var/lib/dpkg"
  cp "$deb" "$root/opt/src/murder.deb"
else
  # laid out as the release tarball: install.sh finds murder.jar beside deploy-scripts/
  usr="--bind-ro=/usr"
  cp "$jar" "$root/opt/src/murder.jar"
  cp -r "$here/deploy-scripts" "$here/docs" "$here/README.md" "$here/LICENSE" "$root/opt/src/"
fi

systemd-nspawn -q -D "$root" "$usr" --private-network --register=no --keep-unit --link-journal=no -M "$machine" -b \
  > "$work/console.log" 2>&1 &
pid=$!
# the container's init: the child of nspawn
inside() { nsenter -t "$init" -a "$@"; }
init=""; i=0
while [ -z "$init" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); init="$(pgrep -P "$pid" | head -1 || true)"; done
[ -n "$init" ] || { tail -40 "$work/console.log"; echo "systemd-smoke: the container did not start" >&2; exit 1; }
i=0
until inside systemctl is-system-running 2>/dev/null | grep -qE 'running|degraded'; do
  i=$((i + 1)); [ $i -lt 120 ] || { tail -40 "$work/console.log"; echo "systemd-smoke: no boot in 120 s" >&2; exit 1; }
  sleep 1
done

fail() {
  echo "systemd-smoke: FAILED: $*" >&2
  inside journalctl --no-pager -u murder-tracker -u murder-agent | tail -60 >&2 || true
  exit 1
}
# installed as an operator installs it: the real install.sh (useradd, daemon-reload) or dpkg
install_murder() {
  if [ -n "$deb" ]; then
    inside dpkg -i /opt/src/murder.deb > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i failed"; }
  else
    inside env PREFIX=/opt/murder sh /opt/src/deploy-scripts/install.sh > "$work/install.log" 2>&1 \
      || { cat "$work/install.log"; fail "install.sh failed"; }
  fi
}
install_murder
for u in murder-tracker murder-agent; do
  [ "$(inside systemctl is-enabled "$u" 2>/dev/null || true)" = disabled ] || fail "$u is not installed disabled"
done
# the short commands below (token, keygen, deploy) run with the class-data archive the install made
inside test -s "$lib/murder.jsa" || { cat "$work/install.log"; fail "the install made no $lib/murder.jsa"; }

# credentials, as docs/AUTH.md and docs/SIGNING.md make them, readable by the murder user
{
  inside mkdir -p /etc/murder
  inside "$bin" token new --out /etc/murder/deployer-tokens
  inside "$bin" token new --out /etc/murder/agent-secrets
  inside "$bin" token agent --host "$machine" --agent-secrets /etc/murder/agent-secrets --out /etc/murder/agent.token
  inside "$bin" keygen --out /etc/murder/release
  inside chown murder:murder /etc/murder/deployer-tokens /etc/murder/agent-secrets /etc/murder/agent.token
  inside sed -i 's|^MURDER_TRACKER=.*|MURDER_TRACKER=http://127.0.0.1:7070|' /etc/default/murder-agent
} > "$work/credentials.log" 2>&1 || { cat "$work/credentials.log"; fail "making the credentials failed"; }

inside systemctl start murder-tracker || fail "murder-tracker did not start"
inside systemctl start murder-agent || fail "murder-agent did not start"
# the agent registers within a few heartbeats of the tracker answering
i=0
token="$(head -1 "$root/etc/murder/deployer-tokens")"
until inside curl -fsS -H "Authorization: Bearer $token" http://127.0.0.1:7070/api/v1/agents 2>/dev/null \
    | grep -q "\"$machine\""; do
  i=$((i + 1)); [ $i -lt 120 ] || fail "the agent did not register with the tracker within 120 s"; sleep 1
done
inside "$bin" deploy /opt/build --tracker http://127.0.0.1:7070 --release smoke-1 --tag web \
    --key /etc/murder/release.key --token-file /etc/murder/deployer-tokens --timeout 120s \
  || fail "the deploy did not end ACTIVE"
[ "$(inside readlink /srv/app/current)" = "releases/smoke-1" ] || fail "/srv/app/current does not point at smoke-1"
inside test -f /var/lib/murder-tracker/tracker.db || fail "the tracker wrote no database"
inside test -f /var/lib/murder-agent/agent-state.json || fail "the agent wrote no state file"
# an upgrade in place: the operator's settings survive, running units are neither restarted nor enabled
before="$(inside systemctl show -p MainPID --value murder-agent)"
install_murder
inside grep -qx 'MURDER_TRACKER=http://127.0.0.1:7070' /etc/default/murder-agent || fail "the upgrade lost the settings"
[ "$(inside systemctl show -p MainPID --value murder-agent)" = "$before" ] || fail "the upgrade restarted the agent"
[ "$(inside systemctl is-enabled murder-agent 2>/dev/null || true)" = disabled ] || fail "the upgrade enabled the agent"
for u in murder-tracker murder-agent; do
  echo "$u: $(inside systemctl show -p ActiveState -p NoNewPrivileges -p ProtectSystem -p User "$u" | sort | tr '\n' ' ')"
done
inside systemctl stop murder-agent murder-tracker
how=install.sh; [ -z "$deb" ] || how=dpkg
echo "systemd-smoke: OK: release smoke-1 ACTIVE under the hardened units, installed and upgraded with $how"
