#!/bin/sh
# Runs the hardened units under a real systemd: boots a throwaway container (systemd-nspawn, its own network
# namespace, so only its loopback) from this host's /usr, installs murder into it with install.sh
# (PREFIX=/opt/murder), starts murder-tracker and murder-agent as units, deploys a signed release from inside the
# container and checks that the agent made it ACTIVE in its deploy root: so the sandbox lets the agent write its
# deploy root and data dir and bind its BitTorrent port, and lets the tracker write its database.
#   sudo scripts/systemd-smoke.sh [JAR]      needs root, systemd-nspawn (apt-get install systemd-container), java
# Exit 0 when the release is ACTIVE, 1 otherwise (the units' journals are printed), 77 when it cannot run here.
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="${1:-$here/murder-cli/target/murder.jar}"
skip() { echo "systemd-smoke: SKIPPED: $*" >&2; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (it boots a container)"
command -v systemd-nspawn >/dev/null || skip "systemd-nspawn is missing: apt-get install systemd-container"
[ -x /usr/lib/systemd/systemd ] || skip "/usr/lib/systemd/systemd is missing: apt-get install systemd"
[ -f "$jar" ] || { echo "systemd-smoke: $jar is missing: run 'mvn -B -DskipTests package' first" >&2; exit 1; }

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

# a root of its own: the host's /usr (read-only), a copy of /etc, empty /var, /srv and /opt
mkdir -p "$root"/usr "$root"/var "$root"/srv "$root"/opt "$root"/tmp "$root"/root
for l in bin lib lib64 sbin; do [ -L "/$l" ] && ln -s "usr/$l" "$root/$l"; done
cp -a /etc "$root/etc"
cp --remove-destination /usr/lib/os-release "$root/etc/os-release"   # nspawn looks for it before /usr is bound
rm -rf "$root"/etc/systemd/system/*.wants "$root"/etc/systemd/system/*.target.wants
echo "$machine" > "$root/etc/hostname"
echo "127.0.1.1 $machine" >> "$root/etc/hosts"   # the agent names itself by the resolved hostname
# the container's only link is its loopback: waiting for "network online" would only cost 2 minutes
ln -sf /dev/null "$root/etc/systemd/system/systemd-networkd-wait-online.service"
# an id of its own, so the container neither shares the host's nor boots as a "first boot" (which enables presets)
od -An -N16 -tx1 /dev/urandom | tr -d " \n" > "$root/etc/machine-id"; echo >> "$root/etc/machine-id"
# the murder user (install.sh makes it with useradd on a real host), with a uid and gid free in this copy
uid=900; while grep -q "^[^:]*:[^:]*:$uid:" "$root/etc/passwd" "$root/etc/group"; do uid=$((uid + 1)); done
gid=$uid
grep -q '^murder:' "$root/etc/passwd" || echo "murder:x:$uid:$gid::/var/lib/murder:/usr/sbin/nologin" >> "$root/etc/passwd"
grep -q '^murder:' "$root/etc/group" || echo "murder:x:$gid:" >> "$root/etc/group"
uid="$(awk -F: '$1 == "murder" {print $3}' "$root/etc/passwd")"; gid="$(awk -F: '$1 == "murder" {print $4}' "$root/etc/passwd")"

DESTDIR="$root" PREFIX=/opt/murder MURDER_JAR="$jar" sh "$here/deploy-scripts/install.sh" >/dev/null

# credentials, as docs/AUTH.md and docs/SIGNING.md make them
m="$root/etc/murder"; mkdir -p "$m"
{
  java -jar "$jar" token new --out "$m/deployer-tokens"
  java -jar "$jar" token new --out "$m/agent-secrets"
  java -jar "$jar" token agent --host "$machine" --agent-secrets "$m/agent-secrets" --out "$m/agent.token"
  java -jar "$jar" keygen --out "$m/release"
} > "$work/credentials.log" 2>&1
chown "$uid:$gid" "$m"/agent.token "$m"/agent-secrets "$m"/deployer-tokens "$m"/release.pub
sed -i 's|^MURDER_TRACKER=.*|MURDER_TRACKER=http://127.0.0.1:7070|' "$root/etc/default/murder-agent"
mkdir -p "$root/opt/build/bin" && echo 'echo hello from the smoke release' > "$root/opt/build/bin/hello"

systemd-nspawn -q -D "$root" --bind-ro=/usr --private-network --register=no --keep-unit --link-journal=no -M "$machine" -b \
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
inside systemctl start murder-tracker || fail "murder-tracker did not start"
inside systemctl start murder-agent || fail "murder-agent did not start"
# the agent registers within a few heartbeats of the tracker answering
i=0
token="$(head -1 "$m/deployer-tokens")"
until inside curl -fsS -H "Authorization: Bearer $token" http://127.0.0.1:7070/api/v1/agents 2>/dev/null \
    | grep -q "\"$machine\""; do
  i=$((i + 1)); [ $i -lt 60 ] || fail "the agent did not register with the tracker within 60 s"; sleep 1
done
inside /opt/murder/bin/murder deploy /opt/build --tracker http://127.0.0.1:7070 --release smoke-1 --tag web \
    --key /etc/murder/release.key --token-file /etc/murder/deployer-tokens --timeout 120s \
  || fail "the deploy did not end ACTIVE"
[ "$(inside readlink /srv/app/current)" = "releases/smoke-1" ] || fail "/srv/app/current does not point at smoke-1"
inside test -f /var/lib/murder-tracker/tracker.db || fail "the tracker wrote no database"
inside test -f /var/lib/murder-agent/agent-state.json || fail "the agent wrote no state file"
for u in murder-tracker murder-agent; do
  echo "$u: $(inside systemctl show -p ActiveState -p NoNewPrivileges -p ProtectSystem -p User "$u" | sort | tr '\n' ' ')"
done
inside systemctl stop murder-agent murder-tracker
echo "systemd-smoke: OK: release smoke-1 ACTIVE under the hardened units"
