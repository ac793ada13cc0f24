package io.tributary.e2e;


import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.junit.DevStackTest;
import java.math.BigDecimal;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 through our own source (cursor mode) on the real Connect cluster: while a writer keeps
 * updating rows, the source table's columns are widened (integer to bigint with values above 2^31,
 * varchar(10) to varchar(200), numeric(6,2) to numeric(14,4)) and it gains a column. The source picks
 * the new shape up while running and the sinks widen their tables: the PostgreSQL and DuckDB tables
 * equal the source, value for value.
 */
@DevStackTest
class SchemaChangeToWarehouseIT {

    private static final String DB = "shapes";

    @Test
    void widenedAndAddedColumnsArriveWhileChangesFlow(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3,
            DuckDbWarehouse duckdb) throws Exception {
        postgres.createDatabase(DB);
        postgres.createDatabase(DB + "_wh");
        execute(postgres, "CREATE TABLE items (id bigint PRIMARY KEY, amount int NOT NULL, code varchar(10), price numeric(6,2),"
                        + " updated_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "INSERT INTO items (id, amount, code, price) SELECT g, g, 'c' || g, g + 0.25 FROM generate_series(1, 200) g");
        ConnectRestClient rest = cluster.rest();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> write(postgres, writing, writes), "shapes-writer");
        try {
            rest.putConnector("shapes-source", source(postgres));
            rest.putConnector("shapes-postgres", sink(s3, "postgres", postgres.jdbcUrl(DB + "_wh"), postgres));
            rest.putConnector("shapes-duckdb", sink(s3, "duckdb", duckdb.jdbcUrl(), null));
            awaitEqual(rest, postgres, duckdb, "the snapshot");
            writer.start();
            execute(postgres, "ALTER TABLE items ALTER COLUMN amount TYPE bigint",
                    "UPDATE items SET amount = 3000000000 + id, updated_at = clock_timestamp() WHERE id <= 10");
            execute(postgres, "ALTER TABLE items ALTER COLUMN code TYPE varchar(200)",
                    "UPDATE items SET code = repeat('w', 150), updated_at = clock_timestamp() WHERE id BETWEEN 11 AND 20");
            execute(postgres, "ALTER TABLE items ALTER COLUMN price TYPE numeric(14,4)",
                    "UPDATE items SET price = 12345678.1234, updated_at = clock_timestamp() WHERE id BETWEEN 21 AND 30");
            execute(postgres, "ALTER TABLE items ADD COLUMN note text",
                    "UPDATE items SET note = 'noted ' || id, updated_at = clock_timestamp() WHERE id BETWEEN 31 AND 40",
                    "INSERT INTO items (id, amount, code, price, note) VALUES (201, 4000000000, repeat('x', 200), 1.2345, 'new')");
            long before = writes.get();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (writes.get() < before + 20 && System.nanoTime() < deadline) {
                Thread.sleep(50); // the writer goes on after the last change of shape
            }
        } finally {
            writing.set(false);
            writer.join(10_000);
        }
        try {
            awaitEqual(rest, postgres, duckdb, "the changes of shape");
        } finally {
            for (String connector : List.of("shapes-source", "shapes-postgres", "shapes-duckdb")) {
                rest.deleteConnector(connector);
            }
        }
    }

    /** Updates a row every 20 ms, whatever the table's shape is at the moment. */
    private static void write(PostgresServer postgres, AtomicBoolean writing, AtomicLong writes) {
        try (Connection c = postgres.connect(DB); Statement s = c.createStatement()) {
            long id = 100;
            while (writing.get()) {
                s.execute("UPDATE items SET amount = amount + 1, updated_at = clock_timestamp() WHERE id = " + (100 + id++ % 100));
                writes.incrementAndGet();
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the writer failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEqual(ConnectRestClient rest, PostgresServer postgres, DuckDbWarehouse duckdb, String step)
            throws Exception {
        Map<Long, List<String>> expected = read(() -> postgres.connect(DB), "public.items");
        Pipelines.TableReader warehouseRows = warehouse -> read(warehouse, "shapes.public_items");
        Pipelines.awaitEqual(rest, expected, () -> postgres.connect(DB + "_wh"), warehouseRows, "PostgreSQL after " + step);
        Pipelines.awaitEqual(rest, expected, duckdb::connect, warehouseRows, "DuckDB after " + step);
    }

    /** id to amount, code, price (no trailing zeros) and note once it exists; every id once. */
    private static Map<Long, List<String>> read(Pipelines.Connector connector, String table) throws SQLException {
        Map<Long, List<String>> rows = new TreeMap<>();
        try (Connection c = connector.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i));
            }
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (String column : List.of("amount", "code", "price", "note")) {
                    if (columns.contains(column)) {
                        Object value = rs.getObject(column);
                        values.add(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                                : value instanceof Number n ? Long.toString(n.longValue()) : value == null ? null : value.toString());
                    }
                }
                if (rows.put(rs.getLong("id"), values) != null) {
                    throw new AssertionError("two rows with id " + rs.getLong("id") + " in " + table);
                }
            }
        }
        return rows;
    }

    private static Map<String, String> source(PostgresServer postgres) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ConnectPluginsIT.SOURCE);
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl(DB));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("topic.prefix", "shapes");
        config.put("table.include.list", "public\\.items");
        config.put("cursor.columns", "public\\.items:updated_at");
        config.put("incremental.lag.ms", "500");
        config.put("poll.interval.ms", "200");
        config.put("table.monitor.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private static Map<String, String> sink(S3Server s3, String destination, String url, PostgresServer postgres) {
        Map<String, String> config = Pipelines.sinkConfig(s3, destination, "1", url, postgres, "shapes", "shapes-" + destination);
        config.put("topics", "shapes.public.items");
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
