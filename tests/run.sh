#!/usr/bin/env bash
# Installs what the tests need on this machine, then runs every test.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

bash tests/setup/install-nix-tools.sh
bash tests/setup/install-dns-servers.sh
bash tests/setup/install-ssh-hosts.sh
bash tests/setup/install-browser.sh
bash tests/setup/install-postgresql.sh

# The tests start their own PostgreSQL server in this folder and stop it when they end; should the test
# process die first, the server is stopped here.
export FEDI_TEST_POSTGRES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/fedi-tests-postgres.XXXXXX")"
stop_postgres() {
    bash tests/setup/postgresql-cluster.sh stop "$FEDI_TEST_POSTGRES_DIR/cluster" || true
    rm -rf "$FEDI_TEST_POSTGRES_DIR"
}
trap stop_postgres EXIT

dotnet test tests/Fediversity.Tests/Fediversity.Tests.csproj -c Release --nologo \
  --logger "console;verbosity=normal" "$@"
