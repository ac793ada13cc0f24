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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A connection lost mid-chunk is retried and the chunk resumes; a database that stays away fails the task with the reason. */
@DevStackTest
class ConnectionLossIT {

    private static final int ROWS = 20_000;

    private static void table(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS lossy");
            s.execute("CREATE TABLE lossy (id int PRIMARY KEY, v text)");
            s.execute("INSERT INTO lossy SELECT g, 'v' || g FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private static Map<String, String> config(PostgresServer postgres, String prefix, String attempts) {
        return SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                with("tasks.max", "1", "mode", "snapshot", "table.include.list", "public\\.lossy", "snapshot.chunk.rows", "2000",
                        "batch.max.rows", "200", "snapshot.max.rows.per.second", "4000",
                        "connection.retry.attempts", attempts, "connection.retry.backoff.ms", "200"));
    }

    @Test
    void killedBackendsAreReconnectedAndEveryRowArrives(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        table(postgres);
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.create("lossy", config(postgres, "lossy", "5"), 1);
            harness.awaitChunksDone("lossy", "public.lossy", 2, Duration.ofMinutes(1));
            int killed;
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE pid <> pg_backend_pid() AND query LIKE '%FROM \"public\".\"lossy\"%'");
                rs.next();
                killed = rs.getInt(1);
            }
            assertTrue(killed >= 1, "a chunk query was running and got terminated");
            harness.awaitChunksDone("lossy", "public.lossy", 10, Duration.ofMinutes(2));
            assertEquals("RUNNING", cluster.rest().status("lossy").path("tasks").get(0).path("state").asText());
            Set<Integer> ids = new HashSet<>();
            harness.readRows("lossy.public.lossy", () -> ids.size() >= ROWS, Duration.ofMinutes(1), row -> ids.add(row.key().path("id").asInt()));
            assertEquals(ROWS, ids.size());
        } finally {
            harness.delete("lossy");
        }
    }

    @Test
    void aDatabaseThatStaysAwayFailsTheTaskWithTheReason(KafkaConnectCluster cluster) throws Exception {
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        PostgresServer postgres = PostgresServer.start();
        boolean stopped = false;
        try {
            table(postgres);
            harness.create("gone", config(postgres, "gone", "2"), 1);
            harness.awaitChunksDone("gone", "public.lossy", 1, Duration.ofMinutes(1));
            postgres.close();
            stopped = true;

            JsonNode task = null;
            for (int i = 0; i < 120; i++) {
                task = cluster.rest().status("gone").path("tasks").get(0);
                if ("FAILED".equals(task.path("state").asText())) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals("FAILED", task.path("state").asText(), "the task gives up: " + task);
            assertTrue(task.path("trace").asText().contains("after 2 retries"), task.path("trace").asText());
        } finally {
            harness.delete("gone");
            if (!stopped) {
                postgres.close();
            }
        }
    }
}
