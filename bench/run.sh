#!/usr/bin/env bash
# `make bench`: measures Settle against the physical limits of this machine
# and writes docs/performance.md. Everything runs on loopback and is stopped
# at the end: the release server on a fresh SQLite database (then on a
# fresh PostgreSQL cluster with fsync on), nginx serving the same article as
# a static file, wrk as the load generator, and bench/load.rs for the loads
# wrk cannot express (sessions, distinct calls, live listeners).
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/pg.sh"
cd "$ROOT"

SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
missing=()
for p in wrk nginx-light; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
fi

log "building the load driver"
cargo build --release --features ssr --bin settle-load
LOAD="$CARGO_TARGET_DIR/release/settle-load"
SERVER="$CARGO_TARGET_DIR/release/settle"

# 5,000 live streams need as many descriptors in the server and the driver.
ulimit -n "$(ulimit -Hn)"

WORK=$(mktemp -d /tmp/settle-bench.XXXXXX)
RESULTS="$WORK/results.jsonl"
PORT=3300
NGINX_PORT=3301
URL="http://127.0.0.1:$PORT"
SERVER_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  stop_pg
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server() { # $1 database url, then extra VAR=value settings
  local db=$1; shift
  env DATABASE_URL="$db" SETTLE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$SITE_ROOT" \
    SETTLE_UPLOAD_DIR="$WORK/uploads" RUST_LOG=warn "$@" "$SERVER" serve >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "$URL/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.2
  done
  echo "server did not start" >&2; exit 1
}

stop_server() { # $1 label, [$2 row name]: records the peak RSS first
  local peak
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
  echo "{\"row\":\"${2:-rss}\",\"db\":\"$1\",\"peak_mb\":$(awk "BEGIN {print $peak / 1024}")}" >> "$RESULTS"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# wrk's "Requests/sec" and its 99th percentile in ms, as one JSON line.
wrk_row() { # $1 row, $2 db ("" for none), $3 connections, $4 seconds, $5 url, [$6 lua script]
  local out
  out=$(wrk -t2 -c"$3" -d"$4s" --latency ${6:+-s "$6"} "$5")
  echo "$out" >&2
  local rps p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "{\"row\":\"$1\"${2:+,\"db\":\"$2\"},\"rps\":$rps,\"p99_ms\":$p99,\"non_2xx\":${errors:-0}${7:+,$7}}" >> "$RESULTS"
}

cat > "$WORK/search.lua" <<'LUA'
local queries = {"refund%20a%20call", "processor%20payment%20receipt", "refnud", "dispute%20evidence%20screenshot",
                 "session%20cancel%20window", "credits%20balance", "tip%20show", "premium%20subscription"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/en/help/search?q=" .. queries[(n % #queries) + 1])
end
LUA

run_database() { # $1 label, $2 url
  log "[$1] seeding: 1,000 articles, 10,000 customers, calls"
  BENCH_DB="$1" DATABASE_URL="$2" "$LOAD" seed "$WORK/seed-$1.json"
  start_server "$2"
  if [ "$1" = sqlite ]; then
    log "[$1] help article vs nginx (64 connections, 20 s each)"
    local article="/en/help/a/bench-en-7"
    curl -fsS "$URL$article" > /dev/null   # warm
    mkdir -p "$WORK/static"
    chmod 755 "$WORK" "$WORK/static"   # nginx's workers run as www-data
    curl -fsS "$URL$article" > "$WORK/static/article.html"
    local bytes; bytes=$(stat -c %s "$WORK/static/article.html")
    cat > "$WORK/nginx.conf" <<NGINX
daemon off;
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/static;
    location / { default_type text/html; }
  }
}
NGINX
    nginx -c "$WORK/nginx.conf" -p "$WORK" &
    NGINX_PID=$!
    sleep 0.5
    wrk_row nginx "" 64 20 "http://127.0.0.1:$NGINX_PORT/article.html" "" "\"bytes\":$bytes"
    kill "$NGINX_PID"; NGINX_PID=""
    wrk_row page "" 64 20 "$URL$article" "" "\"bytes\":$bytes"
  fi
  # The first run starts with no results kept (reported as "cold"); the
  # second measures the steady state the target is about.
  log "[$1] help search, cold then warm (32 connections, 10 s each)"
  wrk_row search_cold "$1" 32 10 "$URL" "$WORK/search.lua"
  wrk_row search "$1" 32 10 "$URL" "$WORK/search.lua"
  log "[$1] call refunds: 64 clients on distinct calls, then 64 on one call"
  BENCH_DB="$1" "$LOAD" refunds "$URL" "$WORK/seed-$1.json" >> "$RESULTS"
  log "[$1] dispute chat fan-out: 200 listeners, 1 message/s for 30 s"
  BENCH_DB="$1" "$LOAD" fanout "$URL" "$WORK/seed-$1.json" >> "$RESULTS"
  stop_server "$1"
  # A fresh server for the connection load, so its memory is its own row.
  start_server "$2"
  log "[$1] 5,000 live streams, 1 message/s for 10 s"
  BENCH_DB="$1" BENCH_ROW=streams BENCH_LISTENERS=5000 BENCH_SECONDS=10 \
    "$LOAD" fanout "$URL" "$WORK/seed-$1.json" >> "$RESULTS"
  stop_server "$1" rss_streams
}

# Issue 17: what each kind of page downloads and how it does under
# Lighthouse's mobile settings, on a test-mode server with the demo people
# (the page setup makes a call, sessions and a dispute through the UI).
run_pages() {
  log "pages: Lighthouse 12.2.3 (mobile), three runs per page"
  (cd bench/pages && npm ci --no-audit --no-fund --loglevel=error)
  start_server "sqlite://$WORK/pages.db" SETTLE_DEMO_DATA=1 SETTLE_TEST_MODE=1 \
    SETTLE_SERVICE_TOKEN=bench-service-token
  SETTLE_SERVICE_TOKEN=bench-service-token node bench/pages/run.mjs "$URL" "$SITE_ROOT/pkg" >> "$RESULTS"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)
echo "{\"row\":\"machine\",\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"cpu\":\"$cpu\",\"cores\":\"$(nproc)\",\"mem_gib\":\"$mem\",\"kernel\":\"Linux $(uname -r)\"}" >> "$RESULTS"

log "bare SQLite insert loop (WAL, synchronous=FULL), 5 s"
"$LOAD" bare-sqlite "$WORK/bare.db" >> "$RESULTS"

run_pages
run_database sqlite "sqlite://$WORK/bench.db"

# PostgreSQL with fsync on (the test cluster turns it off).
PG_FSYNC=on start_pg
log "bare PostgreSQL insert loop (fsync=on, synchronous_commit=on), 5 s"
"$LOAD" bare-postgres "$PG_URL" >> "$RESULTS"
run_database postgres "$PG_URL"
stop_pg

log "writing docs/performance.md"
{
  sed -n '/<!-- table -->/q;p' docs/performance.md
  echo "<!-- table -->"
  "$LOAD" report "$RESULTS"
  echo "<!-- /table -->"
  sed -n '/<!-- \/table -->/,$p' docs/performance.md | tail -n +2
} > "$WORK/performance.md"
mv "$WORK/performance.md" docs/performance.md
cat "$RESULTS" > bench/last-run.jsonl
log "done: docs/performance.md (raw figures in bench/last-run.jsonl)"
