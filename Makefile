# Settle. `make run` and `make test` are all a fresh Debian 12 machine needs.
.PHONY: run test setup build check fmt e2e db-test clean-site bench

run: setup build
	DATABASE_URL=$${DATABASE_URL:-sqlite://data/settle.db} SETTLE_DEMO_DATA=1 \
	  LEPTOS_SITE_ROOT=target/site ./target/release/settle serve

test: setup build
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

build:
	bash scripts/build-site.sh

# Formatting and lints (server and browser features).
check:
	cargo fmt --check
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --features hydrate --lib -- -D warnings

fmt:
	cargo fmt

e2e: setup build
	bash scripts/e2e.sh

# Benchmarks against this machine's limits; rewrites docs/performance.md.
bench: setup build
	bash bench/run.sh

clean-site:
	rm -rf target/site target/wasm-bindgen
