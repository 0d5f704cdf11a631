# Shared by the install scripts under tests/setup; sourced, not run. Each script checks first whether what
# it needs is there and does nothing when it is; otherwise it calls apt_install.

# apt_install [--stop PROCESS]... [--unit UNIT]... PACKAGE...
# Installs Debian packages as root (directly, or through sudo) without leaving any of their services
# running: the tests start their own servers on loopback, and a package's own server would listen on every
# address. Without systemd, Debian's maintainer scripts start services through invoke-rc.d, which asks
# /usr/sbin/policy-rc.d first (exit code 101 means "do not start"); when the machine has no such policy of
# its own, one is put in place for the length of the install. Under systemd the given UNITs are disabled
# and stopped. A PROCESS of that name that the install started anyway is stopped by its id.
apt_install() {
    local stops=() units=() packages=()
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --stop) stops+=("$2"); shift 2 ;;
            --unit) units+=("$2"); shift 2 ;;
            *) packages+=("$1"); shift ;;
        esac
    done

    if ! command -v apt-get >/dev/null 2>&1; then
        echo "apt-get was not found; install ${packages[*]} by hand." >&2
        exit 1
    fi

    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "Run this script as root, or install sudo." >&2
            exit 1
        fi
        as_root=(sudo)
    fi

    local policy=/usr/sbin/policy-rc.d own_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
        "${as_root[@]}" chmod 0755 "$policy"
        own_policy=1
        # Removed again however the install ends.
        trap "${as_root[*]} rm -f $policy" EXIT
    fi

    local before="" name
    for name in "${stops[@]}"; do
        before+="$(pgrep -x "$name" || true)"$'\n'
    done

    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -o DPkg::Lock::Timeout=600
    "${as_root[@]}" apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${packages[@]}"

    if [ "$own_policy" -eq 1 ]; then
        "${as_root[@]}" rm -f "$policy"
        trap - EXIT
    fi

    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        local unit
        for unit in "${units[@]}"; do
            "${as_root[@]}" systemctl disable --now "$unit" >/dev/null 2>&1 || true
        done
    fi

    local pid
    for name in "${stops[@]}"; do
        for pid in $(pgrep -x "$name" || true); do
            if ! grep -qx "$pid" <<<"$before"; then
                echo "Stopping $name ($pid), started by the install."
                "${as_root[@]}" kill "$pid" || true
            fi
        done
    done
}

# missing_packages PACKAGE...: prints those of the packages that are not installed, one a line.
missing_packages() {
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            echo "$package"
        fi
    done
}
