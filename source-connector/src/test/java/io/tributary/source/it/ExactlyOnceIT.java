package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.TopicReader;
import io.tributary.devstack.junit.DevStackTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With exactly-once source support on the workers, a chunk's rows and its checkpoints commit in one
 * transaction: a restart in the middle of the snapshot leaves no duplicate for a read_committed consumer.
 */
@DevStackTest
class ExactlyOnceIT {

    private static final int ROWS = 30_000;

    @Test
    void restartMidSnapshotLeavesNoDuplicates(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS eos");
            s.execute("CREATE TABLE eos (id int PRIMARY KEY, v text)");
            s.execute("INSERT INTO eos SELECT g, 'v' || g FROM generate_series(1, " + ROWS + ") g");
        }
        try (KafkaConnectCluster cluster = KafkaConnectCluster.start(KafkaConnectCluster.options()
                .workers(1).workerHeap("512m").exactlyOnceSource(true)
                .pluginPath(List.of(Path.of(System.getProperty("tributary.plugin.path")))))) {
            SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
            String prefix = "eos";
            harness.create("eos", SourceConnectorHarness.config(postgres.jdbcUrl(), postgres.user(), postgres.password(), prefix,
                    with("tasks.max", "2", "mode", "snapshot", "table.include.list", "public\\.eos",
                            "snapshot.chunk.rows", "2000", "snapshot.max.rows.per.second", "3000",
                            "exactly.once.support", "required", "transaction.boundary", "connector")), 2);
            harness.awaitChunksDone(prefix, "public.eos", 3, Duration.ofMinutes(2));

            cluster.rest().restartConnector("eos", true);
            harness.awaitChunksDone(prefix, "public.eos", 15, Duration.ofMinutes(3));

            Map<Integer, Integer> copies = new HashMap<>();
            new TopicReader(cluster.bootstrapServers()).readCommitted().readAll(prefix + ".public.eos", Duration.ofMinutes(1))
                    .forEach(r -> copies.merge(SourceConnectorHarness.payload(r.key()).path("id").asInt(), 1, Integer::sum));
            assertEquals(ROWS, copies.size(), "every row arrived");
            copies.forEach((id, n) -> assertEquals(1, n, "row " + id + " was delivered " + n + " times"));
        }
    }
}
