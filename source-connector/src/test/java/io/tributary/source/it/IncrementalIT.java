package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inserts and updates made while the snapshot runs and after it arrive through cursor polling,
 * including hundreds of rows that share one timestamp (one multi-row INSERT: one now()).
 */
@DevStackTest
class IncrementalIT {

    private static final int ROWS = 20_000;

    @Test
    void changesDuringAndAfterTheSnapshotAllArrive(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS inc");
            s.execute("CREATE TABLE inc (id int PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO inc (id, name) SELECT g, 'initial' FROM generate_series(1, " + ROWS + ") g");
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "inc";
        try {
            harness.create("incremental", SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(),
                    prefix, with("tasks.max", "2", "table.include.list", "public\\.inc", "cursor.columns", "public\\.inc:updated_at",
                            "snapshot.chunk.rows", "2000", "batch.max.rows", "100", "snapshot.max.rows.per.second", "4000")), 2);

            // While the snapshot runs (10 chunks at 4000 rows/s per task: ~2.5 s).
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE inc SET name = 'during', updated_at = clock_timestamp() WHERE id <= 100");
                s.execute("INSERT INTO inc (id, name) SELECT g, 'inserted during' FROM generate_series(" + (ROWS + 1) + ", " + (ROWS + 500) + ") g");
            }
            harness.awaitChunksDone(prefix, "public.inc", 10, Duration.ofMinutes(2));

            // After it: more updates, and 500 inserts with one shared timestamp, paged 100 at a time.
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE inc SET name = 'after', updated_at = clock_timestamp() WHERE id > 100 AND id <= 200");
                s.execute("INSERT INTO inc (id, name) SELECT g, 'inserted after' FROM generate_series(" + (ROWS + 501) + ", " + (ROWS + 1000) + ") g");
                s.execute("UPDATE inc SET name = 'updated twice', updated_at = clock_timestamp() WHERE id = 1");
            }

            Map<Integer, String> expected = new HashMap<>();
            try (Connection c = postgres.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM inc")) {
                while (rs.next()) {
                    expected.put(rs.getInt(1), rs.getString(2));
                }
            }
            Map<Integer, String> latest = new HashMap<>();
            Map<String, Integer> ops = new HashMap<>();
            harness.readRows(prefix + ".public.inc", () -> latest.equals(expected), Duration.ofMinutes(2), row -> {
                latest.put(row.key().path("id").asInt(), row.value().path("name").asText());
                ops.merge(row.header("tributary.op"), 1, Integer::sum);
                assertTrue(row.header("tributary.position") != null, "every record carries its position");
            });
            assertEquals(expected, latest, "the topic's latest version of every row equals the table");
            assertTrue(ops.getOrDefault("u", 0) >= 600, "the changes came by incremental polling: " + ops);
        } finally {
            harness.delete("incremental");
        }
    }
}
