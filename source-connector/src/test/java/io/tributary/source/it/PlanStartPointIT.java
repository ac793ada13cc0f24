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
 * Where incremental polling starts: never later than the database's now minus incremental.lag.ms
 * at planning, whatever the cursor's maximum then was.
 */
@DevStackTest
class PlanStartPointIT {

    private static final long LAG_MS = 20_000;

    private static Map<String, String> config(PostgresServer postgres, String name, String table, long lagMs) {
        return SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), name,
                with("tasks.max", "1", "table.include.list", "public\\." + table, "cursor.columns", ".*:updated_at",
                        "incremental.lag.ms", Long.toString(lagMs)));
    }

    private static void createTable(Statement s, String table) throws Exception {
        s.execute("DROP TABLE IF EXISTS " + table);
        s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
        s.execute("INSERT INTO " + table + " (id, name) SELECT g, 'initial' FROM generate_series(1, 100) g");
    }

    /**
     * An UPDATE stamped with its transaction's start (now()) but committed after the table was
     * planned and its chunk read, while a later stamp committed before the plan: the update arrives.
     * Starting at the cursor's maximum (the later stamp) skipped it for good.
     */
    @Test
    void anUpdateCommittedAfterThePlanWithAnEarlierStampArrives(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            createTable(s, "late_commit");
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try (Connection open = postgres.connect()) {
            open.setAutoCommit(false);
            double openSeconds;
            try (Statement s = open.createStatement()) {
                s.execute("UPDATE late_commit SET name = 'late', updated_at = now() WHERE id = 1");
            }
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE late_commit SET name = 'earlier commit', updated_at = now() WHERE id = 2");
            }
            harness.create("latecommit", config(postgres, "latecommit", "late_commit", LAG_MS), 1);
            harness.awaitChunksDone("latecommit", "public.late_commit", 1, Duration.ofMinutes(1));
            try (Statement s = open.createStatement(); ResultSet rs = s.executeQuery("SELECT extract(epoch FROM clock_timestamp() - now())")) {
                rs.next();
                openSeconds = rs.getDouble(1);
            }
            open.commit();
            assertTrue(openSeconds * 1000 < LAG_MS, "the test's transaction stayed open " + openSeconds
                    + " s, longer than the lag: this machine was too slow for the test's premise");
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE late_commit SET name = 'marker', updated_at = now() WHERE id = 3");
            }

            // The marker's stamp is later than the late update's and it committed later: once it
            // arrived, every poll that could read the late update has run.
            Map<Integer, String> latest = new HashMap<>();
            harness.readRows("latecommit.public.late_commit", () -> "marker".equals(latest.get(3)), Duration.ofMinutes(1),
                    row -> latest.put(row.key().path("id").asInt(), row.value().path("name").asText()));
            assertEquals("late", latest.get(1), "the update committed after the plan, stamped before the plan's maximum");
        } finally {
            harness.delete("latecommit");
        }
    }

    /**
     * A row stamped 'infinity' and one stamped in the year 2999: the start point stays at the
     * database's now minus the lag, so a later update of another row arrives. Starting at the
     * maximum ('infinity') skipped every change.
     */
    @Test
    void futureCursorValuesDoNotPushTheStartPointIntoTheFuture(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            createTable(s, "future_rows");
            s.execute("UPDATE future_rows SET updated_at = 'infinity' WHERE id = 100");
            s.execute("UPDATE future_rows SET updated_at = '2999-01-01 00:00:00+00' WHERE id = 99");
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.create("future", config(postgres, "future", "future_rows", 500), 1);
            harness.awaitChunksDone("future", "public.future_rows", 1, Duration.ofMinutes(1));
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE future_rows SET name = 'after', updated_at = now() WHERE id = 1");
            }
            Map<Integer, String> latest = new HashMap<>();
            harness.readRows("future.public.future_rows", () -> "after".equals(latest.get(1)), Duration.ofSeconds(30),
                    row -> latest.put(row.key().path("id").asInt(), row.value().path("name").asText()));
            assertEquals(100, latest.size(), "the snapshot read every row, the future ones too");
        } finally {
            harness.delete("future");
        }
    }
}
