#!/usr/bin/env bash
# Runs the app at http://127.0.0.1:8080 with the local receiver taking
# submissions (trunk serve proxies /api to it). Stored submissions go to
# data/submissions.db.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --serve-only
source scripts/env.sh
cargo build -p receiver --quiet
mkdir -p data
target/debug/receiver --port 3001 --data data/submissions.db \
  --allow-origin http://127.0.0.1:8080 --allow-origin http://localhost:8080 &
RECEIVER_PID=$!
trap 'kill $RECEIVER_PID 2>/dev/null || true' EXIT INT TERM
echo "Open http://127.0.0.1:8080 — submissions are stored in data/submissions.db"
# Its own output folder: trunk serve injects a live-reload script, which must never
# end up in the release dist/ that the tests and deployments use.
trunk serve --offline --dist target/serve-dist "$@"
