# Sourced by the other scripts: where the build tools live.
# rustup's cargo builds the server; Debian's rustc-web (1.96, with the std
# source for -Zbuild-std) builds the wasm client. See docs/decisions.md.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
SITE_ROOT="$CARGO_TARGET_DIR/site"
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-reference-types --enable-multivalue
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
