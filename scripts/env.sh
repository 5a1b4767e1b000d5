# Sourced by the scripts: tool paths. npm's wasm-opt must come first on PATH
# (Debian's wasm-opt 108 produces a build that dies in the browser).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TERM_COLOR=never
