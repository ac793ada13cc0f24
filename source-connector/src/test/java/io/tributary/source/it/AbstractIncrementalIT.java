package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.JdbcDatabase;
import io.tributary.devstack.KafkaConnectCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inserts and updates made while the snapshot runs and after it arrive through cursor polling,
 * including hundreds of rows that share one timestamp (one multi-row INSERT: one now()). One
 * subclass per database.
 */
abstract class AbstractIncrementalIT {

    static final int ROWS = 20_000;

    /** The database under test; set by the subclass before each test. */
    JdbcDatabase db;

    /** Its schema (MariaDB: database). */
    abstract String schema();

    /** DDL of table {@code inc (id int key, name text, updated_at: a timestamp defaulting to the statement's now)}. */
    abstract String createTable();

    /** Inserts ids {@code from..to} named {@code name} in ONE statement, so they share one timestamp. */
    abstract String insertRange(int from, int to, String name);

    /** Sets {@code name} and a fresh timestamp on the rows matching {@code where}. */
    abstract String update(String where, String name);

    @Test
    void changesDuringAndAfterTheSnapshotAllArrive(KafkaConnectCluster cluster) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS inc");
            s.execute(createTable());
            s.execute(insertRange(1, ROWS, "initial"));
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "inc-" + schema();
        String table = schema() + ".inc";
        try {
            harness.create(prefix, SourceConnectorHarness.config(db.jdbcUrl(), db.user(), db.password(),
                    prefix, with("tasks.max", "2", "table.include.list", schema() + "\\.inc", "cursor.columns", ".*:updated_at",
                            "snapshot.chunk.rows", "2000", "batch.max.rows", "100", "snapshot.max.rows.per.second", "4000")), 2);

            // While the snapshot runs (10 chunks at 4000 rows/s per task: ~2.5 s).
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute(update("id <= 100", "during"));
                s.execute(insertRange(ROWS + 1, ROWS + 500, "inserted during"));
            }
            harness.awaitChunksDone(prefix, table, 10, Duration.ofMinutes(2));

            // After it: more updates, and 500 inserts with one shared timestamp, paged 100 at a time.
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute(update("id > 100 AND id <= 200", "after"));
                s.execute(insertRange(ROWS + 501, ROWS + 1000, "inserted after"));
                s.execute(update("id = 1", "updated twice"));
            }

            Map<Integer, String> expected = new HashMap<>();
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM inc")) {
                while (rs.next()) {
                    expected.put(rs.getInt(1), rs.getString(2));
                }
            }
            Map<Integer, String> latest = new HashMap<>();
            Map<String, Integer> ops = new HashMap<>();
            harness.readRows(prefix + "." + table, () -> latest.equals(expected), Duration.ofMinutes(2), row -> {
                latest.put(row.key().path("id").asInt(), row.value().path("name").asText());
                ops.merge(row.header("tributary.op"), 1, Integer::sum);
                assertTrue(row.header("tributary.position") != null, "every record carries its position");
            });
            assertEquals(expected, latest, "the topic's latest version of every row equals the table");
            assertTrue(ops.getOrDefault("u", 0) >= 600, "the changes came by incremental polling: " + ops);
        } finally {
            harness.delete(prefix);
        }
    }
}
