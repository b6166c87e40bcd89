#!/usr/bin/env bash
# Help-center search on 1,000+ articles per language (see bench/help_search.rs).
# SQLite by default; DATABASE_URL=postgres://… for PostgreSQL (an empty database).
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"
cargo run --release --features ssr --example help_search -- "$@"
