#!/usr/bin/env bash
# One-command demo: PostgreSQL -> Tributary source -> Kafka -> Tributary sink -> DuckDB, all on this machine.
set -euo pipefail
cd "$(dirname "$0")"
echo "The quickstart is coming soon (issue: quickstart, ready Connect configs, Docker stack)."
echo "Meanwhile, ./mvnw -B verify builds the plugins and runs them on a real local Kafka Connect cluster."
