#!/usr/bin/env bash
# Stops the service that scripts/quickstart.sh started (SIGTERM: it finishes, then exits 0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pid_file="${DATA_DIR:-./data}/serve.pid"
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  pid="$(cat "$pid_file")"
  kill -TERM "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  echo "stopped the service (pid $pid)"
else
  echo "the service is not running"
fi
rm -f "$pid_file"
