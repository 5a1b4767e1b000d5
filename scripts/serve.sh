#!/usr/bin/env bash
# Runs the app at http://127.0.0.1:8080 with the local receiver taking
# submissions: a release build of dist/ (the applicant's form, and the staff
# cycle editor at /preview/ and workbench at /staff/) served the way a static host serves it (SPA fallback,
# /api proxied to the receiver on 127.0.0.1:3001). Stored submissions go to
# data/submissions.db (SQLite); `target/debug/receiver export --cycle
# public/cycles/fall-2020-mentor.json --format csv` reads them back.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --serve-only
source scripts/env.sh
scripts/build.sh
cargo build -p receiver --quiet
mkdir -p data
target/debug/receiver --port 3001 --data data/submissions.db \
  --cycle public/cycles/fall-2020-mentor.json \
  --allow-origin http://127.0.0.1:8080 --allow-origin http://localhost:8080 &
RECEIVER_PID=$!
trap 'kill $RECEIVER_PID 2>/dev/null || true' EXIT INT TERM
echo "Open http://127.0.0.1:8080 (staff: the cycle editor at /preview/, the workbench at /staff/) — submissions are stored in data/submissions.db"
node examples/serve.mjs 8080
