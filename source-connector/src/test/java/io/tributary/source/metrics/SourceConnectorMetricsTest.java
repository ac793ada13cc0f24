package io.tributary.source.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SourceConnectorMetricsTest {

    @Test
    void failedTablesAreReadableOverJmxUntilTheConnectorStops() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = SourceConnectorMetrics.objectName("shop-source");
        try (SourceConnectorMetrics metrics = new SourceConnectorMetrics("shop-source")) {
            assertTrue(server.isRegistered(name));
            assertEquals(0, server.getAttribute(name, "FailedTableCount"));

            assertTrue(metrics.tableFailed("public.b", "key column k (_int4) cannot be a key"), "a new failure is reported");
            assertFalse(metrics.tableFailed("public.b", "key column k (_int4) cannot be a key"), "the same failure once only");
            assertTrue(metrics.tableFailed("public.a", "no cursor column 'x' in the table"));
            assertArrayEquals(new String[] {"public.a: no cursor column 'x' in the table", "public.b: key column k (_int4) cannot be a key"},
                    (String[]) server.getAttribute(name, "FailedTables"));

            assertTrue(metrics.tableFailed("public.b", "another reason"), "a changed reason is reported again");
            assertTrue(metrics.tablePlanned("public.a"), "a fixed table recovers");
            assertFalse(metrics.tablePlanned("public.c"));
            metrics.retainTables(List.of("public.a"));
            assertEquals(0, server.getAttribute(name, "FailedTableCount"), "a table that no longer matches is forgotten");
        }
        assertFalse(server.isRegistered(name), "stopping the connector unregisters its metrics");
    }
}
