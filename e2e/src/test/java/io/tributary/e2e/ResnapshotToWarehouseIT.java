package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 end to end: our source in cursor mode cannot see hard deletes, so rows deleted at the source
 * stay in the warehouse until a re-snapshot proves them gone. Three re-snapshots of one running
 * pipeline, each after rows were hard-deleted at the source and each while a writer inserts and updates
 * rows: by the documented offsets procedure (stop, null the plan, resume) with a worker killed in the
 * middle, by the periodic setting, and by a periodic keys-only refresh with a worker killed in the
 * middle. After each, the PostgreSQL and DuckDB tables (sinks with {@code stale.rows=delete}) equal the
 * source: deleted rows gone, every row written during the re-snapshot there, no id twice.
 */
@DevStackTest
class ResnapshotToWarehouseIT {

    private static final Logger LOG = LoggerFactory.getLogger(ResnapshotToWarehouseIT.class);
    private static final String DB = "resnap";
    private static final String TABLE = "public.rs_items";
    private static final int ROWS = 3_000;
    private static final int CHUNKS = 10;

    @Test
    void reSnapshotsRemoveRowsTheSourceDeletedAndLoseNothingWrittenMeanwhile(KafkaConnectCluster cluster, PostgresServer postgres,
            S3Server s3, DuckDbWarehouse duckdb) throws Exception {
        postgres.createDatabase(DB);
        postgres.createDatabase(DB + "_wh");
        execute(postgres, "CREATE TABLE rs_items (id bigint PRIMARY KEY, v int NOT NULL, note text,"
                        + " updated_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "INSERT INTO rs_items (id, v, note) SELECT g, 0, 'row ' || g FROM generate_series(1, " + ROWS + ") g");
        ConnectRestClient rest = cluster.rest();
        Map<String, String> source = source(postgres, cluster);
        try {
            rest.putConnector("rs-source", source);
            rest.putConnector("rs-postgres", sink(s3, "postgres", "2", postgres.jdbcUrl(DB + "_wh"), postgres));
            rest.putConnector("rs-duckdb", sink(s3, "duckdb", "1", duckdb.jdbcUrl(), null));
            awaitEqual(rest, postgres, duckdb, "the first snapshot");

            // 1. on demand, by the documented procedure, a worker killed while the chunks are read
            deleteEvery(postgres, 30, 0);
            String first = planId(rest);
            try (Writer writer = new Writer(postgres)) {
                rest.stopConnector("rs-source");
                awaitState(rest, "STOPPED");
                nullPlan(rest);
                rest.resumeConnector("rs-source");
                Pipelines.awaitCondition(() -> !first.equals(planId(rest)) && doneChunks(rest, planId(rest)) >= 2,
                        "two chunks of the new plan read", rest);
                Pipelines.restart(Pipelines.workerOf(cluster, rest, "rs-source", 1), "in the middle of the re-snapshot");
                Pipelines.awaitCondition(() -> doneChunks(rest, planId(rest)) >= CHUNKS, "every chunk of the new plan read", rest);
                writer.awaitMore(50);
            }
            awaitEqual(rest, postgres, duckdb, "the re-snapshot on demand");

            // 2. periodic: every 15 s
            deleteEvery(postgres, 30, 10);
            String second = planId(rest);
            source.put("snapshot.refresh.tables", "public\\.rs_items");
            source.put("snapshot.refresh.interval.ms", "15000");
            try (Writer writer = new Writer(postgres)) {
                rest.putConnector("rs-source", source);
                Pipelines.awaitCondition(() -> !second.equals(planId(rest)) && doneChunks(rest, planId(rest)) >= CHUNKS,
                        "a periodic re-snapshot", rest);
                writer.awaitMore(50);
            }
            awaitEqual(rest, postgres, duckdb, "the periodic re-snapshot");

            // 3. periodic keys-only refresh, a worker killed while its chunks are read
            deleteEvery(postgres, 30, 20);
            String third = planId(rest);
            source.put("snapshot.refresh.mode", "keys");
            try (Writer writer = new Writer(postgres)) {
                rest.putConnector("rs-source", source);
                Pipelines.awaitCondition(() -> !third.equals(planId(rest)) && "keys".equals(plan(rest).path("mode").asText())
                        && doneChunks(rest, planId(rest)) >= 2, "two chunks of a keys-only refresh read", rest);
                Pipelines.restart(Pipelines.workerOf(cluster, rest, "rs-source", 0), "in the middle of the keys-only refresh");
                Pipelines.awaitCondition(() -> doneChunks(rest, planId(rest)) >= CHUNKS, "every chunk of the keys-only refresh read", rest);
                writer.awaitMore(50);
            }
            awaitEqual(rest, postgres, duckdb, "the keys-only refresh");
        } finally {
            for (String connector : List.of("rs-source", "rs-postgres", "rs-duckdb")) {
                rest.deleteConnector(connector);
            }
        }
    }

    /** Hard-deletes every {@code step}-th row (from {@code offset}) that still exists. */
    private static void deleteEvery(PostgresServer postgres, int step, int offset) throws SQLException {
        execute(postgres, "DELETE FROM rs_items WHERE id <= " + ROWS + " AND id % " + step + " = " + offset % step);
    }

    /** Inserts new rows and updates existing ones, one statement a transaction, until closed. */
    private static final class Writer implements AutoCloseable {
        private final AtomicBoolean writing = new AtomicBoolean(true);
        private final AtomicLong writes = new AtomicLong();
        private final Thread thread;
        private volatile RuntimeException failure;

        Writer(PostgresServer postgres) {
            thread = new Thread(() -> {
                Random random = new Random(writes.hashCode());
                try (Connection c = postgres.connect(DB); Statement s = c.createStatement()) {
                    while (writing.get()) {
                        if (random.nextInt(4) == 0) {
                            s.executeUpdate("INSERT INTO rs_items (id, v, note) SELECT COALESCE(MAX(id), 0) + 1, 1, 'new' FROM rs_items");
                        } else {
                            s.executeUpdate("UPDATE rs_items SET v = v + 1, note = 'changed', updated_at = clock_timestamp() WHERE id = "
                                    + (1 + random.nextInt(ROWS)));
                        }
                        writes.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (SQLException e) {
                    failure = new IllegalStateException("the writer failed: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rs-writer");
            thread.start();
        }

        /** Waits until the writer wrote {@code count} more rows (so writes go on after the step). */
        void awaitMore(long count) throws InterruptedException {
            long target = writes.get() + count;
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (writes.get() < target && failure == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws InterruptedException {
            writing.set(false);
            thread.join(10_000);
            if (failure != null) {
                throw failure;
            }
            LOG.info("The writer wrote {} rows", writes.get());
        }
    }

    private static void awaitEqual(ConnectRestClient rest, PostgresServer postgres, DuckDbWarehouse duckdb, String step)
            throws Exception {
        Map<Long, List<String>> expected = Pipelines.rows(() -> postgres.connect(DB), "SELECT id, v, note FROM rs_items");
        Pipelines.TableReader warehouse = connector -> Pipelines.rows(connector, "SELECT id, v, note FROM resnap.rs_items");
        Pipelines.awaitEqual(rest, expected, () -> postgres.connect(DB + "_wh"), warehouse, "PostgreSQL after " + step);
        Pipelines.awaitEqual(rest, expected, duckdb::connect, warehouse, "DuckDB after " + step);
    }

    /** The table's current plan id, from the committed offsets ("" when there is none). */
    private static String planId(ConnectRestClient rest) {
        return plan(rest).path("plan_id").asText("");
    }

    /** The table's committed plan (a missing node when there is none). */
    private static JsonNode plan(ConnectRestClient rest) {
        for (JsonNode entry : rest.offsets("rs-source").path("offsets")) {
            if ("plan".equals(entry.path("partition").path("kind").asText()) && TABLE.equals(entry.path("partition").path("table").asText())) {
                return entry.path("offset");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Chunks of plan {@code planId} whose done mark is committed. */
    private static int doneChunks(ConnectRestClient rest, String planId) {
        int done = 0;
        for (JsonNode entry : rest.offsets("rs-source").path("offsets")) {
            JsonNode offset = entry.path("offset");
            if ("chunk".equals(entry.path("partition").path("kind").asText()) && planId.equals(offset.path("plan_id").asText())
                    && offset.path("done").asBoolean()) {
                done++;
            }
        }
        return done;
    }

    /** Nulls the table's plan partition, copied exactly as GET offsets shows it (docs/source.md). */
    private static void nullPlan(ConnectRestClient rest) {
        JsonNode partition = null;
        for (JsonNode entry : rest.offsets("rs-source").path("offsets")) {
            if ("plan".equals(entry.path("partition").path("kind").asText()) && TABLE.equals(entry.path("partition").path("table").asText())) {
                partition = entry.path("partition");
            }
        }
        assertTrue(partition != null, "the plan partition of " + TABLE + " in the offsets");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("partition", partition);
        entry.put("offset", null);
        rest.alterOffsets("rs-source", Map.of("offsets", List.of(entry)));
    }

    private static void awaitState(ConnectRestClient rest, String state) throws InterruptedException {
        Pipelines.awaitCondition(() -> state.equals(rest.status("rs-source").path("connector").path("state").asText()),
                "rs-source " + state, rest);
    }

    private static Map<String, String> source(PostgresServer postgres, KafkaConnectCluster cluster) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ConnectPluginsIT.SOURCE);
        config.put("tasks.max", "2");
        config.put("connection.url", postgres.jdbcUrl(DB));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("topic.prefix", "resnap");
        config.put("table.include.list", "public\\.rs_items");
        config.put("cursor.columns", "public\\.rs_items:updated_at");
        config.put("incremental.lag.ms", "500");
        config.put("poll.interval.ms", "200");
        config.put("snapshot.chunk.rows", Integer.toString(ROWS / CHUNKS));
        config.put("snapshot.max.rows.per.second", "600"); // ~5 s a snapshot: time for a restart in the middle
        config.put("table.monitor.interval.ms", "1000");
        config.put("snapshot.end.markers", "true");
        config.put("kafka.bootstrap.servers", cluster.bootstrapServers());
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "3");
        return config;
    }

    private static Map<String, String> sink(S3Server s3, String destination, String tasks, String url, PostgresServer postgres) {
        Map<String, String> config = Pipelines.sinkConfig(s3, destination, tasks, url, postgres, "resnap", "resnap-" + destination);
        config.put("topics", "resnap.public.rs_items");
        config.put("table.name.format", "${table}");
        config.put("delete.mode", "hard");
        config.put("stale.rows", "delete");
        return config;
    }

    private static void execute(PostgresServer postgres, String... statements) throws SQLException {
        try (Connection c = postgres.connect(DB); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
