package io.tributary.devstack.quickstart;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import java.util.LinkedHashMap;
import java.util.Map;

/** The two connectors the quickstart creates through the Connect REST API. */
public final class ConnectorConfigs {

    public static final String SOURCE_NAME = "shop-source";
    public static final String SINK_NAME = "shop-sink";
    public static final String TOPIC_PREFIX = "quickstart";
    public static final String LEDGER_TOPIC = "__tributary_ledger." + TOPIC_PREFIX;

    private ConnectorConfigs() {
    }

    /**
     * Snapshot, then cursor polling of every {@code shop} table (soft deletes become deletes), or in log
     * mode streaming of the WAL (every insert, update and hard delete).
     */
    public static Map<String, String> source(PostgresServer postgres, long rows, int tasks, boolean log) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.tributary.source.ChunkedJdbcSourceConnector");
        c.put("tasks.max", Integer.toString(tasks));
        c.put("connection.url", postgres.jdbcUrl());
        c.put("connection.user", postgres.user());
        c.put("connection.password", postgres.password());
        c.put("topic.prefix", TOPIC_PREFIX);
        c.put("table.include.list", SampleDataset.SCHEMA + "\\..*");
        c.put("mode", "snapshot_and_incremental");
        if (log) {
            c.put("incremental.method", "log");
            c.put("log.heartbeat.interval.ms", "2000");
        } else {
            c.put("cursor.columns", SampleDataset.SCHEMA + "\\..*:updated_at");
            c.put("soft.delete.columns", SampleDataset.SCHEMA + "\\..*:deleted_at");
        }
        c.put("snapshot.chunk.rows", Long.toString(Math.max(5_000, rows / 20)));
        c.put("batch.max.rows", "5000");
        c.put("poll.interval.ms", "1000");
        c.put("table.monitor.interval.ms", "2000");
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "1");
        c.put("producer.override.linger.ms", "20");
        c.put("producer.override.batch.size", "262144");
        return c;
    }

    /** One sink task (DuckDB has a single writer), fast flushes so changes show within seconds. */
    public static Map<String, String> sink(S3Server s3, QuickstartOptions.Destination destination, String warehouseUrl,
            PostgresServer postgres) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.tributary.sink.WarehouseSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics.regex", TOPIC_PREFIX + "\\." + SampleDataset.SCHEMA + "\\..*");
        c.put("destination", destination.configValue());
        c.put("warehouse.url", warehouseUrl);
        if (destination == QuickstartOptions.Destination.POSTGRES) {
            c.put("warehouse.user", postgres.user());
            c.put("warehouse.password", postgres.password());
        }
        c.put("warehouse.schema", SampleDataset.SCHEMA);
        // one source schema: the warehouse keeps the source's table names (shop.customers in both),
        // instead of the default ${schema}_${table} (shop.shop_customers) that keeps several schemas apart
        c.put("table.name.format", "${table}");
        c.put("delete.mode", "hard");
        c.putAll(s3.sinkStagingConfig("quickstart"));
        c.put("staging.s3.archive", "true"); // keep every batch in the bucket, to look at
        c.put("flush.max.records", "100000");
        c.put("flush.interval.ms", "2000");
        // the quickstart reads the DuckDB file between merges: a flush that finds it locked retries soon
        c.put("retry.max.attempts", "30");
        c.put("retry.backoff.ms", "200");
        c.put("consumer.override.auto.offset.reset", "earliest");
        c.put("consumer.override.metadata.max.age.ms", "2000");
        c.put("consumer.override.max.poll.records", "5000");
        return c;
    }
}
