#!/bin/sh
# Installs or upgrades murder on this host: the jar, the `murder` wrapper, the systemd units and the docs.
#   sudo deploy-scripts/install.sh     from a checkout after `mvn -B -DskipTests package`, or from an unpacked
#                                      release tarball (murder-VERSION/deploy-scripts/install.sh)
# Running it again upgrades: the jar, the wrapper, the units and the docs are replaced (the jar by a rename, so a
# running JVM keeps reading the old one until it restarts); settings files that exist in /etc/default are kept
# as the operator left them. Units are never enabled, started or restarted: that is the operator's call.
# Last (not when staging with DESTDIR), make-class-archive leaves a class-data archive of the new jar beside it, which
# the wrapper gives the short-lived commands (docs/OPERATIONS.md, "Install"); if it cannot, the install still succeeds.
#
# Environment:
#   PREFIX   where the jar (PREFIX/lib/murder), the wrapper (PREFIX/bin) and the docs (PREFIX/share/doc/murder)
#            go; default /usr/local. The wrapper and the units are rewritten to name it.
#   DESTDIR  stage everything below this directory instead of / (for packages): no user is created and systemctl
#            is not called.
#   UNITDIR  where the units go; default /etc/systemd/system (a package uses /lib/systemd/system).
#   MURDER_JAR  the jar to install; default: murder-cli/target/murder.jar of a checkout, or murder.jar beside
#            deploy-scripts/ in a release tarball.
set -eu
umask 022
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/.." && pwd)"
PREFIX="${PREFIX:-/usr/local}"
DESTDIR="${DESTDIR:-}"
UNITDIR="${UNITDIR:-/etc/systemd/system}"

die() { echo "install.sh: $*" >&2; exit 1; }

case "$PREFIX" in
  /*) ;;
  *) die "PREFIX must be an absolute path, not '$PREFIX' (e.g. PREFIX=/usr/local)" ;;
esac
case "$PREFIX$UNITDIR" in
  *'|'*|*' '*) die "PREFIX and UNITDIR may not contain '|' or spaces: '$PREFIX', '$UNITDIR'" ;;
esac
PREFIX="${PREFIX%/}"

if [ -n "${MURDER_JAR:-}" ]; then
  jar="$MURDER_JAR"
elif [ -f "$top/murder.jar" ]; then
  jar="$top/murder.jar"
else
  jar="$top/murder-cli/target/murder.jar"
fi
[ -f "$jar" ] || die "$jar is missing; run 'mvn -B -DskipTests package' first (or set MURDER_JAR)"

# install_file MODE SOURCE TARGET: copies to a temp file beside TARGET, then renames it over TARGET
install_file() {
  mkdir -p "$(dirname "$3")"
  install -m "$1" "$2" "$3.new.$$"
  mv -f "$3.new.$$" "$3"
}

# install_relocated MODE SOURCE TARGET: as install_file, with /usr/local/ in SOURCE replaced by PREFIX/
install_relocated() {
  tmp="$(mktemp)"
  sed "s|/usr/local/|$PREFIX/|g" "$2" > "$tmp"
  install_file "$1" "$tmp" "$3"
  rm -f "$tmp"
}

install_file 0644 "$jar" "$DESTDIR$PREFIX/lib/murder/murder.jar"
install_relocated 0755 "$here/murder" "$DESTDIR$PREFIX/bin/murder"
install_file 0755 "$here/make-class-archive" "$DESTDIR$PREFIX/lib/murder/make-class-archive"
install_relocated 0644 "$here/murder-agent.service" "$DESTDIR$UNITDIR/murder-agent.service"
install_relocated 0644 "$here/murder-tracker.service" "$DESTDIR$UNITDIR/murder-tracker.service"

doc="$DESTDIR$PREFIX/share/doc/murder"
for f in "$top/README.md" "$top/LICENSE" "$top"/docs/*.md; do
  if [ -f "$f" ]; then install_file 0644 "$f" "$doc/$(basename "$f")"; fi
done

for name in murder-agent murder-tracker; do
  settings="$DESTDIR/etc/default/$name"
  if [ -e "$settings" ]; then
    echo "kept $settings as it is (the defaults of this version: $here/$name.env)"
  else
    install_file 0644 "$here/$name.env" "$settings"
  fi
done

if [ -n "$DESTDIR" ]; then
  echo "staged murder in $DESTDIR (prefix $PREFIX, units in $UNITDIR)"
  exit 0
fi

id murder >/dev/null 2>&1 ||
  useradd --system --user-group --home-dir /var/lib/murder --no-create-home --shell /usr/sbin/nologin murder
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
fi
# the class-data archive of the new jar (the old one's is removed first): faster short commands, optional
"$PREFIX/lib/murder/make-class-archive" || true
echo "installed $("$PREFIX/bin/murder" --version 2>/dev/null || echo murder) in $PREFIX; units in $UNITDIR, not enabled."
echo "first install: make the token files (docs/AUTH.md), edit /etc/default/murder-agent, then"
echo "  systemctl enable --now murder-agent"
echo "upgrade: systemctl restart murder-agent (or murder-tracker) to run the new version"
