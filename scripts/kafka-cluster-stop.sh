#!/usr/bin/env bash
# Stop every node of the 3-node cluster started by scripts/kafka-cluster-start.sh: SIGTERM to all,
# wait up to KAFKA_CLUSTER_STOP_TIMEOUT s (default 15), then SIGKILL; a lone surviving node (no
# controller quorum, so it cannot shut down cleanly) is killed at once. Exits 0 when none is running.
set -euo pipefail
# shellcheck source=infra/kafka/kafka-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/infra/kafka/kafka-common.sh"
case "${1:-}" in
  -h|--help) sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) kafka_die "unknown argument: $1" ;;
esac
pidfiles=()
running=0
for n in "${KAFKA_CLUSTER_NODES[@]}"; do
  pf="$(kafka_cluster_log_dir "$n")/kafka.pid"
  pidfiles+=("$pf")
  kafka_pid_alive "$pf" >/dev/null && running=$(( running + 1 ))
done
if (( running == 0 )); then
  rm -f "${pidfiles[@]}"
  kafka_log "the 3-node Kafka cluster is not running"
  exit 0
fi
# The data is wiped by the next kafka-cluster-start.sh anyway, so don't wait long: a combined node
# whose controller quorum is gone hangs in controlled shutdown until it is killed.
# shellcheck disable=SC2034  # read by kafka_stop_pidfiles
KAFKA_STOP_TIMEOUT="${KAFKA_CLUSTER_STOP_TIMEOUT:-15}"
if (( running < 2 )); then
  kafka_log "only $running node left, so there is no controller quorum for a controlled shutdown: killing it"
  kafka_stop_pidfiles kill "${pidfiles[@]}"
else
  kafka_stop_pidfiles term "${pidfiles[@]}"
fi
