#!/usr/bin/env bash
# One-command demo: PostgreSQL -> Tributary source -> Kafka -> Tributary sink -> DuckDB, all on this machine.
#   ./quickstart.sh [--rows N] [--tasks N] [--log] [--destination duckdb|postgres] [--keep-data] [--exit-when-synced]
# The work is done by io.tributary.devstack.quickstart.Quickstart (devstack/); Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
stamp=devstack/target/quickstart.stamp
plugins() { ls -d source-connector/target/tributary-source-connector-*-plugin sink-connector/target/tributary-sink-connector-*-plugin 2>/dev/null; }
stale() {  # never built by this script, a part is missing, or a source or pom changed since
  [ -f "$stamp" ] && [ -f devstack/target/quickstart.classpath ] && [ "$(plugins | wc -l)" -eq 2 ] || return 0
  [ -n "$(find common/src source-connector/src sink-connector/src devstack/src devstack/kafka-dist/src pom.xml \
          ./*/pom.xml devstack/kafka-dist/pom.xml -newer "$stamp" -type f -print -quit)" ]
}
if [ "${QUICKSTART_SKIP_BUILD:-0}" != 1 ] && stale; then  # tests that run inside the build set it
  echo "Building the plugins and the devstack: ./mvnw -B -q package -DskipTests"
  ./mvnw -B -q package -DskipTests
  touch "$stamp"
fi
exec java -Xmx512m -cp "devstack/target/classes:$(cat devstack/target/quickstart.classpath)" \
  io.tributary.devstack.quickstart.Quickstart --plugin-path "$(plugins | paste -sd,)" "$@"
