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

dotnet test tests/Fediversity.Tests/Fediversity.Tests.csproj -c Release --nologo \
  --logger "console;verbosity=normal" "$@"
