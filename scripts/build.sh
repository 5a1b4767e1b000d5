#!/usr/bin/env bash
# Release build of dist/ (wasm-opt -Oz through Trunk), offline so a tool
# version mismatch fails at once instead of trying to download. Installs what
# the build needs first (skipped when present), so a fresh clone builds with
# this one command on a bare machine.
#
# Two entries share the library: index.html (the applicant's form, dist/) and
# preview.html (the staff preview, dist/preview/), so applicants never download
# the preview's editor.
set -euo pipefail
"$(dirname "$0")/setup.sh" --build-only
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --offline=true "$@"
rm -rf target/preview-dist
trunk build --release --offline=true --dist target/preview-dist "$@" preview.html
rm -rf dist/preview
cp -r target/preview-dist dist/preview
# The staff workbench (staff.html, the workbench crate): its own bundle and
# matching worker in dist/staff/, never in the applicant's download.
rm -rf target/staff-dist dist/staff
trunk build --release --offline=true --dist target/staff-dist "$@" staff.html
cp -r target/staff-dist dist/staff
# Paint before the wasm arrives: the start page and each section, rendered by the
# built app, go into dist/index.html (docs/prerender.md). Needs Chromium; without
# it the step says so and dist/ paints when the wasm has loaded.
node scripts/prerender.mjs dist
echo "build: dist/ (applicant form), dist/preview/ (staff preview) and dist/staff/ (staff workbench) are ready"
