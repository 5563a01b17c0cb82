#!/usr/bin/env bash
# The whole test suite, as CI runs it: starts what the tests need (PostgreSQL with a fresh
# database, a Kafka broker from Maven Central jars), runs jest, and ends with
# "N passed, N failed, N skipped". Extra arguments go to jest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DATABASE_URL="${DATABASE_URL:-$(bash scripts/ensure-postgres.sh rebate_test)}"
started_kafka=no
if [ -z "${KAFKA_BROKERS:-}" ]; then
  bash scripts/kafka-start.sh
  started_kafka=yes
  export KAFKA_BROKERS=127.0.0.1:9092
fi
cleanup() { if [ "$started_kafka" = yes ] && [ "${KEEP_KAFKA:-}" != 1 ]; then bash scripts/kafka-stop.sh || true; fi; }
trap cleanup EXIT

results="$(mktemp -t jest-results.XXXXXX.json)"
status=0
pnpm exec jest --json --outputFile="$results" "$@" || status=$?
# Stop the broker before the summary, so "N passed, N failed" is the last line printed.
cleanup >&2
trap - EXIT
if [ ! -s "$results" ]; then
  echo "jest wrote no results" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
node -e '
const r = require(process.argv[1]);
const skipped = r.numPendingTests + r.numTodoTests;
const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed, ${skipped} skipped`);
' "$results"
exit "$status"
