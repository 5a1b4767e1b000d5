#!/usr/bin/env bash
# Release build of dist/ (wasm-opt -Oz through Trunk), offline so a tool
# version mismatch fails at once instead of trying to download.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --offline "$@"
