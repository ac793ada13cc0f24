package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.TopicReader;
import io.tributary.devstack.junit.DevStackTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * End-of-snapshot markers (issue 14): a table read in chunks by two tasks into a 3-partition topic gets
 * one marker per partition after every snapshot row of that partition; a re-snapshot by the documented
 * offsets procedure is a new generation with a greater number and markers of its own.
 */
@DevStackTest
class EndMarkersIT {

    private static final int ROWS = 3_000;

    /** A record of the topic: partition, offset and the headers we check. */
    private record Seen(int partition, long offset, String op, Long generation, String start, String partitions, String mode) {
    }

    @Test
    void everyPartitionGetsOneMarkerPerGenerationAfterItsRows(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS marked");
            s.execute("CREATE TABLE marked (id int PRIMARY KEY, v text, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO marked (id, v) SELECT g, 'v' || g FROM generate_series(1, " + ROWS + ") g");
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String prefix = "marks";
        String topic = prefix + ".public.marked";
        try {
            harness.create(prefix, SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                    with("tasks.max", "2", "table.include.list", "public\\.marked", "cursor.columns", ".*:updated_at",
                            "snapshot.chunk.rows", "500", "topic.creation.default.partitions", "3",
                            "snapshot.end.markers", "true", "kafka.bootstrap.servers", cluster.bootstrapServers())), 2);

            List<Seen> first = awaitMarkers(cluster, topic, 3);
            long g1 = first.stream().filter(r -> "e".equals(r.op())).findFirst().orElseThrow().generation();
            assertMarkedAfterRows(first, g1, ROWS);
            // the markers' offset is committed: they are not sent again
            harness.awaitOffset(prefix, e -> e.path("partition").path("kind").asText().equals("generation")
                    && e.path("offset").path("ended").asBoolean(), Duration.ofMinutes(1));

            harness.resnapshot(prefix, "public.marked");
            List<Seen> all = awaitMarkers(cluster, topic, 6);
            TreeSet<Long> generations = new TreeSet<>();
            all.stream().filter(r -> "e".equals(r.op())).forEach(r -> generations.add(r.generation()));
            assertEquals(2, generations.size(), "two generations marked: " + generations);
            long g2 = generations.last();
            assertTrue(g2 > g1, "the re-snapshot's generation is greater: " + g1 + " then " + g2);
            assertMarkedAfterRows(all, g1, ROWS);
            assertMarkedAfterRows(all, g2, ROWS);
            assertEquals(1, harness.ledger(prefix).stream().filter(e -> e.path("event").asText().equals("snapshot_end")
                    && e.path("generation").asLong() == g2).count(), "the ledger shows the end of the generation");
        } finally {
            harness.delete(prefix);
        }
    }

    /** Every record of the topic once it holds {@code markers} end-of-snapshot records. */
    private static List<Seen> awaitMarkers(KafkaConnectCluster cluster, String topic, int markers) {
        List<Seen> seen = new ArrayList<>();
        new TopicReader(cluster.bootstrapServers()).read(topic, record -> seen.add(seen(record)),
                () -> seen.stream().filter(r -> "e".equals(r.op())).count() >= markers, Duration.ofMinutes(2));
        return seen;
    }

    /**
     * Each of the topic's 3 partitions holds exactly one marker of {@code generation}, with the contract's headers,
     * after every snapshot row of that generation in the partition; the rows of the generation add up to {@code rows}.
     */
    private static void assertMarkedAfterRows(List<Seen> records, long generation, int rows) {
        Map<Integer, List<Seen>> markers = new TreeMap<>();
        records.stream().filter(r -> "e".equals(r.op()) && r.generation() == generation)
                .forEach(r -> markers.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
        assertEquals(List.of(0, 1, 2), List.copyOf(markers.keySet()), "a marker in every partition: " + markers);
        long read = 0;
        for (Map.Entry<Integer, List<Seen>> entry : markers.entrySet()) {
            assertEquals(1, entry.getValue().size(), "exactly one marker of generation " + generation + " in partition " + entry.getKey());
            Seen marker = entry.getValue().get(0);
            assertEquals("3", marker.partitions());
            assertEquals("full", marker.mode());
            assertTrue(marker.start() != null && Long.parseLong(marker.start()) > 0, "the start point (epoch microseconds): " + marker);
            List<Seen> snapshotRows = records.stream().filter(r -> r.partition() == entry.getKey() && "r".equals(r.op())
                    && r.generation() != null && r.generation() == generation).toList();
            assertTrue(!snapshotRows.isEmpty(), "partition " + entry.getKey() + " holds rows of the generation");
            assertTrue(snapshotRows.stream().allMatch(r -> r.offset() < marker.offset()),
                    "every snapshot row of the partition comes before its marker");
            read += snapshotRows.size();
        }
        assertTrue(read >= rows, "the generation's rows: " + read);
    }

    private static Seen seen(ConsumerRecord<byte[], byte[]> record) {
        String generation = header(record, "tributary.generation");
        return new Seen(record.partition(), record.offset(), header(record, "tributary.op"),
                generation == null ? null : Long.valueOf(generation), header(record, "tributary.generation.start"),
                header(record, "tributary.generation.partitions"), header(record, "tributary.generation.mode"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
