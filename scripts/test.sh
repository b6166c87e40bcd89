#!/usr/bin/env bash
# Every test suite: unit and database tests on SQLite, the database tests
# again on a throwaway PostgreSQL cluster, then the end-to-end tests in
# Chromium against the release server. Prints how many tests ran on each.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/pg.sh"
cd "$ROOT"

SUMMARY=$(mktemp)
# The fault tests (tests/crash.rs, tests/outage.rs) run the release server
# that `make build` made; the fault and hostile-input tests write their
# figures here for the summary.
export SETTLE_SERVER_BIN="$CARGO_TARGET_DIR/release/settle"
export SETTLE_REPORT="$(mktemp)"
trap 'stop_pg; rm -f "$SUMMARY" "$SETTLE_REPORT"' EXIT

# Sums "test result: ok. N passed; M failed; K ignored" lines of cargo test.
count() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { printf "%d passed, %d failed", p, f }'
}

run_cargo() {
  local label=$1; shift
  log "$label"
  local out; out=$(mktemp)
  set +e
  "$@" 2>&1 | tee "$out"
  local status=${PIPESTATUS[0]}
  set -e
  echo "$label: $(count < "$out")" >> "$SUMMARY"
  rm -f "$out"
  return "$status"
}

overall=0
run_cargo "unit + database tests (SQLite)" \
  cargo test --features ssr --no-fail-fast || overall=1

start_pg
run_cargo "database tests (PostgreSQL)" \
  env SETTLE_TEST_DATABASE_URL="$PG_URL" cargo test --features ssr --no-fail-fast --test '*' || overall=1
stop_pg

log "end-to-end tests (Chromium, release build)"
e2e_out=$(mktemp)
set +e
bash scripts/e2e.sh 2>&1 | tee "$e2e_out"
e2e_status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE '^ +[0-9]+ passed' "$e2e_out" | grep -oE '[0-9]+' | tail -n 1 || true)
failed=$(grep -oE '^ +[0-9]+ failed' "$e2e_out" | grep -oE '[0-9]+' | tail -n 1 || true)
echo "end-to-end tests (Chromium): ${passed:-0} passed, ${failed:-0} failed" >> "$SUMMARY"
rm -f "$e2e_out"

[ "$e2e_status" = 0 ] || overall=1

echo
log "summary"
cat "$SUMMARY"
if [ -s "$SETTLE_REPORT" ]; then
  log "fault and hostile-input figures"
  cat "$SETTLE_REPORT"
fi
[ "$overall" = 0 ] && log "all suites passed" || log "SOME SUITES FAILED"
exit $overall
