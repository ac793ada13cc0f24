#!/usr/bin/env bash
# Runs a benchmark on the devstack of this machine and prints its results table.
#   benchmarks/run.sh snapshot [--rows 1000000] [--tasks 1,4] [--repeat 3]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests -pl benchmarks,source-connector -am
which="${1:-snapshot}"; shift || true
case "$which" in
  snapshot) main=io.tributary.benchmarks.SnapshotBenchmark ;;
  *) echo "unknown benchmark: $which (known: snapshot)" >&2; exit 2 ;;
esac
exec java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)" "$main" \
  --plugin-path "$(ls -d source-connector/target/tributary-source-connector-*-plugin)" \
  --debezium-plugin-path benchmarks/target/debezium-plugins "$@"
