#!/usr/bin/env bash
# Start a three-node KRaft Kafka cluster on 127.0.0.1 (every node is broker+controller):
#   node 1: client 19092, controller 19093
#   node 2: client 29092, controller 29093
#   node 3: client 39092, controller 39093
# Fresh each time: one new cluster id, every data dir wiped and formatted, the three nodes started
# together, then waits until all of them serve clients and __consumer_offsets is ready.
# Replication defaults fit broker-loss tests: default.replication.factor=3, min.insync.replicas=2.
# Idempotent: exits 0 at once when all three nodes are already up.
# Env: KAFKA_CLUSTER_PORT (default 9092: the ports above; e.g. 9592 gives 19592/19593,
# 29592/29593, 39592/39593 and data in data/cluster-9592), KAFKA_HEAP_OPTS (default "-Xmx512m -Xms128m" per node), KAFKA_START_TIMEOUT (default 90 s).
set -euo pipefail
# shellcheck source=infra/kafka/kafka-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/infra/kafka/kafka-common.sh"
case "${1:-}" in
  -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) kafka_die "unknown argument: $1" ;;
esac

mkdir -p "$KAFKA_LOGS_ROOT/$KAFKA_CLUSTER_NAME" "$KAFKA_DATA_ROOT/$KAFKA_CLUSTER_NAME"
exec 9>"$KAFKA_LOGS_ROOT/$KAFKA_CLUSTER_NAME/.start.lock"
flock 9

t0=$(date +%s.%N)
all_up=1
for n in "${KAFKA_CLUSTER_NODES[@]}"; do
  if ! kafka_pid_alive "$(kafka_cluster_log_dir "$n")/kafka.pid" >/dev/null \
     || ! kafka_port_open "$(kafka_cluster_client_port "$n")"; then
    all_up=0
  fi
done
if (( all_up )); then
  kafka_log "the 3-node Kafka cluster is already running ($KAFKA_CLUSTER_BROKERS)"
  exit 0
fi

# Partly up (or leftovers): stop what is there and start from scratch.
pidfiles=()
for n in "${KAFKA_CLUSTER_NODES[@]}"; do pidfiles+=("$(kafka_cluster_log_dir "$n")/kafka.pid"); done
kafka_stop_pidfiles term "${pidfiles[@]}"
for n in "${KAFKA_CLUSTER_NODES[@]}"; do
  for p in "$(kafka_cluster_client_port "$n")" "$(kafka_cluster_controller_port "$n")"; do
    kafka_port_open "$p" && kafka_die "port 127.0.0.1:$p is already in use by another process"
  done
done

kafka_ensure_lib
cluster_id="$(kafka_new_cluster_id)"
echo "$cluster_id" >"$KAFKA_DATA_ROOT/$KAFKA_CLUSTER_NAME/cluster-id"
fmt_pids=()
for n in "${KAFKA_CLUSTER_NODES[@]}"; do
  kafka_cluster_write_config "$n"
  kafka_wipe_data_dir "$(kafka_cluster_data_dir "$n")"
  kafka_format "$(kafka_cluster_log_dir "$n")/server.properties" "$cluster_id" "$(kafka_cluster_log_dir "$n")" &
  fmt_pids+=($!)
done
for p in "${fmt_pids[@]}"; do wait "$p" || kafka_die "formatting a cluster node failed"; done

for n in "${KAFKA_CLUSTER_NODES[@]}"; do
  kafka_launch "$(kafka_cluster_log_dir "$n")/server.properties" "$(kafka_cluster_log_dir "$n")"
  kafka_log "started node $n pid $(cat "$(kafka_cluster_log_dir "$n")/kafka.pid") (client 127.0.0.1:$(kafka_cluster_client_port "$n"), controller 127.0.0.1:$(kafka_cluster_controller_port "$n"))"
done

deadline=$(( $(date +%s) + KAFKA_START_TIMEOUT ))
logdirs=()
for n in "${KAFKA_CLUSTER_NODES[@]}"; do logdirs+=("$(kafka_cluster_log_dir "$n")"); done
fail() {
  local d
  for d in "${logdirs[@]}"; do kafka_show_tail "$d"; done
  kafka_stop_pidfiles term "${pidfiles[@]}" || true
  exit 1
}
for n in "${KAFKA_CLUSTER_NODES[@]}"; do
  kafka_wait_ready "$(kafka_cluster_log_dir "$n")" "$(kafka_cluster_client_port "$n")" "$deadline" || fail
done
kafka_wait_groups "$(kafka_cluster_client_port 1)" "$deadline" "${logdirs[0]}/server.properties" "${logdirs[@]}" || fail
for d in "${logdirs[@]}"; do kafka_mark_ready "$d"; kafka_cds_check "$d"; done
kafka_log "the 3-node Kafka cluster ($cluster_id) is ready on $KAFKA_CLUSTER_BROKERS after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')s"
