#!/usr/bin/env bash
# Stop one node of the 3-node cluster (for broker-loss tests).
#
#   scripts/kafka-node-stop.sh N [--kill]
#
# N is 1, 2 or 3. Default: SIGTERM (controlled shutdown: leadership moves away first), then
# SIGKILL after KAFKA_STOP_TIMEOUT s. --kill: SIGKILL at once, like a crash. Exits 0 when the
# node is not running.
set -euo pipefail
# shellcheck source=infra/kafka/kafka-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/infra/kafka/kafka-common.sh"
node="" mode="term"
for a in "$@"; do
  case "$a" in
    --kill) mode="kill" ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ -z "$node" ]] || kafka_die "unexpected argument: $a"; node="$a" ;;
  esac
done
kafka_check_cluster_node "$node"
pf="$(kafka_cluster_log_dir "$node")/kafka.pid"
if ! kafka_pid_alive "$pf" >/dev/null; then
  rm -f "$pf"
  kafka_log "cluster node $node is not running"
  exit 0
fi
kafka_stop_pidfiles "$mode" "$pf"
kafka_log "cluster node $node (127.0.0.1:$(kafka_cluster_client_port "$node")) is down"
