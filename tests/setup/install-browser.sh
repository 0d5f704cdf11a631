#!/usr/bin/env bash
# Installs Debian's Chromium for the panel's browser tests, which drive it through Playwright for .NET
# (Playwright's own browser builds are not used). Safe to run again: it does nothing when
# /usr/bin/chromium is already there. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -x /usr/bin/chromium ]; then
    echo "Chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

apt_install chromium fonts-dejavu-core

if [ ! -x /usr/bin/chromium ]; then
    echo "The chromium package was installed but /usr/bin/chromium is missing." >&2
    exit 1
fi

echo "Chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
