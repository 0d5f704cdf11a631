#!/usr/bin/env bash
# Installs the PostgreSQL server the state store tests run against. The tests start their own private
# server (tests/setup/postgresql-cluster.sh) on 127.0.0.1, in a folder under /tmp, and stop it when they
# end; the system's own cluster is neither needed nor left running. Safe to run again: it does nothing
# when the server programs are already there. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

if bash "$here/postgresql-cluster.sh" bin >/dev/null 2>&1 && getent passwd postgres >/dev/null; then
    echo "PostgreSQL is already installed: $(bash "$here/postgresql-cluster.sh" bin)"
    exit 0
fi

apt_install --stop postgres --unit postgresql.service postgresql

if ! bash "$here/postgresql-cluster.sh" bin >/dev/null; then
    echo "The postgresql package was installed but initdb and pg_ctl are still missing." >&2
    exit 1
fi

echo "PostgreSQL installed: $(bash "$here/postgresql-cluster.sh" bin)"
