#!/usr/bin/env bash
# Builds the release server and the hydrated site into target/site:
#   1. the wasm client (Debian's rustc-web, -Zbuild-std, profile wasm-release)
#   2. wasm-bindgen (JS glue), 3. wasm-opt (binaryen 132 from npm)
#   4. the server binary (rustup's cargo, feature ssr)
#   5. content-hash the wasm, JS and CSS, precompress them (gzip, brotli), and
#      write hash.txt beside the server binary, where Leptos reads it.
# Incremental: cargo skips what is built, wasm-opt runs only on a new module.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

PKG="$SITE_ROOT/pkg"
BINDGEN_OUT="$CARGO_TARGET_DIR/wasm-bindgen"

log "client: wasm32 (hydrate)"
RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc /usr/bin/cargo build --lib \
  --profile wasm-release --target wasm32-unknown-unknown \
  -Zbuild-std=std,panic_abort --no-default-features --features hydrate

WASM_IN="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/settle.wasm"
mkdir -p "$BINDGEN_OUT"
stamp="$BINDGEN_OUT/input.sha256"
if [ ! -f "$stamp" ] || [ "$(sha256sum < "$WASM_IN")" != "$(cat "$stamp")" ] \
   || [ ! -f "$BINDGEN_OUT/settle.opt.wasm" ]; then
  log "wasm-bindgen + wasm-opt"
  wasm-bindgen "$WASM_IN" --target web --no-typescript --out-dir "$BINDGEN_OUT" --out-name settle
  wasm-opt -Oz "${WASM_OPT_FEATURES[@]}" "$BINDGEN_OUT/settle_bg.wasm" -o "$BINDGEN_OUT/settle.opt.wasm"
  sha256sum < "$WASM_IN" > "$stamp"
else
  log "wasm unchanged: bindgen and wasm-opt skipped"
fi

log "server: release (ssr)"
cargo build --release --features ssr --bin settle

log "assembling $SITE_ROOT"
rm -rf "$SITE_ROOT.new"
mkdir -p "$SITE_ROOT.new/pkg"
cp -r public/. "$SITE_ROOT.new/"
hash_of() { sha256sum "$1" | cut -c1-16; }
js_hash=$(hash_of "$BINDGEN_OUT/settle.js")
wasm_hash=$(hash_of "$BINDGEN_OUT/settle.opt.wasm")
css_hash=$(hash_of style/main.css)
cp "$BINDGEN_OUT/settle.js" "$SITE_ROOT.new/pkg/settle.$js_hash.js"
cp "$BINDGEN_OUT/settle.opt.wasm" "$SITE_ROOT.new/pkg/settle.$wasm_hash.wasm"
cp style/main.css "$SITE_ROOT.new/pkg/settle.$css_hash.css"
for f in "$SITE_ROOT.new"/pkg/*; do
  gzip -k -9 "$f"
  if command -v brotli >/dev/null; then brotli -k -q 11 "$f"; fi
done
rm -rf "$SITE_ROOT"
mv "$SITE_ROOT.new" "$SITE_ROOT"
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" \
  > "$CARGO_TARGET_DIR/release/hash.txt"

wasm_gz=$(stat -c %s "$SITE_ROOT/pkg/settle.$wasm_hash.wasm.gz")
js_gz=$(stat -c %s "$SITE_ROOT/pkg/settle.$js_hash.js.gz")
log "site ready: wasm+js $(( (wasm_gz + js_gz) / 1024 )) KiB gzipped"
