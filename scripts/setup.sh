#!/usr/bin/env bash
# Installs what the project needs, skipping whatever is already there at the
# right version. Safe to run again and again.
# Usage: scripts/setup.sh [--serve-only | --build-only]
#   --serve-only, --build-only: skip what only the tests need (Chromium, nginx,
#   LibreOffice Calc)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
SERVE_ONLY=${1:-}
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install "trunk@$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Not --locked: its lock file wants a webpki-roots the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm: binaryen 132 (wasm-opt; Debian's 108 breaks the app), terser (minifies the
# wasm-bindgen JS), parse5 (the build's HTML steps), esbuild (bundles the page script),
# playwright-core, axe-core, typescript and eslint (lint step); the bench's lighthouse
# and SurveyJS. One `npm ci` installs them all from package-lock.json.
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q 'version 132' \
   || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ] \
   || [ ! -d node_modules/terser ] || [ ! -d node_modules/parse5 ] || [ ! -d node_modules/esbuild ] \
   || [ ! -d node_modules/typescript ] || [ ! -d node_modules/eslint ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

if [ "$SERVE_ONLY" != "--serve-only" ] && [ "$SERVE_ONLY" != "--build-only" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/sbin/nginx ]; then
    # nginx: the web-team test serves the bundle with the README's nginx block.
    say "installing Debian chromium, chromium-driver and nginx-light"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver nginx-light >/dev/null
  fi
  if ! command -v soffice >/dev/null 2>&1; then
    # LibreOffice Calc: the receiver's export test opens the CSV in a real
    # spreadsheet program (receiver/tests/spreadsheet.rs).
    say "installing LibreOffice Calc, headless (about 2 minutes)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq libreoffice-calc-nogui >/dev/null
  fi
fi

say "fetching crates"
cargo fetch --quiet
say "ready"
