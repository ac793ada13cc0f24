package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A snapshot interrupted half-way - by a connector restart, or by a worker killed with SIGKILL -
 * finishes without reading a finished chunk again, with the same chunk boundaries, and every row.
 */
@DevStackTest
class ResumeIT {

    private static final int ROWS = 60_000;
    private static final int CHUNKS = 20;

    @Test
    void connectorRestartMidSnapshotSkipsDoneChunks(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        table(postgres, "resume_restart");
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "rr";
        try {
            harness.create("resume-restart", config(postgres, prefix, "resume_restart"), 2);
            harness.awaitChunksDone(prefix, "public.resume_restart", 4, Duration.ofMinutes(2));

            cluster.rest().restartConnector("resume-restart", true);

            List<JsonNode> done = harness.awaitChunksDone(prefix, "public.resume_restart", CHUNKS, Duration.ofMinutes(3));
            Map<Integer, Long> readsPerChunk = done.stream().collect(Collectors.groupingBy(e -> e.path("chunk").asInt(), Collectors.counting()));
            readsPerChunk.forEach((chunk, reads) -> assertEquals(1L, reads, "chunk " + chunk + " was finished " + reads + " times"));
            assertOnePlan(harness, prefix);
            assertAllRows(harness, prefix + ".public.resume_restart");
        } finally {
            harness.delete("resume-restart");
        }
    }

    @Test
    void killedWorkerMidSnapshotLosesNothingAndRereadsNoCommittedChunk(KafkaConnectCluster cluster, PostgresServer postgres)
            throws Exception {
        table(postgres, "resume_kill");
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "rk";
        ConnectWorker victim = null;
        try {
            harness.create("resume-kill", config(postgres, prefix, "resume_kill"), 2);
            harness.awaitChunksDone(prefix, "public.resume_kill", 4, Duration.ofMinutes(2));

            // The chunks whose "done" checkpoint is committed before the crash must never be read again.
            Set<Integer> committedDone = committedDoneChunks(cluster, "resume-kill");
            for (int i = 0; i < 60 && committedDone.isEmpty(); i++) {
                Thread.sleep(500); // offsets are committed every second
                committedDone = committedDoneChunks(cluster, "resume-kill");
            }
            String taskWorker = cluster.rest().status("resume-kill").path("tasks").get(0).path("worker_id").asText();
            victim = cluster.workers().stream().filter(w -> w.restUri().toString().contains(taskWorker)).findFirst().orElseThrow();
            victim.kill();

            List<JsonNode> done = harness.awaitChunksDone(prefix, "public.resume_kill", CHUNKS, Duration.ofMinutes(3));
            Map<Integer, Long> readsPerChunk = done.stream().collect(Collectors.groupingBy(e -> e.path("chunk").asInt(), Collectors.counting()));
            assertTrue(!committedDone.isEmpty(), "some chunks were committed as done before the kill: "
                    + cluster.rest().offsets("resume-kill"));
            for (int chunk : committedDone) {
                assertEquals(1L, readsPerChunk.get(chunk), "chunk " + chunk + " was committed done, then read again");
            }
            assertOnePlan(harness, prefix);
            assertAllRows(harness, prefix + ".public.resume_kill");
        } finally {
            harness.delete("resume-kill");
            if (victim != null && !victim.isRunning()) {
                victim.start();
                victim.awaitReady(Duration.ofMinutes(2));
            }
        }
    }

    private static void table(PostgresServer postgres, String name) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + name);
            s.execute("CREATE TABLE " + name + " (id int PRIMARY KEY, payload text NOT NULL)");
            s.execute("INSERT INTO " + name + " SELECT g * 3, repeat('x', 50) || g FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private static Map<String, String> config(PostgresServer postgres, String prefix, String table) {
        // 3000 rows per chunk, 20 chunks, read at most 2000 rows/s per task: ~15 s, long enough to interrupt.
        return SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                with("tasks.max", "2", "mode", "snapshot", "table.include.list", "public\\." + table,
                        "snapshot.chunk.rows", "3000", "batch.max.rows", "500", "snapshot.max.rows.per.second", "2000"));
    }

    private static Set<Integer> committedDoneChunks(KafkaConnectCluster cluster, String connector) {
        Set<Integer> done = new HashSet<>();
        for (JsonNode entry : cluster.rest().offsets(connector).path("offsets")) {
            JsonNode partition = entry.path("partition");
            if (partition.path("kind").asText().equals("chunk") && entry.path("offset").path("done").asBoolean()) {
                done.add(Integer.parseInt(partition.path("chunk").asText()));
            }
        }
        return done;
    }

    /** Every plan event (one per task start) names the same plan: the boundaries never changed. */
    private static void assertOnePlan(SourceConnectorHarness harness, String prefix) {
        Set<String> plans = new HashSet<>();
        harness.ledger(prefix).forEach(e -> plans.add(e.path("plan_id").asText()));
        assertEquals(1, plans.size(), "one plan for the table across restarts: " + plans);
    }

    private static void assertAllRows(SourceConnectorHarness harness, String topic) {
        Set<Integer> ids = new HashSet<>();
        harness.readRows(topic, () -> ids.size() >= ROWS, Duration.ofMinutes(2), row -> ids.add(row.key().path("id").asInt()));
        for (int i = 1; i <= ROWS; i++) {
            assertTrue(ids.contains(i * 3), "row " + i * 3 + " is missing");
        }
        assertEquals(ROWS, ids.size());
    }
}
