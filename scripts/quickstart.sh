#!/usr/bin/env bash
# First command on a fresh machine. Installs pnpm and the dependencies, builds, and runs the main
# job on the embedded default (SQLite in ./data, no servers needed):
#   1. `rebate simulate` on the product-sheet example, printed;
#   2. the whole service (event store, projections, HTTP API, the dashboard at /) started in the
#      background, the same example fed to it through its HTTP intake (no Kafka), and where the
#      API, its docs page and the dashboard are printed, with sign-in links and an admin token. Data stays in ./data across restarts.
# Stop the service with `bash scripts/stop.sh`. Usage: scripts/quickstart.sh [SCENARIO_FILE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scenario="${1:-examples/product-sheet.ndjson}"
data_dir="${DATA_DIR:-./data}"
port="${PORT:-8080}"

if ! command -v pnpm >/dev/null 2>&1; then
  echo "quickstart: installing pnpm" >&2
  npm install -g pnpm@9.15.9 >/dev/null
fi
pnpm install --frozen-lockfile >&2

echo "== rebate simulate $scenario" >&2
pnpm --silent rebate simulate "$scenario"

mkdir -p "$data_dir"
pid_file="$data_dir/serve.pid"
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "== the service is already running (pid $(cat "$pid_file"))" >&2
else
  echo "== starting the service (log: $data_dir/serve.log)" >&2
  DATA_DIR="$data_dir" PORT="$port" nohup node services/cli/dist/main.js serve \
    >"$data_dir/serve.log" 2>&1 &
  echo $! >"$pid_file"
fi
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || {
  echo "quickstart: the service did not become ready; see $data_dir/serve.log" >&2
  exit 1
}

echo "== feeding $scenario to the service (idempotent: a second run changes nothing)" >&2
DATA_DIR="$data_dir" PORT="$port" pnpm --silent rebate ingest "$scenario" >&2
token="$(DATA_DIR="$data_dir" pnpm --silent rebate token --role admin)"
admin_link="$(DATA_DIR="$data_dir" PORT="$port" pnpm --silent rebate token --role admin --link)"
partner_link="$(DATA_DIR="$data_dir" PORT="$port" pnpm --silent rebate token --role partner --partner IB-1 --link)"
cat <<INFO

The rebate ledger runs at http://127.0.0.1:$port  (docs: http://127.0.0.1:$port/docs)
Dashboard: http://127.0.0.1:$port/
  sign in as admin:         $admin_link
  sign in as partner IB-1:  $partner_link
Local admin token (12h):
$token

Try:  curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$port/v1/partners
      pnpm --silent rebate token --role partner --partner IB-1
Stop: bash scripts/stop.sh
INFO
