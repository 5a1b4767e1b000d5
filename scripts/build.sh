#!/usr/bin/env bash
# Release build of dist/ (wasm-opt -Oz through Trunk), offline so a tool
# version mismatch fails at once instead of trying to download.
# Installs what the build needs first (skipped when present), so
# `git clone … && scripts/build.sh` works on a bare machine.
set -euo pipefail
"$(dirname "$0")/setup.sh" --build-only
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --offline "$@"
