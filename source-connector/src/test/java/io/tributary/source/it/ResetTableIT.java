package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nulling one table's plan through PATCH /connectors/<name>/offsets re-snapshots that table only. */
@DevStackTest
class ResetTableIT {

    @Test
    void resettingOneTableResnapshotsItAlone(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            for (String t : List.of("reset_a", "reset_b")) {
                s.execute("DROP TABLE IF EXISTS " + t);
                s.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
                s.execute("INSERT INTO " + t + " SELECT g, 'v' || g FROM generate_series(1, 2000) g");
            }
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "reset";
        try {
            harness.create("reset", SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                    with("tasks.max", "2", "mode", "snapshot", "table.include.list", "public\\.reset_.*",
                            "snapshot.chunk.rows", "500")), 2);
            harness.awaitChunksDone(prefix, "public.reset_a", 4, Duration.ofMinutes(1));
            harness.awaitChunksDone(prefix, "public.reset_b", 4, Duration.ofMinutes(1));
            awaitCommittedDone(cluster, 8);

            String planB = planId(cluster, "public.reset_b");
            cluster.rest().stopConnector("reset");
            awaitState(cluster, "STOPPED");
            // The partition exactly as GET /connectors/reset/offsets shows it.
            JsonNode partition = null;
            for (JsonNode e : cluster.rest().offsets("reset").path("offsets")) {
                if (e.path("partition").path("table").asText().equals("public.reset_a") && e.path("partition").path("kind").asText().equals("plan")) {
                    partition = e.path("partition");
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("partition", partition);
            entry.put("offset", null);
            cluster.rest().alterOffsets("reset", Map.of("offsets", List.of(entry)));
            cluster.rest().resumeConnector("reset");

            harness.awaitChunksDone(prefix, "public.reset_a", 4, Duration.ofMinutes(1));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (harness.chunksDone(prefix, "public.reset_a").size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            List<JsonNode> doneA = harness.chunksDone(prefix, "public.reset_a");
            assertEquals(8, doneA.size(), "table a read twice, under two plans: " + doneA);
            assertEquals(2, doneA.stream().map(e -> e.path("plan_id").asText()).distinct().count());
            // b keeps its plan, so it is not read again: its chunks are all done under that plan
            assertEquals(planB, planId(cluster, "public.reset_b"), "table b kept its plan");
            assertEquals(4, harness.chunksDone(prefix, "public.reset_b").size(), "table b was not read again");
            long[] rows = {0};
            harness.readRows(prefix + ".public.reset_a", 4000, Duration.ofMinutes(1), row -> rows[0]++);
            assertEquals(4000, rows[0], "every row of table a arrived twice");
        } finally {
            harness.delete("reset");
        }
    }

    /** The committed plan id of {@code table}. */
    private static String planId(KafkaConnectCluster cluster, String table) {
        for (JsonNode e : cluster.rest().offsets("reset").path("offsets")) {
            if (e.path("partition").path("table").asText().equals(table) && e.path("partition").path("kind").asText().equals("plan")) {
                return e.path("offset").path("plan_id").asText();
            }
        }
        throw new AssertionError("no plan of " + table + " in the offsets");
    }

    private static void awaitCommittedDone(KafkaConnectCluster cluster, int chunks) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            long done = 0;
            for (JsonNode e : cluster.rest().offsets("reset").path("offsets")) {
                if (e.path("offset").path("done").asBoolean()) {
                    done++;
                }
            }
            if (done >= chunks) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("chunk checkpoints not committed");
    }

    private static void awaitState(KafkaConnectCluster cluster, String state) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            if (state.equals(cluster.rest().status("reset").path("connector").path("state").asText())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("connector not " + state);
    }
}
