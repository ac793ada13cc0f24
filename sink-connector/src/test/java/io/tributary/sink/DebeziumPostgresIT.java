package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Debezium's PostgreSQL connector (pgoutput) → Kafka → the sink, both on the real Connect cluster:
 * snapshot, inserts, a row updated twice, deletes. The hard-delete table equals the source; the
 * soft-delete table equals it once soft-deleted rows are left out, and keeps those with deleted-at;
 * a DuckDB table (hard deletes) equals the source too.
 */
@DevStackTest
class DebeziumPostgresIT {

    private static final String TABLE = "\"public\".\"customers\"";

    @Test
    void changeEventsEndUpExactlyLikeTheSource(KafkaConnectCluster cluster, PostgresServer warehouse, S3Server s3,
            DuckDbWarehouse duckdb) throws Exception {
        try (PostgresServer source = PostgresServer.startWithLogicalReplication()) {
            execute(source, "CREATE TABLE customers (id bigint PRIMARY KEY, name varchar(100), balance numeric(12,2), active boolean,"
                    + " born date, updated timestamp(6), ref uuid)");
            for (int id = 1; id <= 20; id++) {
                insert(source, id, "snapshot " + id);
            }
            ConnectRestClient rest = cluster.rest();
            rest.putConnector("dbz-source", debezium(source));
            rest.putConnector("dbz-hard", sink(s3, warehouse, "dbz_hard", "hard"));
            rest.putConnector("dbz-soft", sink(s3, warehouse, "dbz_soft", "soft"));
            Map<String, String> duck = sink(s3, warehouse, "dbz_duck", "hard");
            duck.put("destination", "duckdb");
            duck.put("warehouse.url", duckdb.jdbcUrl());
            duck.remove("warehouse.user");
            duck.remove("warehouse.password");
            rest.putConnector("dbz-duck", duck);
            try {
                rest.awaitRunning("dbz-source", 1, Duration.ofMinutes(2));
                rest.awaitRunning("dbz-hard", 1, Duration.ofSeconds(90));
                rest.awaitRunning("dbz-soft", 1, Duration.ofSeconds(90));
                rest.awaitRunning("dbz-duck", 1, Duration.ofSeconds(90));
                WarehouseTables.awaitEqual(snapshot(source), () -> read(warehouse, "dbz_hard"), 120_000, "snapshot in dbz_hard");

                for (int id = 21; id <= 30; id++) {
                    insert(source, id, "inserted " + id);
                }
                execute(source, "UPDATE customers SET name = 'first update', balance = 1.01 WHERE id = 5");
                execute(source, "UPDATE customers SET name = 'second update', balance = 2.02, active = false WHERE id = 5");
                execute(source, "UPDATE customers SET updated = '2024-02-29 23:59:59.999999' WHERE id BETWEEN 10 AND 12");
                execute(source, "DELETE FROM customers WHERE id IN (3, 7, 25)");
                insert(source, 31, "last");

                Map<Long, List<Object>> expected = snapshot(source);
                WarehouseTables.awaitEqual(expected, () -> read(warehouse, "dbz_hard"), 120_000, "dbz_hard");
                WarehouseTables.awaitEqual(expected, () -> readLive(warehouse, "dbz_soft"), 120_000, "dbz_soft (live rows)");
                WarehouseTables.awaitEqual(expected, () -> readDuck(duckdb), 120_000, "dbz_duck (DuckDB, hard deletes)");
                assertEquals(Set.of(3L, 7L, 25L), softDeleted(warehouse));
                assertEquals("second update", expected.get(5L).get(0));
            } finally {
                rest.deleteConnector("dbz-source");
                rest.deleteConnector("dbz-hard");
                rest.deleteConnector("dbz-soft");
                rest.deleteConnector("dbz-duck");
            }
        }
    }

    private static Map<String, String> debezium(PostgresServer source) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks.max", "1");
        config.put("plugin.name", "pgoutput");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(source.port()));
        config.put("database.user", source.user());
        config.put("database.password", source.password());
        config.put("database.dbname", "postgres");
        config.put("topic.prefix", "dbz");
        config.put("table.include.list", "public.customers");
        config.put("slot.name", "tributary_it");
        config.put("slot.drop.on.stop", "true");
        config.put("publication.autocreate.mode", "filtered");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private static Map<String, String> sink(S3Server s3, PostgresServer warehouse, String schema, String deleteMode) {
        Map<String, String> config = new HashMap<>(SinkPipelineIT.sinkConfig(s3, "postgres", "1", Map.of(
                "warehouse.url", warehouse.jdbcUrl(), "warehouse.user", warehouse.user(), "warehouse.password", warehouse.password())));
        config.put("topics", "dbz.public.customers");
        config.put("warehouse.schema", schema);
        config.put("delete.mode", deleteMode);
        config.put("flush.interval.ms", "1000");
        return config;
    }

    private static void insert(PostgresServer source, int id, String name) throws SQLException {
        execute(source, "INSERT INTO customers VALUES (" + id + ", '" + name + "', " + id + ".25, " + (id % 2 == 0)
                + ", DATE '1990-01-01' + " + id + ", TIMESTAMP '2024-01-01 10:00:00.123456' + interval '" + id + " minutes', "
                + "'00000000-0000-0000-0000-" + String.format("%012d", id) + "')");
    }

    private static Map<Long, List<Object>> snapshot(PostgresServer source) throws SQLException {
        return WarehouseTables.read(source::connect, TABLE);
    }

    private static Map<Long, List<Object>> read(PostgresServer warehouse, String schema) {
        try {
            return WarehouseTables.read(warehouse::connect, "\"" + schema + "\".\"public_customers\"");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Map<Long, List<Object>> readDuck(DuckDbWarehouse duckdb) {
        try {
            return WarehouseTables.read(duckdb::connect, "\"dbz_duck\".\"public_customers\"");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Map<Long, List<Object>> readLive(PostgresServer warehouse, String schema) {
        try {
            return WarehouseTables.read(warehouse::connect, "(SELECT * FROM \"" + schema + "\".\"public_customers\" WHERE __tributary_deleted_at IS NULL) live");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Set<Long> softDeleted(PostgresServer warehouse) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM dbz_soft.public_customers WHERE __tributary_deleted_at IS NOT NULL")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        assertTrue(!ids.isEmpty(), "no soft-deleted rows");
        return ids;
    }

    private static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
