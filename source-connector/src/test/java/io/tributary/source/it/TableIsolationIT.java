package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A table that cannot be planned (here: keyed by an array, which has no exact resume point) is
 * reported and left out; the other tables are snapshot and polled. When no table can be captured
 * the connector fails, and its trace names the tables and why.
 */
@DevStackTest
class TableIsolationIT {

    private static void createTables(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS iso_good, iso_bad");
            s.execute("CREATE TABLE iso_good (id int PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO iso_good (id, name) SELECT g, 'initial' FROM generate_series(1, 200) g");
            s.execute("CREATE TABLE iso_bad (k int[] PRIMARY KEY, v int)");
            s.execute("INSERT INTO iso_bad SELECT ARRAY[g, g + 1], g FROM generate_series(1, 300) g");
        }
    }

    private static Map<String, String> config(PostgresServer postgres, String name, String include) {
        return SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), name,
                with("tasks.max", "1", "table.include.list", include, "cursor.columns", "public\\.iso_good:updated_at",
                        "snapshot.chunk.rows", "100", "incremental.lag.ms", "0"));
    }

    @Test
    void aTableThatCannotBePlannedDoesNotStopTheOthers(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        createTables(postgres);
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.create("iso", config(postgres, "iso", "public\\.iso_.*"), 1);
            harness.awaitChunksDone("iso", "public.iso_good", 2, Duration.ofMinutes(1));
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE iso_good SET name = 'after', updated_at = now() WHERE id = 7");
            }
            Map<Integer, String> latest = new HashMap<>();
            harness.readRows("iso.public.iso_good", () -> "after".equals(latest.get(7)), Duration.ofMinutes(1),
                    row -> latest.put(row.key().path("id").asInt(), row.value().path("name").asText()));
            assertEquals(200, latest.size());
            assertTrue(harness.ledger("iso").stream().noneMatch(e -> e.path("table").asText().equals("public.iso_bad")),
                    "the array-keyed table was not planned");
            harness.rest().assertNotFailed("iso");
        } finally {
            harness.delete("iso");
        }
    }

    @Test
    void whenNoTableCanBeCapturedTheConnectorFailsNamingThem(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        createTables(postgres);
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.rest().putConnector("isobad", config(postgres, "isobad", "public\\.iso_bad"));
            JsonNode connector = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    connector = harness.rest().status("isobad").path("connector");
                    if ("FAILED".equals(connector.path("state").asText())) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // no status yet
                }
                Thread.sleep(250);
            }
            assertEquals("FAILED", connector == null ? null : connector.path("state").asText(), "connector status: " + connector);
            String trace = connector.path("trace").asText();
            assertTrue(trace.contains("public.iso_bad") && trace.contains("_int4"), trace);
        } finally {
            harness.delete("isobad");
        }
    }
}
