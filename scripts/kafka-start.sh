#!/usr/bin/env bash
# Start a single combined (broker+controller) KRaft Kafka node on 127.0.0.1 in the background
# and wait until it serves clients.
#
#   scripts/kafka-start.sh [--port N] [--keep-data]
#
# --keep-data: restart on the node's existing data dir (topics, offsets and the cluster id
#              survive) instead of formatting a fresh one; falls back to a fresh format when
#              the dir holds no formatted node yet.
#
# Env: KAFKA_PORT (client port, default 9092; controller port = port+1),
#      KAFKA_DATA_DIR (default infra/kafka/data/single, or data/single-<port> for another port;
#                      wiped and formatted fresh on every start unless --keep-data),
#      KAFKA_LOG_DIR (default infra/kafka/logs/single[-<port>]),
#      KAFKA_HEAP_OPTS (default "-Xmx512m -Xms128m"), KAFKA_START_TIMEOUT (default 90 s).
# Idempotent: if something already accepts connections on the port, it says so and exits 0.
set -euo pipefail
# shellcheck source=infra/kafka/kafka-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/infra/kafka/kafka-common.sh"

port="${KAFKA_PORT:-9092}"
keep_data=no
while (( $# )); do
  case "$1" in
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    --keep-data) keep_data=yes; shift ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) kafka_die "unknown argument: $1" ;;
  esac
done
kafka_check_port_number "$port"
ctl_port=$(( port + 1 ))
if [[ "$port" == 9092 ]]; then name=single; else name="single-$port"; fi
data_dir="${KAFKA_DATA_DIR:-$KAFKA_DATA_ROOT/$name}"
log_dir="${KAFKA_LOG_DIR:-$KAFKA_LOGS_ROOT/$name}"
mkdir -p "$log_dir"
data_dir="$(mkdir -p "$data_dir" && cd "$data_dir" && pwd)"

# One start at a time per node (parallel test workers may all call this).
exec 9>"$log_dir/.start.lock"
flock 9

t0=$(date +%s.%N)
if kafka_port_open "$port"; then
  if pid="$(kafka_pid_alive "$log_dir/kafka.pid")"; then
    if kafka_is_ready "$log_dir" "$pid"; then
      kafka_log "Kafka is already running on 127.0.0.1:$port (pid $pid)"
      exit 0
    fi
    # Ours and still starting: wait for it below.
  else
    kafka_log "something is already listening on 127.0.0.1:$port (not started by this script); assuming it is a Kafka broker"
    exit 0
  fi
elif pid="$(kafka_pid_alive "$log_dir/kafka.pid")"; then
  : # Ours, still starting (port not bound yet): wait for it below.
else
  kafka_port_open "$ctl_port" && kafka_die "controller port 127.0.0.1:$ctl_port is already in use"
  kafka_ensure_lib
  cfg="$log_dir/server.properties"
  kafka_write_config "$cfg" \
    "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$ctl_port" \
    "advertised.listeners=PLAINTEXT://127.0.0.1:$port" \
    "controller.quorum.voters=1@127.0.0.1:$ctl_port" \
    "log.dirs=$data_dir"
  if [[ "$keep_data" == yes && -f "$data_dir/meta.properties" ]]; then
    kafka_log "keeping the data in $data_dir (--keep-data)"
  else
    kafka_wipe_data_dir "$data_dir"
    kafka_format "$cfg" "$(kafka_new_cluster_id)" "$log_dir"
  fi
  kafka_launch "$cfg" "$log_dir"
  pid="$(cat "$log_dir/kafka.pid")"
  kafka_log "started Kafka pid $pid (client 127.0.0.1:$port, controller 127.0.0.1:$ctl_port, data $data_dir, logs $log_dir)"
fi

deadline=$(( $(date +%s) + KAFKA_START_TIMEOUT ))
if ! kafka_wait_ready "$log_dir" "$port" "$deadline" \
   || ! kafka_wait_groups "$port" "$deadline" "$log_dir/server.properties" "$log_dir"; then
  kafka_show_tail "$log_dir"
  kafka_stop_pidfiles term "$log_dir/kafka.pid" || true
  exit 1
fi
kafka_mark_ready "$log_dir"
kafka_cds_check "$log_dir"
kafka_log "Kafka is ready on 127.0.0.1:$port after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')s"
