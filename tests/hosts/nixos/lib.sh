# Shared by the stand-ins: where to record, and how, and what the machine runs.
# shellcheck shell=bash
# A transient unit starts with systemd's bare environment; the test plumbing is taken back from the machine.
if [ -z "${FEDI_TEST_RECORDS:-}" ] && [ -f /etc/fediversity-test.env ]; then
    eval "$(grep '^export FEDI_TEST_' /etc/fediversity-test.env)"
fi
: "${FEDI_TEST_RECORDS:?FEDI_TEST_RECORDS is not set}"
: "${FEDI_TEST_STATE:?FEDI_TEST_STATE is not set}"
: "${FEDI_TEST_HOSTS:?FEDI_TEST_HOSTS is not set}"

# What the last switch left (the configuration it switched to, the units it runs), and the transient units.
CURRENT_SYSTEM=/run/current-system
TRANSIENT_UNITS=/run/fediversity-test/units
JOURNAL=/run/fediversity-test/journal

# record NAME ARGS...: one line per call, each argument shell-quoted so that the line is exact.
record() {
    local name=$1; shift
    { printf '%s' "$name"; printf ' %q' "$@"; printf '\n'; } >> "$FEDI_TEST_RECORDS/commands.log"
}

fail() {
    echo "$*" >&2
    exit 1
}

# application_of FILE: the application a NixOS configuration enables (mastodon, pixelfed, peertube), if any.
application_of() {
    sed -nE 's/^[[:space:]]*services\.(mastodon|pixelfed|peertube)[[:space:]]*=[[:space:]]*\{.*/\1/p' "$1" | head -n 1
}

# units_of APPLICATION: the systemd units nixpkgs' module for it runs, nginx included.
units_of() {
    case $1 in
        mastodon) echo mastodon-web.service mastodon-sidekiq-all.service mastodon-streaming-1.service \
            redis-mastodon.service postgresql.service nginx.service ;;
        pixelfed) echo phpfpm-pixelfed.service pixelfed-horizon.service redis-pixelfed.service mysql.service \
            nginx.service ;;
        peertube) echo peertube.service redis-peertube.service postgresql.service nginx.service ;;
        *) echo sshd.service ;;
    esac
}

# domains_of FILE: the names the configuration's nginx answers to.
domains_of() {
    sed -nE -e 's/^[[:space:]]*(localDomain|domain)[[:space:]]*=[[:space:]]*"([a-z0-9.-]+)";.*/\2/p' \
        -e 's/.*services\.nginx\.virtualHosts\."([a-z0-9.-]+)".*/\1/p' "$1" | sort -u
}

# secrets_of FILE: the secret files a configuration refers to by path.
secrets_of() {
    grep -oE '"/var/lib/fediversity/secrets/[A-Za-z0-9._-]+"' "$1" | tr -d '"' | sort -u
}

# home_of USER: where a service user lives, as nixpkgs' modules have it (PeerTube's home is its package).
home_of() {
    case $1 in
        peertube) echo "$FEDI_TEST_HOSTS/peertube" ;;
        *) echo "/var/lib/$1" ;;
    esac
}

# ensure_user USER: makes a system user and its group, as a switch to a configuration that needs it does.
ensure_user() {
    getent passwd "$1" >/dev/null && return 0
    local home; home=$(home_of "$1")
    useradd --system --user-group --home-dir "$home" --no-create-home --shell /usr/sbin/nologin "$1"
    if [ ! -e "$home" ]; then
        install -d -m 0750 -o "$1" -g "$1" "$home"
    fi
}

# readable_by USER FILE: whether USER (not root) may read FILE, by its owner, group and mode.
readable_by() {
    local owner group mode
    read -r owner group mode < <(stat -c '%U %G %a' "$2" 2>/dev/null) || return 1
    mode=$((8#$mode))
    if [ "$owner" = "$1" ]; then
        (( mode & 8#400 ))
    elif id -nG "$1" 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then
        (( mode & 8#040 ))
    else
        (( mode & 8#004 ))
    fi
}

# unit_name NAME: NAME with .service added when it has no type.
unit_name() {
    case $1 in
        *.service|*.target|*.socket|*.timer|*.mount|*.path|*.slice|*.scope) echo "$1" ;;
        *) echo "$1.service" ;;
    esac
}

# unit_state UNIT: active, failed or inactive, as systemctl is-active prints it.
unit_state() {
    local unit; unit=$(unit_name "$1")
    if [ -f "$TRANSIENT_UNITS/$unit/state" ]; then
        cat "$TRANSIENT_UNITS/$unit/state"
        return
    fi

    if ! grep -qx "$unit" "$CURRENT_SYSTEM/units" 2>/dev/null; then
        echo inactive
        return
    fi

    if [ -e "$FEDI_TEST_STATE/down/$unit" ]; then
        echo failed
        return
    fi

    # A service of the application that cannot read one of its secret files does not stay up.
    local app file
    app=$(application_of "$CURRENT_SYSTEM/configuration.nix")
    if [ -n "$app" ] && [[ $unit == "$app".service || $unit == "$app"-* || $unit == phpfpm-"$app".service ]]; then
        for file in $(secrets_of "$CURRENT_SYSTEM/configuration.nix"); do
            if ! readable_by "$app" "$file"; then
                echo failed
                return
            fi
        done
    fi

    echo active
}
