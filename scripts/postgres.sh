#!/usr/bin/env bash
# A throw-away PostgreSQL cluster from the installed Debian packages, for tests, CI and benchmarks.
#
#   scripts/postgres.sh start [dir]   initdb into dir (default: a new temp folder), start it on a free loopback
#                                     port, and print its URL (postgres://forge@127.0.0.1:<port>/postgres)
#   scripts/postgres.sh stop <dir>    stop it at once and remove dir
#
# As root the server runs as the postgres user (PostgreSQL refuses to run as root). POSTGRES_FAST=1 turns off
# fsync and synchronous commit: right for tests, whose cluster is thrown away; benchmarks keep the defaults.
# PG_BIN overrides where initdb and pg_ctl are found (default: the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

fail() { echo "postgres.sh: $*" >&2; exit 1; }

bin_dir() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$newest" ] || fail "no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql-15, or set PG_BIN)"
  echo "$newest"
}

# Runs a server binary as the postgres user when we are root, as ourselves otherwise.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

start() {
  local dir=${1:-} bin port
  bin=$(bin_dir)
  [ -x "$bin/initdb" ] || fail "$bin/initdb not found"
  if [ -z "$dir" ]; then dir=$(mktemp -d "${TMPDIR:-/tmp}/forge-postgres-XXXXXX"); else mkdir -p "$dir"; fi
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U forge -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || fail "initdb failed: $(tail -n 5 "$dir/initdb.log")"
  local settings="-c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=64MB"
  [ "${POSTGRES_FAST:-}" = 1 ] && settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  # A port another process takes between choosing and binding makes pg_ctl fail: choose again.
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" -o "-p $port -k $dir $settings" start >/dev/null 2>&1; then
      echo "postgres://forge@127.0.0.1:$port/postgres"
      return
    fi
  done
  fail "pg_ctl could not start the cluster: $(tail -n 5 "$dir/server.log" 2>/dev/null)"
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] || fail "usage: postgres.sh stop <dir>"
  if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) fail "usage: postgres.sh start [dir] | stop <dir>" ;;
esac
