#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 and creates a fresh, empty database.
# Usage: scripts/ensure-postgres.sh [DBNAME]   (prints the DATABASE_URL to use on stdout)
set -euo pipefail
db="${1:-rebate_test}"
pg_host=127.0.0.1
pg_port="${PGPORT:-5432}"

ready() { pg_isready -q -h "$pg_host" -p "$pg_port" >/dev/null 2>&1; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "ensure-postgres: PostgreSQL client tools not found; installing postgresql" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
if ! ready; then
  echo "ensure-postgres: starting PostgreSQL" >&2
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  fi
  for _ in $(seq 1 60); do ready && break; sleep 0.5; done
fi
ready || { echo "ensure-postgres: PostgreSQL is not answering on $pg_host:$pg_port" >&2; exit 1; }

psql -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U postgres -d postgres >&2 <<SQL
DROP DATABASE IF EXISTS "$db" WITH (FORCE);
CREATE DATABASE "$db";
SQL
echo "postgres://postgres@$pg_host:$pg_port/$db"
