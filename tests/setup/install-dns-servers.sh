#!/usr/bin/env bash
# Installs the DNS servers the DNS provider tests run for real: PowerDNS Authoritative with its
# SQLite backend, and BIND 9 with its tools. The tests start their own servers on loopback, as the
# current user, in temporary folders; the system services are neither enabled nor left running.
# Safe to run again: it does nothing when everything is already there. Needs root (or sudo) and
# Debian or Ubuntu.
set -euo pipefail

packages=(pdns-server pdns-backend-sqlite3 bind9 bind9-utils)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "DNS servers are already installed: $(command -v pdns_server || echo /usr/sbin/pdns_server)," \
        "$(command -v named || echo /usr/sbin/named)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get was not found; install ${missing[*]} by hand." >&2
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

running() { pgrep -x pdns_server || true; pgrep -x named || true; }
before="$(running)"

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -o DPkg::Lock::Timeout=600
"${as_root[@]}" apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"

# Under systemd the packages enable and start their units; the tests need neither.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    for unit in pdns.service named.service; do
        "${as_root[@]}" systemctl disable --now "$unit" >/dev/null 2>&1 || true
    done
fi

# Any server the install started anyway (a machine whose policy allows it) is stopped by its id.
for pid in $(running); do
    if ! grep -qx "$pid" <<<"$before"; then
        echo "Stopping $(cat "/proc/$pid/comm" 2>/dev/null || echo process) $pid, started by the install."
        "${as_root[@]}" kill "$pid" || true
    fi
done

for tool in pdns_server named named-checkconf; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ] && [ ! -x "/usr/bin/$tool" ]; then
        echo "The packages were installed but $tool is still missing." >&2
        exit 1
    fi
done

echo "DNS servers installed: ${missing[*]}"
