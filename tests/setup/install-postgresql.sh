#!/usr/bin/env bash
# Installs Debian's PostgreSQL server for the tests, which start private clusters of their own on
# loopback (the package's default cluster is not used). Safe to run again: it does nothing when
# initdb is already there. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "PostgreSQL is already installed: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get was not found; install the PostgreSQL server by hand." >&2
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
"${as_root[@]}" apt-get install -y --no-install-recommends postgresql

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "postgresql was installed but initdb is missing." >&2
    exit 1
fi

echo "PostgreSQL installed: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
