#!/usr/bin/env bash
# Regenerates docs/dashboard.md and its screenshots (docs/dashboard/*.png): starts a real
# `rebate serve` on SQLite in a temporary folder, loads examples/product-sheet.ndjson, and
# photographs every page in Debian's Chromium (apt-get install -y chromium). Needs a build
# (`pnpm install` builds the service and the dashboard).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "dashboard-screenshots: no /usr/bin/chromium; run: apt-get install -y chromium" >&2
  exit 1
fi
node -r ./scripts/register-ts.js services/dashboard/test/support/screenshots.ts
