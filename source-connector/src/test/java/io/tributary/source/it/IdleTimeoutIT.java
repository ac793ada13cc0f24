package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A server that ends idle sessions (idle_in_transaction_session_timeout while the throttle holds a
 * chunk's transaction open, idle_session_timeout between two incremental polls) costs a reconnect,
 * like a lost connection: the chunk resumes after its last key, the poll runs again, the task keeps
 * RUNNING. The timeouts are set on a role of this test's own, not on the shared superuser.
 */
@DevStackTest
class IdleTimeoutIT {

    private static final int ROWS = 600;

    @Test
    void idleSessionTimeoutsAreRetriedAndEveryRowArrives(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS idle_t");
            s.execute("DROP ROLE IF EXISTS idle_reader");
            s.execute("CREATE TABLE idle_t (id int PRIMARY KEY, v text, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO idle_t (id, v) SELECT g, 'v' || g FROM generate_series(1, " + ROWS + ") g");
            s.execute("CREATE ROLE idle_reader LOGIN");
            s.execute("GRANT SELECT ON idle_t TO idle_reader");
            s.execute("ALTER ROLE idle_reader SET idle_in_transaction_session_timeout = '2s'");
            s.execute("ALTER ROLE idle_reader SET idle_session_timeout = '2s'");
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            // 300 rows per poll at 100 rows/s: the throttle sleeps ~3 s with the chunk's transaction
            // open, and the next fetch (50 rows each) finds the session ended; polls are 3 s apart.
            harness.create("idle", SourceConnectorHarness.config(postgres.jdbcUrl(), "idle_reader", "any", "idle",
                    with("tasks.max", "1", "table.include.list", "public\\.idle_t", "cursor.columns", ".*:updated_at",
                            "snapshot.chunk.rows", "300", "batch.max.rows", "300", "fetch.size", "50",
                            "snapshot.max.rows.per.second", "100", "poll.interval.ms", "3000", "incremental.lag.ms", "0",
                            "connection.retry.backoff.ms", "100")), 1);
            awaitChunksDone(harness, "idle", "public.idle_t", 2, Duration.ofMinutes(1));
            // Once the server has ended the poller's session for idling between two polls, rows written
            // now are read by a poll that first finds its session gone.
            awaitPollerSessionEnded(postgres, Duration.ofMinutes(1));
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO idle_t (id, v) SELECT g, 'later' FROM generate_series(" + (ROWS + 1) + ", " + (ROWS + 10) + ") g");
            }
            Set<Integer> ids = new HashSet<>();
            try {
                harness.readRows("idle.public.idle_t", () -> ids.size() >= ROWS + 10, Duration.ofMinutes(1),
                        row -> ids.add(row.key().path("id").asInt()));
            } catch (AssertionError notAll) {
                harness.rest().assertNotFailed("idle"); // the task's trace says why
                throw notAll;
            }
            assertEquals(ROWS + 10, ids.size());
            harness.rest().assertNotFailed("idle");
            assertEquals("RUNNING", harness.rest().status("idle").path("tasks").get(0).path("state").asText());
        } finally {
            harness.delete("idle");
        }
    }

    /** Finds the incremental poller's session (by its last query) and waits until the server has ended it. */
    private static void awaitPollerSessionEnded(PostgresServer postgres, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Integer pid = null;
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            while (true) {
                String sql = pid == null
                        ? "SELECT pid FROM pg_stat_activity WHERE usename = 'idle_reader' AND query LIKE '%\"updated_at\" IS NOT NULL%'"
                        : "SELECT pid FROM pg_stat_activity WHERE pid = " + pid;
                try (ResultSet rs = s.executeQuery(sql)) {
                    if (pid == null && rs.next()) {
                        pid = rs.getInt(1);
                    } else if (pid != null && !rs.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the poller's session (pid " + pid + ") was not ended within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Waits for {@code chunks} done chunks, failing at once (with the trace) if the task fails meanwhile. */
    static void awaitChunksDone(SourceConnectorHarness harness, String name, String table, int chunks, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            harness.rest().assertNotFailed(name);
            try {
                harness.awaitChunksDone(name, table, chunks, Duration.ofSeconds(2));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }
}
