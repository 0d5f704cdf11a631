#!/usr/bin/env bash
# Installs Debian's Chromium for the panel's browser tests, which drive it through Playwright for .NET
# (Playwright's own browser builds are not used). Safe to run again: it does nothing when
# /usr/bin/chromium is already there. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "Chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get was not found; install Chromium by hand so that /usr/bin/chromium exists." >&2
    exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "Run this script as root, or install sudo." >&2
        exit 1
    fi
    as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends chromium fonts-dejavu-core

if [ ! -x /usr/bin/chromium ]; then
    echo "The chromium package was installed but /usr/bin/chromium is missing." >&2
    exit 1
fi

echo "Chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
