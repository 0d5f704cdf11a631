#!/usr/bin/env bash
# Installs the Nix command-line tools the tests need to check that rendered NixOS
# configurations parse (nix-instantiate --parse). Safe to run again: it does nothing
# when nix-instantiate is already on PATH. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if command -v nix-instantiate >/dev/null 2>&1; then
    echo "nix-instantiate is already installed: $(command -v nix-instantiate)"
    exit 0
fi

# The package's nix-daemon is not needed: nix-instantiate --parse reads no store.
apt_install --stop nix-daemon --unit nix-daemon.service --unit nix-daemon.socket nix-bin

if ! command -v nix-instantiate >/dev/null 2>&1; then
    echo "nix-bin was installed but nix-instantiate is still not on PATH." >&2
    exit 1
fi

echo "nix-instantiate installed: $(command -v nix-instantiate)"
