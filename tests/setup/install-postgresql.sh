#!/usr/bin/env bash
# Installs the PostgreSQL server the state store tests run against. The tests start their own private
# server (tests/setup/postgresql-cluster.sh) on 127.0.0.1, in a folder under /tmp, and stop it when they
# end; the system's own cluster is neither needed nor left running. Safe to run again: it does nothing
# when the server programs are already there. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if bash "$here/postgresql-cluster.sh" bin >/dev/null 2>&1 && getent passwd postgres >/dev/null; then
    echo "PostgreSQL is already installed: $(bash "$here/postgresql-cluster.sh" bin)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get was not found; install the PostgreSQL server (initdb, pg_ctl) by hand." >&2
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

# Without systemd, Debian's maintainer scripts start services through invoke-rc.d, which asks
# /usr/sbin/policy-rc.d first; exit code 101 there means "do not start". When the machine has no
# such policy of its own, one is put in place for the length of the install and removed after.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod 0755 "$policy"
    own_policy=1
fi
remove_policy() {
    if [ "$own_policy" -eq 1 ]; then
        "${as_root[@]}" rm -f "$policy"
    fi
}
trap remove_policy EXIT

running() { pgrep -x postgres || true; }
before="$(running)"

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -o DPkg::Lock::Timeout=600
"${as_root[@]}" apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 postgresql

# Under systemd the package enables and starts the system cluster; the tests do not use it.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    "${as_root[@]}" systemctl disable --now postgresql.service >/dev/null 2>&1 || true
fi

# Any server the install started anyway (a machine whose policy allows it) is stopped by its id.
for pid in $(running); do
    if ! grep -qx "$pid" <<<"$before" && [ "$(ps -o ppid= -p "$pid" | tr -d ' ')" = 1 ]; then
        echo "Stopping the PostgreSQL server $pid, started by the install."
        "${as_root[@]}" kill -INT "$pid" || true
    fi
done

if ! bash "$here/postgresql-cluster.sh" bin >/dev/null; then
    echo "The postgresql package was installed but initdb and pg_ctl are still missing." >&2
    exit 1
fi

echo "PostgreSQL installed: $(bash "$here/postgresql-cluster.sh" bin)"
