#!/usr/bin/env bash
# Fill infra/kafka/lib with the Apache Kafka broker classpath from Maven Central (via Maven).
# Idempotent: does nothing when lib/ already matches infra/kafka/pom.xml.
set -euo pipefail
# shellcheck source=infra/kafka/kafka-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/infra/kafka/kafka-common.sh"

pom="$KAFKA_INFRA/pom.xml"
stamp="$KAFKA_LIB/.pom.sha256"
want="$(sha256sum "$pom" | cut -d' ' -f1)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && compgen -G "$KAFKA_LIB/kafka_2.13-*.jar" >/dev/null; then
  exit 0
fi

if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  # A fresh machine of another kind: Debian's packages bring Java 17 and Maven.
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "[kafka] installing Java and Maven from Debian's packages" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven) >&2
  fi
fi
command -v mvn >/dev/null || kafka_die "mvn (Maven) is not installed"
kafka_log "fetching the Kafka broker classpath with Maven into $KAFKA_LIB ..."
start=$(date +%s)
tmp="$KAFKA_INFRA/lib.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$KAFKA_LOGS_ROOT"
fetch_log="$KAFKA_LOGS_ROOT/fetch.log"
# Maven 3.8 prints stray colour escapes even with -q -B: keep its output in a file, show it on failure.
if ! mvn -q -B --no-transfer-progress -Dstyle.color=never -f "$pom" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" </dev/null >"$fetch_log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$fetch_log" | tail -n 40 >&2
  kafka_die "maven could not fetch the Kafka broker classpath (full output: $fetch_log)"
fi
compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || kafka_die "maven ran but no kafka_2.13 jar arrived in $tmp"
echo "$want" >"$tmp/.pom.sha256"
rm -rf "$KAFKA_LIB"
mv "$tmp" "$KAFKA_LIB"
trap - EXIT
jars=("$KAFKA_LIB"/*.jar)
kafka_log "fetched ${#jars[@]} jars in $(( $(date +%s) - start ))s"
