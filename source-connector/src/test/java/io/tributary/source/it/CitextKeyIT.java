package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A case-insensitive ({@code citext}) key with mixed-case values: the planner's boundaries, the chunk
 * reader's ranges and its resume after a lost connection all order and compare the same way, so
 * every chunk holds its planned rows and every row arrives. ({@code ORDER BY k COLLATE "C"} on citext
 * still sorts case-insensitively, while {@code k COLLATE "C" > ?} compares case-sensitively.)
 */
@DevStackTest
class CitextKeyIT {

    private static final int ROWS = 3_000;
    private static final int CHUNK = 500;

    @Test
    void citextKeysChunkAndResumeWithoutLoss(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        Set<String> expected = new HashSet<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS citext");
            s.execute("DROP TABLE IF EXISTS ci_keys");
            s.execute("CREATE TABLE ci_keys (k citext PRIMARY KEY, v int NOT NULL)");
            s.execute("INSERT INTO ci_keys SELECT (ARRAY['a', 'B', 'c', 'D', 'e', 'F'])[g % 6 + 1] || lpad(g::text, 5, '0'), g"
                    + " FROM generate_series(1, " + ROWS + ") g");
            try (ResultSet rs = s.executeQuery("SELECT k FROM ci_keys")) {
                while (rs.next()) {
                    expected.add(rs.getString(1));
                }
            }
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.create("citext", SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), "citext",
                    with("tasks.max", "1", "mode", "snapshot", "table.include.list", "public\\.ci_keys",
                            "snapshot.chunk.rows", Integer.toString(CHUNK), "batch.max.rows", "100", "fetch.size", "100",
                            "snapshot.max.rows.per.second", "500", "connection.retry.backoff.ms", "200")), 1);
            harness.awaitChunksDone("citext", "public.ci_keys", 1, Duration.ofMinutes(1));
            int killed;
            try (Connection c = postgres.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                            + " WHERE pid <> pg_backend_pid() AND query LIKE '%FROM \"public\".\"ci_keys\"%'")) {
                rs.next();
                killed = rs.getInt(1);
            }
            assertTrue(killed >= 1, "a chunk query was running and got terminated");

            int chunks = ROWS / CHUNK;
            List<JsonNode> done = harness.awaitChunksDone("citext", "public.ci_keys", chunks, Duration.ofMinutes(2));
            Map<Integer, Long> rowsPerChunk = new TreeMap<>();
            done.forEach(e -> rowsPerChunk.put(e.path("chunk").asInt(), e.path("rows").asLong()));
            for (int chunk = 0; chunk < chunks; chunk++) {
                assertEquals(CHUNK, rowsPerChunk.getOrDefault(chunk, -1L), "rows of chunk " + chunk + ": " + rowsPerChunk);
            }

            Set<String> arrived = new HashSet<>();
            harness.readRows("citext.public.ci_keys", () -> arrived.containsAll(expected), Duration.ofMinutes(1),
                    row -> arrived.add(row.key().path("k").asText()));
            assertEquals(expected, arrived, "every key arrives");
        } finally {
            harness.delete("citext");
        }
    }
}
