#!/usr/bin/env bash
# Stop the single-node Kafka started by scripts/kafka-start.sh: SIGTERM, wait (KAFKA_STOP_TIMEOUT,
# default 30 s), then SIGKILL. Exits 0 when it is not running.
#
#   scripts/kafka-stop.sh [--port N]      (or env KAFKA_PORT; default 9092)
set -euo pipefail
# shellcheck source=infra/kafka/kafka-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/infra/kafka/kafka-common.sh"

port="${KAFKA_PORT:-9092}"
while (( $# )); do
  case "$1" in
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    -h|--help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) kafka_die "unknown argument: $1" ;;
  esac
done
kafka_check_port_number "$port"
if [[ "$port" == 9092 ]]; then name=single; else name="single-$port"; fi
log_dir="${KAFKA_LOG_DIR:-$KAFKA_LOGS_ROOT/$name}"
pidfile="$log_dir/kafka.pid"

if ! kafka_pid_alive "$pidfile" >/dev/null; then
  rm -f "$pidfile"
  if kafka_port_open "$port"; then
    kafka_log "no broker started by these scripts for port $port, but 127.0.0.1:$port is in use by another process; leaving it alone"
  else
    kafka_log "Kafka (port $port) is not running"
  fi
  exit 0
fi
kafka_stop_pidfiles term "$pidfile"
