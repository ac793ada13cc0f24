package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * mode=incremental on a table without any key: rows sharing one timestamp are paged without loss,
 * and a restart keeps the plan (its watermark) and the checkpoint, so rows written meanwhile arrive.
 */
@DevStackTest
class IncrementalOnlyIT {

    @Test
    void keylessTableSharedTimestampsAndARestart(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS events");
            s.execute("CREATE TABLE events (seq int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO events (seq) SELECT generate_series(1, 10)"); // before the start: not wanted
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.create("only", SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), "only",
                    with("tasks.max", "1", "mode", "incremental", "table.include.list", "public\\.events",
                            "cursor.columns", ".*:updated_at", "batch.max.rows", "100", "incremental.lag.ms", "0")), 1);
            awaitPlan(harness);
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO events (seq) SELECT generate_series(101, 600)"); // 500 rows, one now()
            }
            Set<Integer> seen = new HashSet<>();
            harness.readRows("only.public.events", () -> seen.containsAll(range(101, 600)), Duration.ofMinutes(1),
                    row -> seen.add(row.value().path("seq").asInt()));

            cluster.rest().restartConnector("only", true);
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO events (seq) SELECT generate_series(1001, 1300)");
            }
            harness.readRows("only.public.events", () -> seen.containsAll(range(1001, 1300)), Duration.ofMinutes(1),
                    row -> seen.add(row.value().path("seq").asInt()));
            assertEquals(1, harness.ledger("only").stream().map(e -> e.path("plan_id").asText()).distinct().count(),
                    "the restart reused the plan and its watermark");
        } finally {
            harness.delete("only");
        }
    }

    private static void awaitPlan(SourceConnectorHarness harness) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            try {
                if (!harness.ledger("only").isEmpty()) {
                    return;
                }
            } catch (AssertionError notYet) {
                // no ledger topic yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no plan was written");
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> set = new HashSet<>();
        for (int i = from; i <= to; i++) {
            set.add(i);
        }
        return set;
    }
}
