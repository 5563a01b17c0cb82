#!/usr/bin/env bash
# First command on a fresh machine: installs pnpm and the dependencies, builds, and runs the main
# job on the embedded default store (SQLite, no servers): a scenario through `rebate simulate`.
# Usage: scripts/quickstart.sh [SCENARIO_FILE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v pnpm >/dev/null 2>&1; then
  echo "quickstart: installing pnpm" >&2
  npm install -g pnpm@9.15.9 >/dev/null
fi
pnpm install --frozen-lockfile
pnpm --silent rebate simulate "${1:-examples/product-sheet.ndjson}"
