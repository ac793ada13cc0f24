package io.tributary.e2e;


import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Log mode end to end, on the real Connect cluster: the source snapshots a table in parallel chunks
 * and streams the database's log, while writers insert, update and hard-delete rows, some in
 * transactions that stay open for seconds across chunk reads; a worker is killed mid-snapshot (one
 * reading chunks) and another mid-stream (the one running the log stream), and restarted. The sinks
 * merge into PostgreSQL and DuckDB with hard deletes. When the writers stop, both warehouse tables must
 * equal the source table, value for value: deleted rows gone, no row twice.
 */
abstract class AbstractLogSyncIT {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractLogSyncIT.class);
    static final int ROWS = 8_000;
    static final int CHUNK_ROWS = 1_000;

    /** A connection to the source database. */
    abstract Connection source() throws SQLException;

    /** The source connector's connection settings (connection.url, .user, .password). */
    abstract Map<String, String> sourceConnection();

    /** The table's schema in the source ("public", or the MariaDB database). */
    abstract String schema();

    /** SQL that fills the empty table with ids 1..ROWS, v = 0, note = 'row ' || id. */
    abstract String fillSql();

    /** The name prefix of this database's connectors, topics and warehouse schema. */
    abstract String name();

    @Test
    void snapshotAndStreamLoseAndDuplicateNothingThroughKilledWorkers(KafkaConnectCluster cluster, PostgresServer warehouse,
            S3Server s3, DuckDbWarehouse duckdb) throws Exception {
        warehouse.createDatabase(name() + "_wh");
        try (Connection c = source(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ls_items");
            s.execute("CREATE TABLE ls_items (id bigint PRIMARY KEY, v int NOT NULL, note varchar(40))");
            s.execute(fillSql());
        }
        ConnectRestClient rest = cluster.rest();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong changes = new AtomicLong();
        List<Thread> writers = List.of(new Thread(() -> write(writing, changes, false), name() + "-writer"),
                new Thread(() -> write(writing, changes, true), name() + "-long-writer"));
        String source = name() + "-source";
        try {
            rest.putConnector(source, sourceConfig());
            rest.putConnector(name() + "-postgres", sink(s3, "postgres", "2", warehouse.jdbcUrl(name() + "_wh"), warehouse));
            rest.putConnector(name() + "-duckdb", sink(s3, "duckdb", "1", duckdb.jdbcUrl(), null));
            writers.forEach(Thread::start);

            Pipelines.awaitCondition(() -> Pipelines.doneChunks(rest, source) >= 2, "two chunks read", rest);
            Pipelines.restart(Pipelines.workerOf(cluster, rest, source, 1), "mid-snapshot (a chunk reader)");
            Pipelines.awaitCondition(() -> Pipelines.doneChunks(rest, source) >= ROWS / CHUNK_ROWS, "every chunk read", rest);
            Pipelines.awaitCondition(() -> changes.get() > 200, "changes streamed after the snapshot", rest);
            Pipelines.restart(Pipelines.workerOf(cluster, rest, source, 0), "mid-stream (the log stream)");
            long before = changes.get();
            Pipelines.awaitCondition(() -> changes.get() > before + 200, "more changes after the restart", rest);
        } finally {
            writing.set(false);
            for (Thread writer : writers) {
                writer.join(30_000);
            }
        }
        LOG.info("Writers stopped after {} changes; waiting for the warehouses", changes.get());
        try {
            Map<Long, List<String>> expected = Pipelines.rows(this::source, "SELECT id, v, note FROM ls_items");
            Pipelines.awaitEqual(rest, expected, () -> warehouse.connect(name() + "_wh"), this::warehouseRows, "PostgreSQL");
            Pipelines.awaitEqual(rest, expected, duckdb::connect, this::warehouseRows, "DuckDB");
        } finally {
            for (String connector : List.of(source, name() + "-postgres", name() + "-duckdb")) {
                rest.deleteConnector(connector);
            }
            afterConnectorsDeleted();
        }
    }

    private Map<Long, List<String>> warehouseRows(Pipelines.Connector warehouse) throws SQLException {
        return Pipelines.rows(warehouse, "SELECT id, v, note FROM " + name() + ".ls_items");
    }

    /** Cleans up what the source leaves in the database (the PostgreSQL slot). */
    void afterConnectorsDeleted() throws Exception {
    }

    /**
     * Inserts, updates and hard deletes, until told to stop: one statement a transaction, or (long) a
     * few changes in a transaction kept open for 1.5 s, across chunk reads.
     */
    private void write(AtomicBoolean writing, AtomicLong changes, boolean longTransactions) {
        Random random = new Random(longTransactions ? 11 : 7);
        long nextId = longTransactions ? 1_000_000 : ROWS + 1;
        try (Connection c = source(); Statement s = c.createStatement()) {
            c.setAutoCommit(!longTransactions);
            while (writing.get()) {
                int count = longTransactions ? 4 : 1;
                for (int i = 0; i < count; i++) {
                    int dice = random.nextInt(10);
                    long id = 1L + random.nextInt(ROWS);
                    if (dice < 6) {
                        changes.addAndGet(s.executeUpdate("UPDATE ls_items SET v = v + 1, note = 'changed' WHERE id = " + id));
                    } else if (dice < 8) {
                        changes.addAndGet(s.executeUpdate("INSERT INTO ls_items (id, v, note) VALUES (" + nextId++ + ", 1, 'new')"));
                    } else {
                        changes.addAndGet(s.executeUpdate("DELETE FROM ls_items WHERE id = " + id));
                    }
                }
                if (longTransactions) {
                    Thread.sleep(1_500); // open across chunk reads
                    c.commit();
                } else {
                    Thread.sleep(5);
                }
            }
            if (longTransactions) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the writer failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, String> sourceConfig() {
        Map<String, String> config = new HashMap<>(sourceConnection());
        config.put("connector.class", ConnectPluginsIT.SOURCE);
        config.put("tasks.max", "3");
        config.put("topic.prefix", name());
        config.put("table.include.list", schema() + "\\.ls_items");
        config.put("incremental.method", "log");
        config.put("snapshot.chunk.rows", Integer.toString(CHUNK_ROWS));
        config.put("snapshot.max.rows.per.second", "800"); // ~10 s of snapshot, while the writers write
        config.put("batch.max.rows", "500");
        config.put("table.monitor.interval.ms", "1000");
        config.put("log.heartbeat.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "3");
        return config;
    }

    private Map<String, String> sink(S3Server s3, String destination, String tasks, String url, PostgresServer postgres) {
        Map<String, String> config = Pipelines.sinkConfig(s3, destination, tasks, url, postgres, name(), name() + "-" + destination);
        config.put("topics", name() + "." + schema() + ".ls_items");
        config.put("table.name.format", "${table}");
        config.put("delete.mode", "hard");
        config.put("flush.max.records", "2000");
        return config;
    }
}
