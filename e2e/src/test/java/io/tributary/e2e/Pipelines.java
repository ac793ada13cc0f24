package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the end-to-end tests do to a running pipeline and check on it: find and restart the worker of a
 * task, wait for a condition (failing fast when a connector fails), read a table as id to values and
 * wait until a warehouse table equals the source.
 */
final class Pipelines {

    private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);

    /** Opens a connection to one database. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** Reads a table as id to its values in a canonical form (the same whatever database holds them). */
    interface TableReader {
        Map<Long, List<String>> read(Connector connector) throws SQLException;
    }

    private Pipelines() {
    }

    /** The worker that runs task {@code task} of the connector now. */
    static ConnectWorker workerOf(KafkaConnectCluster cluster, ConnectRestClient rest, String connector, int task) {
        for (JsonNode status : rest.status(connector).path("tasks")) {
            if (status.path("id").asInt() == task) {
                String workerId = status.path("worker_id").asText();
                for (ConnectWorker worker : cluster.workers()) {
                    if (workerId.endsWith(":" + worker.restUri().getPort())) {
                        return worker;
                    }
                }
            }
        }
        throw new IllegalStateException("task " + task + " of " + connector + " runs on no known worker: " + rest.status(connector));
    }

    /** SIGKILLs the worker and starts it again. */
    static void restart(ConnectWorker worker, String when) {
        worker.kill();
        LOG.info("Killed {} {}", worker, when);
        worker.start();
        worker.awaitReady(Duration.ofMinutes(2));
    }

    /** Chunks whose done mark is committed (GET offsets). */
    static int doneChunks(ConnectRestClient rest, String connector) {
        int done = 0;
        for (JsonNode entry : rest.offsets(connector).path("offsets")) {
            if ("chunk".equals(entry.path("partition").path("kind").asText()) && entry.path("offset").path("done").asBoolean()) {
                done++;
            }
        }
        return done;
    }

    /** Waits up to 3 minutes for {@code condition}; fails at once when a connector fails. */
    static void awaitCondition(BooleanSupplier condition, String what, ConnectRestClient rest) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            assertNoneFailed(rest);
            Thread.sleep(250);
        }
    }

    /**
     * Waits up to 4 minutes until {@code reader} reads from {@code warehouse} exactly {@code expected},
     * then fails naming the ids only in the warehouse, only in the source and with other values.
     */
    static void awaitEqual(ConnectRestClient rest, Map<Long, List<String>> expected, Connector warehouse, TableReader reader,
            String where) throws InterruptedException {
        Map<Long, List<String>> actual = Map.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                actual = reader.read(warehouse);
            } catch (SQLException notYet) {
                // not created yet, or DuckDB's single writer holds the file
            }
            if (actual.equals(expected)) {
                return;
            }
            assertNoneFailed(rest);
            Thread.sleep(1_000);
        }
        Map<Long, List<String>> found = actual;
        List<Long> extra = found.keySet().stream().filter(id -> !expected.containsKey(id)).limit(20).toList();
        List<Long> missing = expected.keySet().stream().filter(id -> !found.containsKey(id)).limit(20).toList();
        List<String> differ = expected.keySet().stream().filter(id -> found.containsKey(id) && !found.get(id).equals(expected.get(id)))
                .limit(20).map(id -> id + ": " + expected.get(id) + " vs " + found.get(id)).toList();
        assertEquals(expected.size(), actual.size(), where + " row count; ids only in the warehouse: " + extra + "; only in the source: "
                + missing + "; differing: " + differ);
        assertEquals(List.of(), differ, where + " rows whose values differ from the source (source vs warehouse)");
        assertEquals(expected, actual, where + " equals the source");
    }

    /**
     * Runs {@code sql}, whose first column is the id, and returns id to the other columns as strings;
     * fails on an id seen twice (DuckDB tables have no primary key to hide one).
     */
    static Map<Long, List<String>> rows(Connector connector, String sql) throws SQLException {
        Map<Long, List<String>> rows = new TreeMap<>();
        try (Connection c = connector.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 2; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                if (rows.put(rs.getLong(1), values) != null) {
                    throw new AssertionError("two rows with id " + rs.getLong(1) + " from " + sql);
                }
            }
        }
        return rows;
    }

    /**
     * The settings every end-to-end sink shares: our sink with {@code tasks} tasks into {@code destination}
     * at {@code url} (with the PostgreSQL credentials when {@code postgres} is given), tables in
     * {@code warehouseSchema}, staging under {@code stagingName}, a flush a second, reading from the start.
     * Each test adds its topics and what is particular to it.
     */
    static Map<String, String> sinkConfig(S3Server s3, String destination, String tasks, String url, PostgresServer postgres,
            String warehouseSchema, String stagingName) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ConnectPluginsIT.SINK);
        config.put("tasks.max", tasks);
        config.put("destination", destination);
        config.put("warehouse.url", url);
        if (postgres != null) {
            config.put("warehouse.user", postgres.user());
            config.put("warehouse.password", postgres.password());
        }
        config.put("warehouse.schema", warehouseSchema);
        config.putAll(s3.sinkStagingConfig(stagingName));
        config.put("flush.interval.ms", "1000");
        config.put("consumer.override.auto.offset.reset", "earliest");
        return config;
    }

    private static void assertNoneFailed(ConnectRestClient rest) {
        for (String connector : rest.connectors()) {
            rest.assertNotFailed(connector); // a rebalance's UNASSIGNED tasks are fine
        }
    }
}
