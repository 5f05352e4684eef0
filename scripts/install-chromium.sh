#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver (/usr/bin/chromium, /usr/bin/chromedriver) for the tracker web page's
# browser test (TrackerPageBrowserTest). Idempotent: does nothing when both are there. Needs root (as in CI);
# without them the test is skipped, saying so.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1) and ChromeDriver already installed"
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-chromium: run as root (sudo $0): apt-get needs it" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
# a fresh machine's package lists may be missing or old: the candidate versions come from them
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null | head -1), $(/usr/bin/chromedriver --version | head -1)"
