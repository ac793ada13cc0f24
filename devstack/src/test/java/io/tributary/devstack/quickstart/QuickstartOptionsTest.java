package io.tributary.devstack.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {

    @Test
    void defaultsAndFlags() {
        QuickstartOptions defaults = QuickstartOptions.parse("--plugin-path", "/a,/b");
        assertEquals(1_000_000, defaults.rows());
        assertEquals(2, defaults.tasks());
        assertEquals(8083, defaults.connectPort());
        assertEquals(QuickstartOptions.Destination.DUCKDB, defaults.destination());
        assertEquals(2, defaults.pluginPath().size());
        assertTrue(!defaults.log() && defaults.sourceTasks() == 2, "cursor mode by default");

        QuickstartOptions set = QuickstartOptions.parse("--rows", "20_000", "--tasks", "3", "--destination", "Postgres",
                "--keep-data", "--exit-when-synced", "--work-dir", "/tmp/x", "--plugin-path", "/a");
        assertEquals(20_000, set.rows());
        assertEquals(3, set.tasks());
        assertEquals(QuickstartOptions.Destination.POSTGRES, set.destination());
        assertTrue(set.keepData() && set.exitWhenSynced());
        assertEquals(Path.of("/tmp/x"), set.workDir());

        QuickstartOptions log = QuickstartOptions.parse("--log", "--tasks", "2", "--plugin-path", "/a");
        assertTrue(log.log());
        assertEquals(3, log.sourceTasks(), "two chunk readers and the stream");
    }

    @Test
    void badFlagsExplainTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuickstartOptions.parse("--destination", "oracle", "--plugin-path", "/a"));
        assertTrue(e.getMessage().contains("duckdb or postgres") && e.getMessage().contains("usage:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuickstartOptions.parse("--rowz", "1"));
        assertThrows(IllegalArgumentException.class, () -> new SampleDataset(100), "at least 1000 rows");
    }
}
