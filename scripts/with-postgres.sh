#!/usr/bin/env bash
# Run a command against PostgreSQL.
#
# With DATABASE_URL set, the command runs against that server unchanged. Otherwise a throwaway
# cluster is created in a temporary folder, started on a free loopback port, exported as
# DATABASE_URL for the command, and stopped and deleted afterwards (also on failure or Ctrl-C).
# Debian's postgresql (with the contrib extensions unaccent and pg_trgm) is installed with apt-get
# when missing, which needs root.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
    exec "$@"
fi

find_pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

bindir=$(find_pg_bindir || true)
if [ -z "$bindir" ]; then
    echo "PostgreSQL is not installed: installing Debian's postgresql with apt-get…" >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: installing PostgreSQL needs root; run 'sudo apt-get install -y postgresql postgresql-contrib'" \
             "or set DATABASE_URL to an existing server." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    bindir=$(find_pg_bindir)
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-pg.XXXXXX")
chmod 755 "$workdir"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres system user.
    chown postgres "$workdir"
    run_as=(runuser -u postgres --)
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

stop_cluster() {
    "${run_as[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap stop_cluster EXIT INT TERM

"${run_as[@]}" "$bindir/initdb" -D "$workdir/data" -U motcua -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 60 \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
echo "Throwaway PostgreSQL on 127.0.0.1:$port (data in $workdir)" >&2

export DATABASE_URL="postgres://motcua@127.0.0.1:$port/postgres"
set +e
"$@"
status=$?
set -e
exit $status
