package io.tributary.sink;

import static io.tributary.sink.TestRecords.debezium;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.sink.destination.postgres.PostgresDialect;
import io.tributary.sink.destination.sql.ApplyPlan;
import io.tributary.sink.destination.sql.JdbcDestination;
import io.tributary.sink.engine.FlushHooks;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DevStackTest
class PostgresMergeRulesIT extends AbstractMergeRulesIT {

    private PostgresServer postgres;

    @BeforeEach
    void setUp(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    Map<String, String> destinationConfig() {
        return Map.of("destination", "postgres", "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(),
                "warehouse.password", postgres.password());
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    @Test
    void tableNamesLongerThanPostgresAllowsWorkBatchAfterBatch() throws Exception {
        String table = "customer_order_line_item_adjustments_with_a_very_long_descriptive_name";
        String topic = "shop.public." + table;
        Map<String, String> props = new HashMap<>(destinationConfig());
        props.put("topics", topic);
        props.put("warehouse.schema", SCHEMA);
        props.put("delete.mode", "hard");
        try (TaskDriver sink = new TaskDriver(props, TaskDriver.LOCAL.apply(props), FlushHooks.NONE, this::writer)) {
            sink.batch(debezium(topic, 0, 0, 1, "a", 10, "c"), debezium(topic, 0, 1, 2, "b", 11, "c"));
            sink.batch(debezium(topic, 0, 2, 1, "a", 20, "d"), debezium(topic, 0, 3, 3, "c", 21, "c"));
            sink.batch(debezium(topic, 0, 4, 1, "late", 15, "u"));
        }
        List<String> tables = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + SCHEMA + "' AND table_name LIKE 'public_customer_order_line%'"
                        + " ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertEquals(2, tables.size(), "the final and the tombstone table: " + tables);
        tables.forEach(name -> assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 63, name));
        assertTrue(tables.get(0).endsWith("__tributary_deleted") != tables.get(1).endsWith("__tributary_deleted"), tables.toString());
        String finalTable = tables.get(0).endsWith("__tributary_deleted") ? tables.get(1) : tables.get(0);
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"id\", \"name\" FROM " + SCHEMA + ".\"" + finalTable + "\"")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        assertEquals(Map.of(2L, "b", 3L, "c"), rows, "deleted key 1 stays deleted; the late, older version is ignored");
    }

    /**
     * Two writers of one table at once (a task that still merges after its partition moved on): one
     * has checked the tombstones and pauses before its MERGE of an older version while the other
     * deletes the row. The table lock makes the delete wait, so the older version cannot come back.
     */
    @Test
    void anOlderVersionMergedWhileTheDeleteCommitsDoesNotBringTheRowBack() throws Exception {
        ApplyPlan pausing = (sql, mode) -> {
            List<String> statements = new ArrayList<>(ApplyPlan.STANDARD_MERGE.statements(sql, mode));
            int merge = 0;
            while (!statements.get(merge).startsWith("MERGE INTO " + sql.dialect().table(sql.target()))) {
                merge++;
            }
            statements.add(merge, "SELECT pg_sleep(2)"); // after the tombstone check, before the MERGE
            return statements;
        };
        try (TaskDriver first = driver("delete.mode", "hard")) {
            first.batch(debezium(topic(), 0, 0, 1, "a", 100, "c"), debezium(topic(), 0, 1, 2, "b", 110, "c"));
        }
        try (TaskDriver stale = driverForSameTable(
                config -> new JdbcDestination(new PostgresDialect(), config, JdbcDestination.credentials(config), pausing), "delete.mode", "hard");
                TaskDriver current = driverForSameTable("delete.mode", "hard")) {
            CompletableFuture<Void> late = CompletableFuture.runAsync(() -> stale.batch(debezium(topic(), 0, 2, 1, "late", 150, "u")));
            awaitPause();
            long started = System.nanoTime();
            current.batch(debezium(topic(), 0, 3, 1, "a", 200, "d"));
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            late.get(30, TimeUnit.SECONDS);
            assertEquals(Map.of(2L, "b"), names(), "the delete at 200 lost to the version at 150 (the delete waited " + waitedMs + " ms)");
            assertTrue(waitedMs >= 1000, "the delete did not wait for the paused writer (" + waitedMs + " ms)");
        }
    }

    /** Waits until the stale writer sits in its pause: past its tombstone check, before its MERGE. */
    private void awaitPause() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = 'SELECT pg_sleep(2)'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the stale writer never reached its pause");
    }
}
