#!/usr/bin/env bash
# Installs what the NixOS-over-SSH tests need to run real OpenSSH servers in network
# namespaces of their own: sshd (openssh-server), ip (iproute2), and what the machines'
# stand-in commands use (util-linux, passwd). Safe to run again: it does nothing when all
# are already there. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }

# The stand-in commands of the test machines use setsid and flock (util-linux) and useradd (passwd).
if have sshd && have ip && have ssh-keygen && have setsid && have flock && have useradd; then
    echo "sshd, ssh-keygen, ip, setsid, flock and useradd are already installed"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get was not found; install OpenSSH's server and iproute2 by hand." >&2
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
"${as_root[@]}" apt-get install -y --no-install-recommends openssh-server openssh-client iproute2 \
    util-linux passwd

if ! have sshd || ! have ip; then
    echo "openssh-server and iproute2 were installed but sshd or ip is still missing." >&2
    exit 1
fi

echo "sshd installed: $(command -v sshd || echo /usr/sbin/sshd)"
