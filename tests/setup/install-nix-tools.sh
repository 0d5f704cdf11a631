#!/usr/bin/env bash
# Installs the Nix command-line tools the tests need to check that rendered NixOS
# configurations parse (nix-instantiate --parse). Safe to run again: it does nothing
# when nix-instantiate is already on PATH. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail

if command -v nix-instantiate >/dev/null 2>&1; then
    echo "nix-instantiate is already installed: $(command -v nix-instantiate)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get was not found; install Nix by hand so that nix-instantiate is on PATH." >&2
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
"${as_root[@]}" apt-get install -y --no-install-recommends nix-bin

if ! command -v nix-instantiate >/dev/null 2>&1; then
    echo "nix-bin was installed but nix-instantiate is still not on PATH." >&2
    exit 1
fi

echo "nix-instantiate installed: $(command -v nix-instantiate)"
