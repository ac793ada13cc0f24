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

/** A table created while the connector runs, and matching its include list, is planned and snapshot when found. */
@DevStackTest
class NewTableIT {

    @Test
    void aTableThatAppearsLaterIsSnapshot(KafkaConnectCluster cluster, PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS late_a, late_b");
            s.execute("CREATE TABLE late_a (id int PRIMARY KEY)");
            s.execute("INSERT INTO late_a SELECT generate_series(1, 1000)");
        }
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.create("late", SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), "late",
                    with("tasks.max", "2", "mode", "snapshot", "table.include.list", "public\\.late_.*", "snapshot.chunk.rows", "300")), 2);
            harness.awaitChunksDone("late", "public.late_a", 4, Duration.ofMinutes(1));

            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE late_b (id int PRIMARY KEY, v text)");
                s.execute("INSERT INTO late_b SELECT g, 'v' FROM generate_series(1, 1500) g");
            }
            harness.awaitChunksDone("late", "public.late_b", 5, Duration.ofMinutes(1));
            Set<Integer> ids = new HashSet<>();
            harness.readRows("late.public.late_b", () -> ids.size() >= 1500, Duration.ofMinutes(1), row -> ids.add(row.key().path("id").asInt()));
            assertEquals(1500, ids.size());
            assertEquals(4, harness.chunksDone("late", "public.late_a").size(), "the first table was not read again");
        } finally {
            harness.delete("late");
        }
    }
}
