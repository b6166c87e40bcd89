#!/usr/bin/env bash
# Revision comparison on two 10,000-line revisions (see bench/help_compare.rs).
# Options: --lines N (per revision), --rounds N.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"
cargo run --release --features ssr --example help_compare -- "$@"
