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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Log mode (issue 14): the snapshot's rows and the log's events carry the table's generation, and the
 * generation's end-of-snapshot markers, one per partition after its rows, start at the plan's log start.
 */
@DevStackTest
class LogModeMarkersIT {

    @Test
    void logModeRecordsCarryTheGenerationAndItsMarkersTheLogStart(KafkaConnectCluster cluster, PostgresServer postgres)
            throws Exception {
        sql(postgres, "DROP TABLE IF EXISTS log_marked", "CREATE TABLE log_marked (id int PRIMARY KEY, v text)",
                "INSERT INTO log_marked SELECT g, 'v' || g FROM generate_series(1, 600) g");
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "logmarks";
        try {
            harness.create(prefix, SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                    with("tasks.max", "2", "table.include.list", "public\\.log_marked", "incremental.method", "log",
                            "log.heartbeat.interval.ms", "1000", "snapshot.chunk.rows", "200", "topic.creation.default.partitions", "3",
                            "snapshot.end.markers", "true", "kafka.bootstrap.servers", cluster.bootstrapServers())), 2);
            Map<Integer, Long> markerOffsets = new HashMap<>();
            Map<Integer, Long> lastRowOffsets = new HashMap<>();
            String[] generation = {null};
            String[] start = {null};
            harness.readRows(prefix + ".public.log_marked", () -> markerOffsets.size() == 3, Duration.ofMinutes(2), row -> {
                int partition = row.record().partition();
                if ("e".equals(row.header("tributary.op"))) {
                    markerOffsets.put(partition, row.record().offset());
                    generation[0] = row.header("tributary.generation");
                    start[0] = row.header("tributary.generation.start");
                    assertEquals("full", row.header("tributary.generation.mode"));
                } else if ("r".equals(row.header("tributary.op"))) {
                    lastRowOffsets.merge(partition, row.record().offset(), Math::max);
                    assertTrue(row.header("tributary.generation") != null, "a snapshot row carries its generation");
                }
            });
            markerOffsets.forEach((partition, offset) -> assertTrue(lastRowOffsets.getOrDefault(partition, -1L) < offset,
                    "partition " + partition + ": the marker after the generation's rows"));
            long logStart = 0;
            for (JsonNode e : harness.rest().offsets(prefix).path("offsets")) {
                if (e.path("partition").path("kind").asText().equals("plan")) {
                    logStart = e.path("offset").path("log_position").asLong();
                }
            }
            assertEquals(Long.toString(logStart), start[0], "a log-mode generation starts at its log start");

            sql(postgres, "INSERT INTO log_marked VALUES (601, 'from the log')");
            String[] eventGeneration = {null};
            harness.readRows(prefix + ".public.log_marked", () -> eventGeneration[0] != null, Duration.ofMinutes(1), row -> {
                if ("c".equals(row.header("tributary.op"))) {
                    eventGeneration[0] = row.header("tributary.generation");
                }
            });
            assertEquals(generation[0], eventGeneration[0], "log events carry the table's generation");
        } finally {
            harness.delete(prefix);
            dropSlot(postgres, "tributary_" + prefix);
        }
    }

    private static void dropSlot(PostgresServer postgres, String slot) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = postgres.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        sql(postgres, "SELECT pg_drop_replication_slot('" + slot + "') FROM pg_replication_slots WHERE slot_name = '" + slot + "'",
                "DROP PUBLICATION IF EXISTS " + slot);
    }

    private static void sql(PostgresServer postgres, String... statements) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
