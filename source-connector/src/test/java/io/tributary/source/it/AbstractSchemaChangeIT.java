package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.JdbcDatabase;
import io.tributary.devstack.KafkaConnectCluster;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * A table polled by cursor changes shape while changes flow: a column is added, an integer widened to
 * bigint (a value above 2^31 follows), a varchar(10) to varchar(200), a numeric(6,2) to
 * numeric(14,4), a column dropped and one renamed. Every change arrives with the new value schema and
 * the right values, nothing is lost, the task keeps running; then the cursor column is dropped: the
 * table stops with an ERROR naming it and the column, and the task's other table goes on. One
 * subclass per database.
 */
abstract class AbstractSchemaChangeIT {

    private static final Duration WAIT = Duration.ofMinutes(1);

    /** The database under test; set by the subclass before each test. */
    JdbcDatabase db;

    /** Its schema (MariaDB: database). */
    abstract String schema();

    /** The cursor column's definition: a timestamp defaulting to the statement's now. */
    abstract String cursorDefinition();

    /** The database's now, to set the cursor in an UPDATE. */
    abstract String now();

    /** DDL that changes {@code column} of table shape to {@code type}. */
    abstract String alterType(String column, String type);

    /** The exact numeric type. */
    abstract String numeric(int precision, int scale);

    @Test
    void addedWidenedDroppedAndRenamedColumnsArriveWhilePolling(KafkaConnectCluster cluster) throws Exception {
        execute("DROP TABLE IF EXISTS shape, shape_side",
                "CREATE TABLE shape (id int PRIMARY KEY, n int, s varchar(10), d " + numeric(6, 2) + ", gone int, old_name int,"
                        + " updated_at " + cursorDefinition() + ")",
                "CREATE TABLE shape_side (id int PRIMARY KEY, v int, updated_at " + cursorDefinition() + ")",
                "INSERT INTO shape (id, n, s, d, gone, old_name) VALUES (1, 1, 'one', 1.25, 1, 1)",
                "INSERT INTO shape_side (id, v) VALUES (1, 1)");
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "shape" + schema();
        String topic = prefix + "." + schema() + ".shape";
        try {
            harness.create(prefix, SourceConnectorHarness.config(db.jdbcUrl(), db.user(), db.password(), prefix,
                    with("tasks.max", "1", "table.include.list", schema() + "\\.shape(_side)?", "cursor.columns", ".*:updated_at",
                            "incremental.lag.ms", "0")), 1);
            Struct first = await(harness, topic, 1, v -> true);
            assertEquals(1, ((Number) first.get("old_name")).intValue());
            // both tables polled: the task runs with the assignment it keeps (no restart describes anew)
            String sideTopic = prefix + "." + schema() + ".shape_side";
            execute("INSERT INTO shape (id, n, s, d, gone, old_name) VALUES (100, 100, 'hundred', 1.5, 100, 100)",
                    "INSERT INTO shape_side (id, v) VALUES (100, 100)");
            awaitPolled(harness, topic, 100);
            awaitPolled(harness, sideTopic, 100);

            execute("ALTER TABLE shape ADD COLUMN extra varchar(20)",
                    "INSERT INTO shape (id, n, s, d, gone, old_name, extra) VALUES (2, 2, 'two', 2.50, 2, 2, 'x2')");
            assertEquals("x2", await(harness, topic, 2, v -> has(v, "extra")).get("extra"), "an added column's value arrives");

            execute(alterType("n", "bigint"),
                    "INSERT INTO shape (id, n, s, d, gone, old_name, extra) VALUES (3, 3000000000, 'three', 3.75, 3, 3, 'x3')");
            assertEquals(3_000_000_000L, ((Number) await(harness, topic, 3, v -> true).get("n")).longValue(), "a widened integer");

            String longText = "w".repeat(150);
            execute(alterType("s", "varchar(200)"),
                    "INSERT INTO shape (id, n, s, d, gone, old_name, extra) VALUES (4, 4, '" + longText + "', 4.00, 4, 4, 'x4')");
            assertEquals(longText, await(harness, topic, 4, v -> true).get("s"), "a widened varchar");

            execute(alterType("d", numeric(14, 4)),
                    "INSERT INTO shape (id, n, s, d, gone, old_name, extra) VALUES (5, 5, 'five', 12345678.1234, 5, 5, 'x5')");
            assertEquals(new BigDecimal("12345678.1234"), await(harness, topic, 5, v -> true).get("d"), "a widened numeric");

            execute("ALTER TABLE shape DROP COLUMN gone",
                    "INSERT INTO shape (id, n, s, d, old_name, extra) VALUES (6, 6, 'six', 6.5, 6, 'x6')");
            Struct six = await(harness, topic, 6, v -> !has(v, "gone"));
            assertNull(six.schema().field("gone"), "a dropped column is absent from later records: " + six);
            assertEquals("x6", six.get("extra"));

            execute("ALTER TABLE shape RENAME COLUMN old_name TO new_name",
                    "INSERT INTO shape (id, n, s, d, new_name, extra) VALUES (7, 7, 'seven', 7.5, 7, 'x7')");
            Struct seven = await(harness, topic, 7, v -> has(v, "new_name"));
            assertNull(seven.schema().field("old_name"), "a renamed column's old name is absent: " + seven);
            assertEquals(7, ((Number) seven.get("new_name")).intValue(), "a renamed column's value arrives");

            execute("UPDATE shape SET extra = 'final', updated_at = " + now());
            Map<Integer, Map<String, Object>> table = table();
            Map<Integer, Map<String, Object>> latest = new HashMap<>();
            read(harness, topic, () -> latest.equals(table), latest);
            assertEquals(table, latest, "the latest record of every row equals the table");
            harness.rest().assertNotFailed(prefix);

            execute("ALTER TABLE shape DROP COLUMN updated_at", "INSERT INTO shape_side (id, v) VALUES (2, 2)");
            await(harness, sideTopic, 2, v -> true);
            String error = awaitLogLine(cluster, schema() + ".shape", "updated_at");
            assertTrue(error.contains("ERROR"), error);
            execute("INSERT INTO shape_side (id, v) VALUES (3, 3)");
            assertEquals(3, ((Number) await(harness, sideTopic, 3, v -> true).get("v")).intValue(), "the task's other table goes on");
            harness.rest().assertNotFailed(prefix);
        } finally {
            harness.delete(prefix);
        }
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The table's rows as the records should carry them. */
    private Map<Integer, Map<String, Object>> table() throws Exception {
        Map<Integer, Map<String, Object>> rows = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, n, s, d, new_name, extra FROM shape")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), Map.of("n", rs.getLong(2), "s", rs.getString(3), "d", rs.getBigDecimal(4),
                        "new_name", rs.getLong(5), "extra", rs.getString(6)));
            }
        }
        return rows;
    }

    /**
     * Reads the topic until a record of row {@code id} whose value passes {@code wanted} arrived (rows
     * read just before the task noticed a change may come first with the old columns, and again with the
     * new ones); returns that value.
     */
    private static Struct await(SourceConnectorHarness harness, String topic, int id, Predicate<Struct> wanted) {
        Struct[] found = {null};
        JsonConverter converter = converter();
        harness.readRows(topic, () -> found[0] != null, WAIT, row -> {
            Struct value = (Struct) converter.toConnectData(topic, row.record().value()).value();
            if (((Number) value.get("id")).intValue() == id && wanted.test(value)) {
                found[0] = value;
            }
        });
        assertTrue(found[0] != null, "no record of row " + id + " in " + topic);
        return found[0];
    }

    private static boolean has(Struct value, String field) {
        return value.schema().field(field) != null;
    }

    /** Waits until a record of row {@code id} arrived by incremental polling (operation {@code u}). */
    private static void awaitPolled(SourceConnectorHarness harness, String topic, int id) {
        boolean[] found = {false};
        harness.readRows(topic, () -> found[0], WAIT, row -> found[0] |= row.key().path("id").asInt() == id
                && "u".equals(row.header("tributary.op")));
        assertTrue(found[0], "row " + id + " of " + topic + " was not polled");
    }

    /** Reads every record of the table's topic into {@code latest} (the newest version of each row) until {@code done}. */
    private void read(SourceConnectorHarness harness, String topic, java.util.function.BooleanSupplier done,
            Map<Integer, Map<String, Object>> latest) {
        JsonConverter converter = converter();
        harness.readRows(topic, done, WAIT, row -> {
            Struct value = (Struct) converter.toConnectData(topic, row.record().value()).value();
            Map<String, Object> fields = new HashMap<>();
            fields.put("n", value.get("n") == null ? null : ((Number) value.get("n")).longValue());
            fields.put("s", value.get("s"));
            fields.put("d", value.get("d"));
            fields.put("new_name", value.schema().field("new_name") == null ? null : ((Number) value.get("new_name")).longValue());
            fields.put("extra", value.schema().field("extra") == null ? null : value.get("extra"));
            latest.put(((Number) value.get("id")).intValue(), fields);
        });
    }

    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "BASE64"), false);
        return converter;
    }

    /** Waits for a line of a worker's log naming {@code table} and {@code column}; returns it. */
    private static String awaitLogLine(KafkaConnectCluster cluster, String table, String column) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConnectWorker worker : cluster.workers()) {
                for (String line : lines(worker)) {
                    if (line.contains(" ERROR ") && line.contains(table + " ") && line.contains(column)) {
                        return line;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no ERROR line naming " + table + " and " + column + " in the workers' logs");
    }

    private static List<String> lines(ConnectWorker worker) {
        try {
            return Files.exists(worker.logFile()) ? Files.readAllLines(worker.logFile()) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
