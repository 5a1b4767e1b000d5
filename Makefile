.PHONY: serve test build bench lint
serve: ; scripts/serve.sh
test: ; scripts/test.sh
build: ; scripts/build.sh
bench: ; node bench/run.mjs
lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
