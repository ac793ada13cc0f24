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
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A million-row PostgreSQL table with a gappy, skewed bigint key, read by four tasks at once. */
@DevStackTest
class ParallelSnapshotIT {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelSnapshotIT.class);
    private static final int ROWS = 200_000;

    @Test
    void everyRowArrivesOnceReadByAllTasksInEqualChunks(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS big");
            s.execute("CREATE TABLE big (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12,2), day date,"
                    + " flag boolean, updated_at timestamptz NOT NULL DEFAULT now())");
            // Gaps (x7) in the first half, then a jump of 10^10 and quadratic spread: equal chunks need row counts, not key ranges.
            s.execute("INSERT INTO big (id, name, amount, day, flag) SELECT CASE WHEN g <= " + ROWS / 2
                    + " THEN g * 7 ELSE 10000000000 + g::bigint * g END, 'name-' || g, g * 1.25, date '2020-01-01' + g % 1000, g % 2 = 0"
                    + " FROM generate_series(1, " + ROWS + ") g");
            s.execute("ANALYZE big");
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "par";
        try {
            harness.create("parallel", SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(),
                    prefix, with("tasks.max", "4", "mode", "snapshot", "table.include.list", "public\\.big",
                            "snapshot.chunk.rows", Integer.toString(ROWS / 10), "batch.max.rows", "2000")), 4);

            List<JsonNode> done = harness.awaitChunksDone(prefix, "public.big", 10, Duration.ofMinutes(5));
            JsonNode plan = harness.ledger(prefix).stream().filter(e -> e.path("event").asText().equals("plan")).findFirst().get();
            assertEquals(10, plan.path("chunks").asInt(), "200k rows in chunks of 20k: " + plan);

            assertEquals(10, done.size(), "each of the 10 chunks is read exactly once: " + done);
            Set<Integer> tasks = new HashSet<>();
            long min = Long.MAX_VALUE;
            long max = 0;
            long total = 0;
            for (JsonNode chunk : done) {
                tasks.add(chunk.path("task").asInt());
                long rows = chunk.path("rows").asLong();
                total += rows;
                min = Math.min(min, rows);
                max = Math.max(max, rows);
            }
            assertEquals(ROWS, total, "chunk row counts add up to the table");
            assertEquals(Set.of(0, 1, 2, 3), tasks, "every task read chunks");
            assertTrue(max <= 2 * min, "chunk sizes within 2x: min " + min + ", max " + max);
            assertTrue(overlapping(done), "chunks of different tasks were read at the same time");

            Instant first = done.stream().map(e -> Instant.parse(e.path("started_at").asText())).min(Instant::compareTo).get();
            Instant last = done.stream().map(e -> Instant.parse(e.path("finished_at").asText())).max(Instant::compareTo).get();
            long millis = Duration.between(first, last).toMillis();
            LOG.info("Snapshot of {} rows with 4 tasks: {} ms, {} rows/s", ROWS, millis, ROWS * 1000L / Math.max(1, millis));

            Set<Long> ids = new HashSet<>(ROWS * 2);
            long[] records = {0};
            harness.readRows(prefix + ".public.big", ROWS, Duration.ofMinutes(3), row -> {
                records[0]++;
                ids.add(row.key().path("id").asLong());
                if (records[0] == 1) {
                    assertEquals("r", row.header("tributary.op"));
                    assertEquals("public.big", row.header("tributary.table"));
                }
            });
            assertEquals(ROWS, records[0], "no duplicates in a clean run");
            assertEquals(ROWS, ids.size(), "every key arrived");
            assertTrue(ids.contains(7L) && ids.contains(10_000_000_000L + (long) ROWS * ROWS), "first and last keys arrived");
        } finally {
            harness.delete("parallel");
        }
    }

    /** Whether two chunks read by different tasks overlap in time. */
    private static boolean overlapping(List<JsonNode> chunks) {
        for (JsonNode a : chunks) {
            for (JsonNode b : chunks) {
                if (a.path("task").asInt() != b.path("task").asInt()
                        && Instant.parse(a.path("started_at").asText()).isBefore(Instant.parse(b.path("finished_at").asText()))
                        && Instant.parse(b.path("started_at").asText()).isBefore(Instant.parse(a.path("finished_at").asText()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
