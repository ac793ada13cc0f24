package io.tributary.devstack.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress is the sum of the ledger's events: a chunk reported twice counts once. */
class LedgerProgressTest {

    @Test
    void sumsDoneChunksOnceAndFinishesWhenAllAreDone() {
        try (LedgerProgress progress = new LedgerProgress("127.0.0.1:1", "__tributary_ledger.t")) {
            progress.apply(wrapped("{\"event\":\"plan\",\"table\":\"shop.orders\",\"chunks\":2,\"estimated_rows\":300,"
                    + "\"planned_at\":\"2024-01-01T00:00:00Z\"}"));
            progress.apply(wrapped(done(0, 100, "2024-01-01T00:00:01Z", "2024-01-01T00:00:02Z")));
            progress.apply(wrapped(done(0, 100, "2024-01-01T00:00:01Z", "2024-01-01T00:00:02Z"))); // redelivered
            assertFalse(progress.allFinished(1));
            LedgerProgress.TableProgress orders = tables(progress).get(0);
            assertEquals(1, orders.chunksDone());
            assertEquals(100, orders.rows());
            assertEquals(300, orders.estimatedRows());

            progress.apply(done(1, 150, "2024-01-01T00:00:02Z", "2024-01-01T00:00:04Z").getBytes(StandardCharsets.UTF_8));
            assertTrue(progress.allFinished(1));
            assertFalse(progress.allFinished(2), "a second table is not planned yet");
            orders = tables(progress).get(0);
            assertEquals(250, orders.rows());
            assertEquals(250 / 3.0, orders.rowsPerSecond(), 0.01, "rows over first start to last finish");
            assertEquals(0, orders.etaSeconds());
            assertTrue(Terminal.bar(orders).contains("2/2"), Terminal.bar(orders));
        }
    }

    private static List<LedgerProgress.TableProgress> tables(LedgerProgress progress) {
        return progress.tables();
    }

    private static String done(int chunk, long rows, String started, String finished) {
        return "{\"event\":\"chunk_done\",\"table\":\"shop.orders\",\"chunk\":" + chunk + ",\"of\":2,\"rows\":" + rows
                + ",\"millis\":1000,\"started_at\":\"" + started + "\",\"finished_at\":\"" + finished + "\"}";
    }

    /** As the worker's JsonConverter (schemas on) writes a string value. */
    private static byte[] wrapped(String event) {
        return ("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":"
                + new com.fasterxml.jackson.databind.node.TextNode(event) + "}").getBytes(StandardCharsets.UTF_8);
    }
}
