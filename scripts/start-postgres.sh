#!/usr/bin/env bash
# Starts a private PostgreSQL cluster on 127.0.0.1 for the storage tests and prints its
# connection string. Idempotent: a cluster already running in the same folder is reused.
# Usage: scripts/start-postgres.sh [DIR] [PORT]
set -euo pipefail
dir="${1:-/tmp/conclave-pg}"
port="${2:-55432}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bindir" ] || { echo "start-postgres: PostgreSQL server binaries not found" >&2; exit 1; }

# initdb refuses to run as root: run the cluster as the package's postgres user then.
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi

mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  "${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U conclave --auth=trust -E UTF8 >/dev/null
fi
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off -c max_connections=200" start >/dev/null
fi
echo "Host=127.0.0.1;Port=$port;Username=conclave;Database=postgres"
