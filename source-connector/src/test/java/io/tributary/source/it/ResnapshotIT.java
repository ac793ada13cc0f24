package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Re-snapshots while the connector runs (issue 14): polling goes on during a re-snapshot, a periodic
 * refresh makes new generations of the matching tables only, and a keys-only refresh sends key marks.
 */
@DevStackTest
class ResnapshotIT {

    private static void table(PostgresServer postgres, String name, int rows) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + name);
            s.execute("CREATE TABLE " + name + " (id int PRIMARY KEY, v text, updated_at timestamptz NOT NULL DEFAULT now())");
            // rows written over the last hours, one a second: the start point is the newest row's stamp
            s.execute("INSERT INTO " + name + " (id, v, updated_at) SELECT g, 'v' || g, now() - interval '1 day' + g * interval '1 second'"
                    + " FROM generate_series(1, " + rows + ") g");
        }
    }

    private static List<JsonNode> plans(SourceConnectorHarness harness, String prefix, String table) {
        return harness.ledger(prefix).stream().filter(e -> e.path("event").asText().equals("plan") && e.path("table").asText().equals(table))
                .toList();
    }

    @Test
    void updatesDuringAReSnapshotArriveBeforeItsChunksAreDone(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        table(postgres, "busy", 12_000);
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "busy";
        try {
            harness.create(prefix, SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                    with("tasks.max", "2", "table.include.list", "public\\.busy", "cursor.columns", ".*:updated_at",
                            "incremental.lag.ms", "0", "snapshot.chunk.rows", "1000", "batch.max.rows", "100",
                            "snapshot.max.rows.per.second", "600")), 2);
            harness.awaitChunksDone(prefix, "public.busy", 12, Duration.ofMinutes(2));
            harness.awaitOffset(prefix, e -> e.path("partition").path("kind").asText().equals("incremental"), Duration.ofMinutes(1));

            harness.resnapshot(prefix, "public.busy");
            String secondPlan = awaitSecondPlan(harness, prefix, "public.busy").path("plan_id").asText();
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE busy SET v = 'during the re-snapshot', updated_at = clock_timestamp() WHERE id IN (5, 11990)");
            }
            Set<Integer> updated = new HashSet<>();
            harness.readRows(prefix + ".public.busy", () -> updated.size() == 2, Duration.ofMinutes(1), row -> {
                if ("u".equals(row.header("tributary.op")) && "during the re-snapshot".equals(row.value().path("v").asText())) {
                    updated.add(row.key().path("id").asInt());
                }
            });
            long doneOfSecondPlan = harness.chunksDone(prefix, "public.busy").stream()
                    .filter(e -> e.path("plan_id").asText().equals(secondPlan)).count();
            assertTrue(doneOfSecondPlan < 12, "the updates arrived by polling while the re-snapshot's chunks were read ("
                    + doneOfSecondPlan + " of 12 done)");
        } finally {
            harness.delete(prefix);
        }
    }

    @Test
    void aPeriodicRefreshMakesNewGenerationsOfTheMatchingTablesOnly(KafkaConnectCluster cluster, PostgresServer postgres)
            throws Exception {
        table(postgres, "refreshed", 500);
        table(postgres, "untouched", 500);
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "refresh";
        try {
            harness.create(prefix, SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                    with("tasks.max", "2", "table.include.list", "public\\.(refreshed|untouched)", "cursor.columns", ".*:updated_at",
                            "snapshot.chunk.rows", "200", "snapshot.refresh.tables", "public\\.refreshed",
                            "snapshot.refresh.interval.ms", "4000")), 2);
            harness.awaitChunksDone(prefix, "public.untouched", 3, Duration.ofMinutes(1));
            List<JsonNode> refreshed = awaitPlans(harness, prefix, "public.refreshed", 3);
            List<Long> generations = refreshed.stream().map(e -> e.path("generation").asLong()).toList();
            for (int i = 1; i < generations.size(); i++) {
                assertTrue(generations.get(i) > generations.get(i - 1), "generations grow: " + generations);
            }
            assertEquals(1, plans(harness, prefix, "public.untouched").size(), "the other table keeps its one plan");
            long rowsOfLast = harness.chunksDone(prefix, "public.refreshed").stream()
                    .filter(e -> e.path("plan_id").asText().equals(refreshed.get(1).path("plan_id").asText()))
                    .mapToLong(e -> e.path("rows").asLong()).sum();
            assertEquals(500, rowsOfLast, "a refresh reads the whole table again");
        } finally {
            harness.delete(prefix);
        }
    }

    @Test
    void aKeysOnlyRefreshSendsKeyMarksAndItsMarkersSaySo(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        table(postgres, "keyed", 400);
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "keys";
        try {
            harness.create(prefix, SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                    with("tasks.max", "2", "table.include.list", "public\\.keyed", "cursor.columns", ".*:updated_at",
                            "snapshot.chunk.rows", "150", "snapshot.refresh.tables", "public\\.keyed",
                            "snapshot.refresh.interval.ms", "3000", "snapshot.refresh.mode", "keys",
                            "snapshot.end.markers", "true", "kafka.bootstrap.servers", cluster.bootstrapServers())), 2);
            List<JsonNode> plans = awaitPlans(harness, prefix, "public.keyed", 2);
            assertEquals("full", plans.get(0).path("mode").asText(), "the first snapshot reads whole rows");
            assertEquals("keys", plans.get(1).path("mode").asText());
            long keysGeneration = plans.get(1).path("generation").asLong();
            Set<Integer> marked = new HashSet<>();
            List<String> markerModes = new ArrayList<>();
            harness.readRows(prefix + ".public.keyed", () -> marked.size() == 400 && !markerModes.isEmpty(), Duration.ofMinutes(2),
                    row -> {
                        String generation = row.header("tributary.generation");
                        if (generation == null || Long.parseLong(generation) != keysGeneration) {
                            return;
                        }
                        if ("k".equals(row.header("tributary.op"))) {
                            marked.add(row.key().path("id").asInt());
                            assertEquals(row.key().path("id").asInt(), row.value().path("id").asInt(), "the value holds the key");
                            assertTrue(row.value().path("v").isNull() && row.value().path("updated_at").isNull(),
                                    "and nothing else: " + row.value());
                            assertNull(row.header("tributary.position"), "a key mark has no position");
                        } else if ("e".equals(row.header("tributary.op"))) {
                            markerModes.add(row.header("tributary.generation.mode"));
                        }
                    });
            assertEquals(400, marked.size(), "every key marked");
            assertEquals("keys", markerModes.get(0));
        } finally {
            harness.delete(prefix);
        }
    }

    private static JsonNode awaitSecondPlan(SourceConnectorHarness harness, String prefix, String table) throws InterruptedException {
        return awaitPlans(harness, prefix, table, 2).get(1);
    }

    private static List<JsonNode> awaitPlans(SourceConnectorHarness harness, String prefix, String table, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            List<JsonNode> plans = plans(harness, prefix, table);
            if (plans.size() >= count) {
                return plans;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(plans.size() + " plan(s) of " + table + ", not " + count + ": " + plans);
            }
            Thread.sleep(500);
        }
    }
}
