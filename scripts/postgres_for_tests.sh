#!/usr/bin/env bash
# A throwaway PostgreSQL server for the dataset-store tests, on 127.0.0.1 only.
#
#   eval "$(bash scripts/postgres_for_tests.sh start)"   # prints: export DATABASE_URL=postgresql://...
#   bash scripts/postgres_for_tests.sh stop              # stops the server and deletes its files
#   bash scripts/postgres_for_tests.sh status            # exit 0 when running (prints the URL)
#
# Idempotent: `start` while the server runs prints the same export line again. Installs Debian's
# `postgresql` when no server binaries are found (apt-get; sudo unless root). The cluster lives in a
# temporary folder (owned by the `postgres` user when run as root: the server refuses to run as root),
# listens on a free port of 127.0.0.1 with a Unix socket inside that folder, and trusts local
# connections — it is for tests only. Everything but the final export line goes to stderr.
set -euo pipefail

state="${LED_TEST_PG_STATE:-${TMPDIR:-/tmp}/led-atlas-test-pg.$(id -u).env}"
dbname="${LED_TEST_PG_DB:-led_atlas_test}"

say() { echo "postgres_for_tests: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bindir() {  # newest installed server version
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
}

ensure_installed() {
  if [ -z "$(pg_bindir)" ]; then
    say "installing Debian postgresql"
    as_root apt-get update -q >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  fi
  if [ -z "$(pg_bindir)" ]; then say "no initdb/pg_ctl under /usr/lib/postgresql/*/bin"; exit 1; fi
}

run_as_owner() {  # run a server binary as the cluster owner
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c '"$0" "$@"' -- "$@"; fi
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

load_state() {  # sets dir, port, url from the state file; returns 1 when there is none
  [ -f "$state" ] || return 1
  dir="$(sed -n 's/^dir=//p' "$state")"
  port="$(sed -n 's/^port=//p' "$state")"
  url="$(sed -n 's/^url=//p' "$state")"
  [ -n "$dir" ] && [ -n "$port" ] && [ -n "$url" ]
}

is_running() {
  local bin
  bin="$(pg_bindir)"
  [ -n "$bin" ] && load_state && [ -d "$dir/data" ] \
    && run_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 \
    && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1
}

stop() {
  local bin
  bin="$(pg_bindir)"
  if load_state; then
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
      run_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    case "$dir" in
      */led-atlas-pg.*) rm -rf -- "$dir" ;;
      *) say "not deleting unexpected folder $dir" ;;
    esac
  fi
  rm -f -- "$state"
}

start() {
  if is_running; then
    say "already running on 127.0.0.1:$port"
    echo "export DATABASE_URL=$url"
    return 0
  fi
  stop  # a stale state file or a half-started cluster
  ensure_installed
  local bin
  bin="$(pg_bindir)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/led-atlas-pg.XXXXXX")"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  say "initdb in $dir"
  run_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  local tries=0
  while :; do
    port="$(free_port)"
    if run_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then tail -n 20 "$dir/server.log" >&2 || true; exit 1; fi
    say "port $port taken, retrying"
  done
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$dbname"
  url="postgresql://postgres@127.0.0.1:$port/$dbname"
  printf 'dir=%s\nport=%s\nurl=%s\n' "$dir" "$port" "$url" >"$state"
  say "running on 127.0.0.1:$port (stop: bash scripts/postgres_for_tests.sh stop)"
  echo "export DATABASE_URL=$url"
}

case "${1:-start}" in
  start) start ;;
  stop) stop; say "stopped" ;;
  status) if is_running; then echo "$url"; else exit 1; fi ;;
  *) say "usage: $0 [start|stop|status]"; exit 2 ;;
esac
