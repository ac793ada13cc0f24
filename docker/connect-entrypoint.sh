#!/bin/sh
# Writes the worker configuration from CONNECT_* environment variables (CONNECT_BOOTSTRAP_SERVERS ->
# bootstrap.servers, as Confluent's images do) and starts Kafka Connect in distributed mode.
set -eu
config=/tmp/connect-distributed.properties
: > "$config"
env | grep '^CONNECT_' | while IFS='=' read -r name value; do
  key=$(echo "${name#CONNECT_}" | tr '[:upper:]' '[:lower:]' | tr '_' '.')
  printf '%s=%s\n' "$key" "$value" >> "$config"
done
exec /opt/kafka/bin/connect-distributed.sh "$config"
