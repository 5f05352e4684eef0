#!/bin/sh
# Installs murder on this host: the jar, the `murder` wrapper and the systemd units (not enabled).
#   sudo deploy-scripts/install.sh            (run from a checkout after `mvn -B -DskipTests package`)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../murder-cli/target/murder.jar"
[ -f "$jar" ] || { echo "install.sh: $jar is missing; run 'mvn -B -DskipTests package' first" >&2; exit 1; }
install -D -m 0644 "$jar" /usr/local/lib/murder/murder.jar
install -D -m 0755 "$here/murder" /usr/local/bin/murder
install -D -m 0644 "$here/murder-agent.service" /etc/systemd/system/murder-agent.service
install -D -m 0644 "$here/murder-tracker.service" /etc/systemd/system/murder-tracker.service
[ -f /etc/default/murder-agent ] || install -D -m 0644 "$here/murder-agent.env" /etc/default/murder-agent
[ -f /etc/default/murder-tracker ] || install -D -m 0644 "$here/murder-tracker.env" /etc/default/murder-tracker
id murder >/dev/null 2>&1 || useradd --system --home /var/lib/murder --shell /usr/sbin/nologin murder
systemctl daemon-reload 2>/dev/null || true
echo "installed; make the token files (docs/AUTH.md), edit /etc/default/murder-agent, then: systemctl enable --now murder-agent"
