package io.tributary.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapMeterTest {

    private static final String BEFORE = """
            [0.512s][info][gc] Using G1
            [3.101s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 900M->700M(2048M) 4.1ms
            [4.000s][info][gc] GC(1) Pause Full (System.gc()) 650M->60M(2048M) 80.2ms
            """;
    private static final String RUN = """
            [5.200s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(2048M) 3.4ms
            [6.900s][info][gc] GC(3) Pause Young (Concurrent Start) (G1 Humongous Allocation) 610M->415M(2048M) 9.0ms
            [7.000s][info][gc] GC(4) Concurrent Mark Cycle 35.1ms
            [8.100s][info][gc] GC(5) Pause Young (Normal) (G1 Evacuation Pause) 512M->230M(2048M) 3.0ms
            """;

    @Test
    void thePeakLiveHeapIsTheLargestHeapAfterACollectionOfTheRunOnly(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, BEFORE + RUN);

        assertEquals(415, HeapMeter.peakAfterGcMb(log, BEFORE.length()));
        assertEquals(610, HeapMeter.gcLogPeaks(log, BEFORE.length())[0], "the fullest heap a collection found");
        assertEquals(700, HeapMeter.peakAfterGcMb(log, 0), "a forced System.gc() is left out, earlier collections count from 0");
    }

    @Test
    void aRunWithoutACollectionHasNoLiveFigure(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, BEFORE);

        assertEquals(-1, HeapMeter.peakAfterGcMb(log, BEFORE.length()));
        assertEquals(-1, HeapMeter.peakAfterGcMb(dir.resolve("missing.log"), 0));
    }
}
