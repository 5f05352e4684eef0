#!/usr/bin/env bash
# Installs what the optional tests use, from Debian's packages (as root; idempotent): Chromium and chromedriver for
# the web page's browser test, aria2c for the BitTorrent interop test. A tool that cannot be installed only makes its
# test skip, so a failure here is a warning, not an error.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-chromium.sh || echo "could not install chromium: the browser test will be skipped" >&2
bash scripts/install-aria2.sh || echo "could not install aria2c: the aria2 interop test will be skipped" >&2
exit 0
