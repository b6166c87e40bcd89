#!/usr/bin/env bash
# Installs whatever this machine lacks to build, run and test Settle.
# Idempotent: a second run checks and does nothing. Needs: Debian 12,
# rustup's stable toolchain, node/npm, and access to the package registries.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# Debian packages: the wasm toolchain (rustc-web 1.96 + std source + lld),
# Chromium for the end-to-end tests, PostgreSQL for the second database,
# brotli for precompressed assets, python3-aiosmtpd for the tests' real
# SMTP server (scripts/smtp-sink.py).
APT_PACKAGES=(rustc-web cargo-web rust-web-src lld-22 chromium postgresql brotli python3-aiosmtpd)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  # The package's own cluster is not used (tests start a throwaway one).
  $SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true
fi

# wasm-bindgen CLI: must equal the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "cargo install wasm-bindgen-cli $want (have: ${have:-none})"
  # No --locked: the registry lacks a locked dependency (docs/decisions.md).
  cargo install wasm-bindgen-cli --version "$want" --quiet
fi

# wasm-opt 132 (npm binaryen; Debian's 108 breaks hydration).
if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  log "npm: binaryen (wasm-opt)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

# Playwright and axe-core for the end-to-end tests (drives Debian's
# chromium; no browser download).
if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/@axe-core/playwright ]; then
  log "npm: playwright"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
