#!/usr/bin/env bash
# A private PostgreSQL server for the tests, in a folder of its own, listening on 127.0.0.1 only.
#   postgresql-cluster.sh bin                       prints the folder of initdb and pg_ctl (exit 3: none)
#   postgresql-cluster.sh start DIR PORT PWFILE     makes a cluster in DIR/data (superuser 'postgres' with the
#                                                   password in PWFILE) and starts it on 127.0.0.1:PORT
#   postgresql-cluster.sh stop DIR                  stops the server of DIR, if it runs; DIR is left for the caller
# As root the server runs as the 'postgres' user, since PostgreSQL refuses to run as root.
# FEDI_POSTGRES_BIN names the folder of initdb and pg_ctl where they are not under /usr/lib/postgresql.
# The tests' server skips flushes to the disk, since its data is thrown away; FEDI_POSTGRES_DURABLE=1 keeps
# PostgreSQL's own defaults (every commit flushed), as the benchmarks need to measure a real server.
set -euo pipefail

bin_dir() {
    local found
    found="${FEDI_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
    if [ -z "$found" ] || [ ! -x "$found/initdb" ] || [ ! -x "$found/pg_ctl" ]; then
        echo "The PostgreSQL server is not installed; run tests/setup/install-postgresql.sh." >&2
        return 3
    fi
    echo "$found"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

command="${1:-}"
case "$command" in
    bin)
        bin_dir
        ;;
    start)
        dir="$2" port="$3" pwfile="$4"
        bin="$(bin_dir)" || exit 3
        mkdir -p "$dir"
        if [ "$(id -u)" -eq 0 ]; then
            chown postgres: "$dir" "$pwfile"
        fi
        chmod 0700 "$dir"
        if [ ! -f "$dir/data/PG_VERSION" ]; then
            as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
                --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
                || { cat "$dir/initdb.log" >&2; exit 1; }
        fi
        flushes="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        if [ "${FEDI_POSTGRES_DURABLE:-0}" = 1 ]; then
            flushes=""
        fi
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
            "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir $flushes \
             -c max_connections=300" start >/dev/null \
            || { cat "$dir/server.log" >&2; exit 1; }
        ;;
    stop)
        dir="$2"
        bin="$(bin_dir)" || exit 0
        if [ -f "$dir/data/postmaster.pid" ]; then
            as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
        fi
        ;;
    *)
        echo "usage: $0 bin | start DIR PORT PWFILE | stop DIR" >&2
        exit 2
        ;;
esac
