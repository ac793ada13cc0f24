package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.ConnectWorker;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaos on the real Connect cluster: while the source snapshots a table in parallel chunks with
 * writers changing it (updates, inserts, soft deletes), and the sinks merge into PostgreSQL and DuckDB,
 * Connect workers are SIGKILLed and restarted, one after the other, several times: during the
 * snapshot, during incremental polling and while merges run. When the writers stop, both warehouse
 * tables must equal the source's live rows, value for value, with no row twice.
 */
@DevStackTest
class ChaosIT {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosIT.class);
    private static final int ROWS = 20_000;
    private static final int KILLS = 4;

    @Test
    void killedWorkersLoseAndDuplicateNothing(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3, DuckDbWarehouse duckdb)
            throws Exception {
        postgres.createDatabase("chaos_wh");
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS chaos_items");
            s.execute("CREATE TABLE chaos_items (id bigint PRIMARY KEY, v int NOT NULL, note text,"
                    + " updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), deleted_at timestamptz)");
            s.execute("INSERT INTO chaos_items (id, v, note) SELECT g, 0, 'row ' || g FROM generate_series(1, " + ROWS + ") g");
        }
        ConnectRestClient rest = cluster.rest();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong changes = new AtomicLong();
        Thread writer = new Thread(() -> write(postgres, writing, changes), "chaos-writer");
        try {
            rest.putConnector("chaos-source", source(postgres));
            rest.putConnector("chaos-postgres", sink(s3, "postgres", "3", postgres.jdbcUrl("chaos_wh"), postgres));
            rest.putConnector("chaos-duckdb", sink(s3, "duckdb", "1", duckdb.jdbcUrl(), null));
            writer.start();
            Random random = new Random(42);
            for (int round = 1; round <= KILLS; round++) {
                Thread.sleep(3_000 + random.nextInt(3_000));
                ConnectWorker victim = cluster.workers().get(random.nextInt(cluster.workers().size()));
                victim.kill();
                LOG.info("Chaos round {}: killed {} after {} changes", round, victim, changes.get());
                Thread.sleep(1_000 + random.nextInt(2_000));
                victim.start();
                victim.awaitReady(Duration.ofMinutes(2));
            }
            Thread.sleep(2_000);
        } finally {
            writing.set(false);
            writer.join(30_000);
            for (ConnectWorker worker : cluster.workers()) {
                if (!worker.isRunning()) {
                    worker.start();
                    worker.awaitReady(Duration.ofMinutes(2));
                }
            }
        }
        LOG.info("Writers stopped after {} changes; waiting for the warehouses", changes.get());
        try {
            assertTrue(changes.get() > 100, "the writers changed the table during the chaos: " + changes.get());
            Map<Long, List<String>> expected = Pipelines.rows(postgres::connect, "SELECT id, v, note FROM public.chaos_items WHERE deleted_at IS NULL");
            Pipelines.awaitEqual(rest, expected, () -> postgres.connect("chaos_wh"), ChaosIT::warehouseRows, "PostgreSQL");
            Pipelines.awaitEqual(rest, expected, duckdb::connect, ChaosIT::warehouseRows, "DuckDB");
        } finally {
            for (String name : List.of("chaos-source", "chaos-postgres", "chaos-duckdb")) {
                rest.deleteConnector(name);
            }
        }
    }

    /** Updates, inserts and soft deletes in short transactions, until told to stop. */
    private static void write(PostgresServer postgres, AtomicBoolean writing, AtomicLong changes) {
        Random random = new Random(7);
        long nextId = ROWS + 1;
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            while (writing.get()) {
                int dice = random.nextInt(10);
                long id = 1L + random.nextInt((int) nextId - 1);
                if (dice < 6) {
                    changes.addAndGet(s.executeUpdate("UPDATE chaos_items SET v = v + 1, updated_at = clock_timestamp()"
                            + " WHERE id = " + id + " AND deleted_at IS NULL"));
                } else if (dice < 9) {
                    s.executeUpdate("INSERT INTO chaos_items (id, v, note) VALUES (" + nextId++ + ", 1, 'new')");
                    changes.incrementAndGet();
                } else {
                    changes.addAndGet(s.executeUpdate("UPDATE chaos_items SET deleted_at = now(), updated_at = clock_timestamp()"
                            + " WHERE id = " + id + " AND deleted_at IS NULL"));
                }
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the chaos writer failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> source(PostgresServer postgres) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ConnectPluginsIT.SOURCE);
        config.put("tasks.max", "3");
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("topic.prefix", "chaos");
        config.put("table.include.list", "public\\.chaos_items");
        config.put("snapshot.chunk.rows", "1000");
        config.put("snapshot.max.rows.per.second", "700"); // ~10 s of snapshot: the first kills land in it
        config.put("batch.max.rows", "500");
        config.put("cursor.columns", "public\\.chaos_items:updated_at");
        config.put("soft.delete.columns", "public\\.chaos_items:deleted_at");
        config.put("table.monitor.interval.ms", "1000");
        config.put("poll.interval.ms", "500");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "3");
        return config;
    }

    private static Map<String, String> sink(S3Server s3, String destination, String tasks, String url, PostgresServer postgres) {
        Map<String, String> config = Pipelines.sinkConfig(s3, destination, tasks, url, postgres, "chaos", "chaos-" + destination);
        config.put("topics.regex", "chaos\\.public\\..*");
        config.put("table.name.format", "${table}");
        config.put("delete.mode", "hard");
        config.put("flush.max.records", "2000");
        config.put("consumer.override.metadata.max.age.ms", "2000");
        return config;
    }

    private static Map<Long, List<String>> warehouseRows(Pipelines.Connector warehouse) throws SQLException {
        return Pipelines.rows(warehouse, "SELECT id, v, note FROM chaos.chaos_items");
    }
}
