#!/usr/bin/env bash
# Runs the benchmarks on the devstack of this machine, prints the results table and writes it to
# benchmarks/results/results.{md,csv,json}. See docs/benchmarks.md.
#   benchmarks/run.sh [--suites snapshot,refresh,sink,latency] [--rows 100000,1000000,10000000] [--repeat 3] [--warmup 1]
#                     [--tasks 1,2,4] [--peer-max-rows 1000000] [--debezium-batch-sizes 5000]
#                     [--latency-rate 50] [--latency-seconds 30] [--worker-heap 2g] [--keep-logs true] [--out DIR]
# Needs a JDK (jcmd, jstat meter the worker's heap).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests -pl benchmarks,source-connector,sink-connector -am
plugins="$(ls -d source-connector/target/tributary-source-connector-*-plugin),$(ls -d sink-connector/target/tributary-sink-connector-*-plugin),benchmarks/target/debezium-plugins"
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)" io.tributary.benchmarks.Benchmarks \
  --plugin-path "$plugins" "$@"
