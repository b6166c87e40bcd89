# Sourced: start_pg starts a throwaway PostgreSQL cluster on a loopback port
# in a temp dir and exports PG_URL (admin database); stop_pg removes it.
# PostgreSQL refuses to run as root, so as root the cluster runs as the
# `postgres` system user (made by Debian's package).
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PG_PORT=${PG_PORT:-55432}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_pg() {
  [ -n "$PG_BIN" ] || { echo "PostgreSQL is not installed (run scripts/setup.sh)" >&2; return 1; }
  # A cluster left running on the port (another checkout, an interrupted
  # run) must not fail this one: take the next free port.
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
  PG_DIR=$(mktemp -d /tmp/settle-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U settle --no-sync -E UTF8 >/dev/null
  export PG_DIR PG_PORT
  # A port nobody listens on can still be taken: a load that opened
  # thousands of connections leaves its own ends on ephemeral ports (the
  # kernel's range includes ours) until they time out. Take the next one.
  local tries=0
  until resume_pg 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 20 ] || { tail -5 "$PG_DIR/log" >&2; return 1; }
    PG_PORT=$((PG_PORT + 1))
  done
  export PG_URL="postgres://settle@127.0.0.1:$PG_PORT/postgres"
}

# The outage test (tests/outage.rs) stops the running cluster and starts it
# again, as `bash -c 'source scripts/pg.sh; pause_pg'` with PG_DIR exported.
pause_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -s stop
}

# fsync off: a throwaway test cluster. bench/run.sh sets PG_FSYNC=on.
resume_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -s \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=200" start
}

stop_pg() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -s stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
