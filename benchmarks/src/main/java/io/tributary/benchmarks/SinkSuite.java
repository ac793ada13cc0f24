package io.tributary.benchmarks;

import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.Topics;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Sink throughput into PostgreSQL: one topic of N change events (a fifth of them updates of earlier
 * keys) merged by the Tributary sink, by Debezium's JDBC sink in upsert mode, and, as the limit,
 * the final rows loaded with {@code COPY FROM STDIN}. Each connector run is timed from its creation
 * until the table holds the final state, then checked against the COPY-loaded reference: same row
 * count and the same checksum over every column, or the benchmark fails.
 */
final class SinkSuite {

    private static final String SUITE = "sink";
    private static final String WAREHOUSE_DB = "warehouse";
    private static final int PARTITIONS = 2;
    private static final String TASKS = "2";

    private final BenchStack stack;
    private final int repeat;
    private final long peerMaxRows;
    private final List<Integer> debeziumBatchSizes;
    private final SinkTables tables;

    SinkSuite(BenchStack stack, int repeat, long peerMaxRows, List<Integer> debeziumBatchSizes) {
        this.stack = stack;
        this.repeat = repeat;
        this.peerMaxRows = peerMaxRows;
        this.debeziumBatchSizes = debeziumBatchSizes;
        this.tables = new SinkTables(stack.postgres, WAREHOUSE_DB);
    }

    void run(long records) throws Exception {
        if (!databaseExists()) {
            stack.postgres.createDatabase(WAREHOUSE_DB);
        }
        try (Connection c = stack.postgres.connect(WAREHOUSE_DB); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"); // the server preloads it (Benchmarks)
        }
        String topic = "sink" + records + ".public.items";
        ChangeStream stream = produce(records, topic);
        stack.measure(SUITE, "COPY FROM STDIN of the final rows (database limit)", records, repeat, false, i -> copyIn(stream));
        String reference = tables.checksum("public.copy_items");
        stack.measure(SUITE, "Kafka consumer + JsonConverter, " + PARTITIONS + " threads, no sink (converter limit)", records, repeat, false,
                i -> ConverterLimit.seconds(stack.cluster.bootstrapServers(), topic, PARTITIONS, records));
        stack.measure(SUITE, "Tributary sink, merge, " + TASKS + " tasks", records, repeat, true,
                i -> tributary(stream, topic, "trib" + records + "r" + i, reference));
        stack.measure(SUITE, "Tributary sink, merge into DuckDB, 1 task", records, repeat, true,
                i -> tributaryDuckDb(stream, topic, "tduck" + records + "r" + i));
        if (records <= peerMaxRows) {
            for (int batchSize : debeziumBatchSizes) {
                stack.measure(SUITE, "Debezium JDBC sink, upsert, batch.size " + batchSize + ", " + TASKS + " tasks", records, repeat, true,
                        i -> debezium(stream, topic, "dbz_items_" + records + "_b" + batchSize + "_r" + i, batchSize, reference));
            }
        }
        stack.deleteTopics(Set.of(topic));
        try (Connection c = stack.postgres.connect(WAREHOUSE_DB); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS public.copy_items");
        }
    }

    // a lost event fails the converter limit's exact count (ConverterLimit.seconds), before any connector is timed
    @SuppressWarnings("FutureReturnValueIgnored")
    private ChangeStream produce(long records, String topic) throws Exception {
        Topics.create(stack.admin(), topic, PARTITIONS);
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.cluster.bootstrapServers());
        props.put("linger.ms", "20");
        props.put("batch.size", "262144");
        props.put("compression.type", "lz4");
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        ChangeStream stream = new ChangeStream(records, PARTITIONS);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            stream.generate(e -> producer.send(new ProducerRecord<>(topic, e.partition(), e.key(), e.value())));
            producer.flush();
        }
        System.out.printf("sink: produced %d change events (%d keys) into %s in %d ms%n", records, stream.expectedRows(), topic,
                (System.nanoTime() - started) / 1_000_000);
        return stream;
    }

    private double copyIn(ChangeStream stream) throws Exception {
        try (Connection c = stack.postgres.connect(WAREHOUSE_DB); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS public.copy_items");
            s.execute("CREATE TABLE public.copy_items (id bigint PRIMARY KEY, name text, email text, amount numeric(12,2), quantity int,"
                    + " price double precision, active boolean, born date, updated_at timestamptz, version int)");
            long started = System.nanoTime();
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                    new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY public.copy_items (" + ChangeStream.COLUMNS + ") FROM STDIN", 1 << 20),
                    StandardCharsets.UTF_8), 1 << 20)) {
                stream.writeCopyText(out);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            check("public.copy_items", stream.expectedRows(), stream.expectedVersionSum());
            return seconds;
        }
    }

    private double tributary(ChangeStream stream, String topic, String name, String reference) throws Exception {
        Map<String, String> config = tributaryConfig(stream, topic, name, "postgres", stack.postgres.jdbcUrl(WAREHOUSE_DB), TASKS);
        config.put("warehouse.user", stack.postgres.user());
        config.put("warehouse.password", stack.postgres.password());
        String table = name + ".public_items"; // table.name.format's default, ${schema}_${table}
        return timeConnector(name, config, stream, topic, table, reference, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    /** Our sink's settings: merge, batches of 100,000 (a tenth of the run for small runs, so they do not all wait for the interval). */
    private Map<String, String> tributaryConfig(ChangeStream stream, String topic, String name, String destination, String url, String tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tributary.sink.WarehouseSinkConnector");
        config.put("tasks.max", tasks);
        config.put("topics", topic);
        config.put("destination", destination);
        config.put("warehouse.url", url);
        config.put("warehouse.schema", name);
        config.put("write.mode", "merge");
        config.putAll(stack.s3.sinkStagingConfig(name));
        config.put("flush.max.records", Long.toString(Math.max(10_000, Math.min(100_000, stream.records() / 10))));
        config.put("flush.interval.ms", "5000");
        config.put("consumer.override.max.poll.records", "5000");
        config.put("consumer.override.auto.offset.reset", "earliest");
        return config;
    }

    /** Debezium's JDBC sink as its docs tune it: upsert by record key, batch.size with max.poll.records to match. */
    private double debezium(ChangeStream stream, String topic, String table, int batchSize, String reference) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
        config.put("tasks.max", TASKS);
        config.put("topics", topic);
        config.put("connection.url", stack.postgres.jdbcUrl(WAREHOUSE_DB) + (stack.postgres.jdbcUrl(WAREHOUSE_DB).contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true");
        config.put("connection.username", stack.postgres.user());
        config.put("connection.password", stack.postgres.password());
        config.put("insert.mode", "upsert");
        config.put("primary.key.mode", "record_key");
        config.put("schema.evolution", "basic");
        config.put("collection.name.format", table);
        config.put("batch.size", Integer.toString(batchSize));
        config.put("use.reduction.buffer", "true");
        config.put("consumer.override.max.poll.records", Integer.toString(batchSize));
        config.put("consumer.override.auto.offset.reset", "earliest");
        return timeConnector(table.replace('_', '-'), config, stream, topic, "public." + table, reference, "DROP TABLE IF EXISTS public." + table);
    }

    /**
     * Seconds from creating the connector until its consumer group has committed the whole topic
     * (both sinks commit only what they wrote; the devstack worker commits every second) and the
     * table holds the final state; then the checksum must equal the reference's.
     */
    private double timeConnector(String name, Map<String, String> config, ChangeStream stream, String topic, String table, String reference,
            String cleanUp) throws Exception {
        tables.resetStatementCounts();
        double seconds = run(name, config, topic, () -> tables.matches(table, stream.expectedRows(), stream.expectedVersionSum()));
        stack.cluster.rest().deleteConnector(name);
        stack.note(Results.STATEMENTS, tables.statementsWriting(table));
        System.out.print("  where " + name + "'s time in the database went (pg_stat_statements):\n" + tables.slowestStatements(6));
        String actual = tables.checksum(table);
        if (!actual.equals(reference)) {
            throw new IllegalStateException("run " + name + " is wrong: " + table + " has checksum " + actual + ", the reference " + reference);
        }
        try (Connection c = stack.postgres.connect(WAREHOUSE_DB); Statement s = c.createStatement()) {
            s.execute(cleanUp);
        }
        return seconds;
    }

    /** Our sink into DuckDB (one writer per file: 1 task), timed until its group committed the topic; then the table is checked. */
    private double tributaryDuckDb(ChangeStream stream, String topic, String name) throws Exception {
        Path folder = Files.createTempDirectory("bench-duckdb");
        DuckDbWarehouse duckdb = DuckDbWarehouse.create(folder);
        try {
            // offsets are committed only past merged batches: caught up means the table holds every record
            double seconds = run(name, tributaryConfig(stream, topic, name, "duckdb", duckdb.jdbcUrl(), "1"), topic, () -> true);
            stack.cluster.rest().deleteConnector(name);
            String expected = SinkTables.summary(() -> stack.postgres.connect(WAREHOUSE_DB), "public.copy_items");
            String actual = SinkTables.awaitSummary(duckdb, name + ".public_items");
            if (!actual.equals(expected)) {
                throw new IllegalStateException("run " + name + " is wrong: DuckDB holds " + actual + ", the reference " + expected);
            }
            return seconds;
        } finally {
            duckdb.close();
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Creates the connector and returns the seconds until its consumer group has committed the whole
     * topic and {@code done} holds (asked only then, so its scans do not compete with the sink).
     */
    private double run(String name, Map<String, String> config, String topic, java.util.function.BooleanSupplier done) throws Exception {
        long started = System.nanoTime();
        stack.cluster.rest().putConnector(name, config);
        long deadline = started + TimeUnit.MINUTES.toNanos(90);
        for (int poll = 0; !stack.caughtUp(name, topic) || !done.getAsBoolean(); poll++) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not reach the final table state in 90 minutes");
            }
            if (poll % 8 == 7) {
                stack.cluster.rest().assertNotFailed(name);
            }
            Thread.sleep(250);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private void check(String table, long rows, long versionSum) throws SQLException {
        if (!tables.matches(table, rows, versionSum)) {
            throw new IllegalStateException(table + " does not hold " + rows + " rows with version sum " + versionSum);
        }
    }

    private boolean databaseExists() throws SQLException {
        try (Connection c = stack.postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + WAREHOUSE_DB + "'")) {
            return rs.next();
        }
    }
}
