#!/usr/bin/env bash
# Installs the DNS servers the DNS provider tests run for real: PowerDNS Authoritative with its
# SQLite backend, and BIND 9 with its tools. The tests start their own servers on loopback, as the
# current user, in temporary folders; the system services are neither enabled nor left running.
# Safe to run again: it does nothing when everything is already there. Needs root (or sudo) and
# Debian or Ubuntu.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mapfile -t missing < <(missing_packages pdns-server pdns-backend-sqlite3 bind9 bind9-utils)

if [ "${#missing[@]}" -eq 0 ]; then
    echo "DNS servers are already installed: $(command -v pdns_server || echo /usr/sbin/pdns_server)," \
        "$(command -v named || echo /usr/sbin/named)"
    exit 0
fi

apt_install --stop pdns_server --stop named --unit pdns.service --unit named.service "${missing[@]}"

for tool in pdns_server named named-checkconf; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ] && [ ! -x "/usr/bin/$tool" ]; then
        echo "The packages were installed but $tool is still missing." >&2
        exit 1
    fi
done

echo "DNS servers installed: ${missing[*]}"
