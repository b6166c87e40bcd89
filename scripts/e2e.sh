#!/usr/bin/env bash
# End-to-end tests: starts the release server (test mode, demo data) on a
# fresh SQLite database, runs Playwright against it, stops it.
# Usage: scripts/e2e.sh [playwright args]   (expects scripts/build-site.sh done)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

PORT=${E2E_PORT:-3100}
WORK=$(mktemp -d /tmp/settle-e2e.XXXXXX)
SERVER_LOG="$WORK/server.log"
cleanup() {
  local rc=$?
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${KEEP_E2E_LOG:-}" = 1 ]; then echo "server log: $SERVER_LOG"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT

DATABASE_URL="sqlite://$WORK/e2e.db" SETTLE_ADDR="127.0.0.1:$PORT" \
  LEPTOS_SITE_ROOT="$SITE_ROOT" SETTLE_DEMO_DATA=1 SETTLE_TEST_MODE=1 \
  SETTLE_SERVICE_TOKEN=e2e-service-token SETTLE_UPLOAD_DIR="$WORK/uploads" RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/settle" serve >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG"; exit 1; }
  sleep 0.2
done

cd end2end
status=0
SETTLE_E2E_URL="http://127.0.0.1:$PORT" npx playwright test "$@" || status=$?
if [ $status -ne 0 ]; then
  echo "---- server log (last 50 lines) ----"; tail -n 50 "$SERVER_LOG"
fi
exit $status
