#!/usr/bin/env bash
# End-to-end tests: starts the release server (test mode, demo data) on a
# fresh SQLite database, with a real SMTP server on loopback
# (scripts/smtp-sink.py) taking its mail, runs Playwright against it, stops
# both. Tests read the mails from $SETTLE_E2E_MAILDIR.
# Usage: scripts/e2e.sh [playwright args]   (expects scripts/build-site.sh done)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

PORT=${E2E_PORT:-3100}
WORK=$(mktemp -d /tmp/settle-e2e.XXXXXX)
SERVER_LOG="$WORK/server.log"
MAIL_PORT=${E2E_MAIL_PORT:-3125}
MAIL_DIR="$WORK/mail"
cleanup() {
  local rc=$?
  for pid in "${SERVER_PID:-}" "${SMTP_PID:-}"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${KEEP_E2E_LOG:-}" = 1 ]; then echo "server log: $SERVER_LOG"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT

/usr/bin/python3 scripts/smtp-sink.py "$MAIL_PORT" "$MAIL_DIR" >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 50); do
  grep -q listening "$WORK/smtp.log" 2>/dev/null && break
  kill -0 "$SMTP_PID" 2>/dev/null || { cat "$WORK/smtp.log"; exit 1; }
  sleep 0.1
done

DATABASE_URL="sqlite://$WORK/e2e.db" SETTLE_ADDR="127.0.0.1:$PORT" SETTLE_SMTP_URL="smtp://127.0.0.1:$MAIL_PORT" \
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
SETTLE_E2E_URL="http://127.0.0.1:$PORT" SETTLE_E2E_MAILDIR="$MAIL_DIR" npx playwright test "$@" || status=$?
if [ $status -ne 0 ]; then
  echo "---- server log (last 50 lines) ----"; tail -n 50 "$SERVER_LOG"
fi
exit $status
