#!/usr/bin/env bash
# (Re)start one node of the 3-node cluster, keeping its data, and wait until it serves clients.
#
#   scripts/kafka-node-start.sh N        (N = 1, 2 or 3)
#
# The cluster must have been created by scripts/kafka-cluster-start.sh; at least one other node
# must be up for the controller quorum (2 of 3). Exits 0 at once when the node is already up.
set -euo pipefail
# shellcheck source=infra/kafka/kafka-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/infra/kafka/kafka-common.sh"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
node="${1:-}"
(( $# <= 1 )) || kafka_die "usage: kafka-node-start.sh N"
kafka_check_cluster_node "$node"
log_dir="$(kafka_cluster_log_dir "$node")"
data_dir="$(kafka_cluster_data_dir "$node")"
port="$(kafka_cluster_client_port "$node")"
cfg="$log_dir/server.properties"
[[ -f "$cfg" && -f "$data_dir/meta.properties" ]] \
  || kafka_die "cluster node $node has no formatted data dir; run scripts/kafka-cluster-start.sh first"

exec 9>"$log_dir/.start.lock"
flock 9
t0=$(date +%s.%N)
if pid="$(kafka_pid_alive "$log_dir/kafka.pid")"; then
  if kafka_port_open "$port" && kafka_is_ready "$log_dir" "$pid"; then
    kafka_log "cluster node $node is already running (pid $pid, 127.0.0.1:$port)"
    exit 0
  fi
else
  for p in "$port" "$(kafka_cluster_controller_port "$node")"; do
    kafka_port_open "$p" && kafka_die "port 127.0.0.1:$p is already in use by another process"
  done
  kafka_ensure_lib
  kafka_launch "$cfg" "$log_dir"
  kafka_log "started cluster node $node pid $(cat "$log_dir/kafka.pid") (client 127.0.0.1:$port)"
fi
if ! kafka_wait_ready "$log_dir" "$port" $(( $(date +%s) + KAFKA_START_TIMEOUT )); then
  kafka_show_tail "$log_dir"
  kafka_stop_pidfiles term "$log_dir/kafka.pid" || true
  exit 1
fi
kafka_mark_ready "$log_dir"
kafka_cds_check "$log_dir"
kafka_log "cluster node $node is ready on 127.0.0.1:$port after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')s"
