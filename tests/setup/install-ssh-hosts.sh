#!/usr/bin/env bash
# Installs what the NixOS-over-SSH tests need to run real OpenSSH servers in network
# namespaces of their own: sshd (openssh-server), ip (iproute2), and what the machines'
# stand-in commands use (util-linux, passwd). The package's own sshd, which would listen on
# every address, is not left running. Safe to run again: it does nothing when all are
# already there. Needs root (or sudo) and Debian or Ubuntu.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }

# The stand-in commands of the test machines use setsid and flock (util-linux) and useradd (passwd).
if have sshd && have ip && have ssh-keygen && have setsid && have flock && have useradd; then
    echo "sshd, ssh-keygen, ip, setsid, flock and useradd are already installed"
    exit 0
fi

apt_install --stop sshd --unit ssh.service --unit ssh.socket \
    openssh-server openssh-client iproute2 util-linux passwd

if ! have sshd || ! have ip; then
    echo "openssh-server and iproute2 were installed but sshd or ip is still missing." >&2
    exit 1
fi

echo "sshd installed: $(command -v sshd || echo /usr/sbin/sshd)"
