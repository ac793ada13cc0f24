package io.tributary.source.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SourceTableMetricsTest {

    @Test
    void countersAreReadableOverJmxUntilClosed() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = SourceTableMetrics.objectName("orders-source", 2, "public.orders");
        try (SourceTableMetrics metrics = new SourceTableMetrics("orders-source", 2, "public.orders", 10, "snapshot")) {
            metrics.snapshotRead(5000, 500_000_000L);
            metrics.snapshotRead(5000, 500_000_000L);
            metrics.chunkDone();
            metrics.incrementalRead(7);

            assertTrue(server.isRegistered(name));
            assertEquals(10, server.getAttribute(name, "ChunksPlanned"));
            assertEquals(1, server.getAttribute(name, "ChunksDone"));
            assertEquals(10_007L, server.getAttribute(name, "RowsRead"));
            assertEquals(10_000.0, (Double) server.getAttribute(name, "SnapshotRowsPerSecond"), 0.001);
            assertEquals("snapshot", server.getAttribute(name, "Phase"));
            assertEquals(-1L, server.getAttribute(name, "RowsWithNullCursor"), "not counted yet");
            metrics.rowsWithNullCursor(12);
            assertEquals(12L, server.getAttribute(name, "RowsWithNullCursor"));
            metrics.rowsWithNullCursor(0);
            assertEquals(0L, server.getAttribute(name, "RowsWithNullCursor"), "the last count, not a sum");
        }
        assertFalse(server.isRegistered(name), "closing the task unregisters its metrics");
    }
}
