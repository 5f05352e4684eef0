#!/usr/bin/env bash
# Installs aria2c (Debian package aria2), which the interop test Aria2InteropTest downloads with.
# Idempotent: does nothing when aria2c is already on the PATH. Needs root (or sudo) and Debian's apt.
set -euo pipefail

if command -v aria2c >/dev/null 2>&1; then
    echo "aria2c already installed: $(aria2c --version | sed -n 1p)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-aria2.sh: apt-get not found; install aria2 with this system's package manager" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-aria2.sh: run as root (or install sudo) to apt-get install aria2" >&2
        exit 1
    fi
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# a fresh machine has no package lists yet, an old one may name files the mirror no longer has: update then
if ! $SUDO apt-get install -y -qq --no-install-recommends aria2 >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends aria2 >/dev/null
fi
echo "installed: $(aria2c --version | sed -n 1p)"
