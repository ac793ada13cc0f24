package io.tributary.benchmarks;

import io.tributary.devstack.ConnectWorker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Connect worker's heap during one run, from the worker's GC log (no sampling process that would
 * compete with the worker for the machine's cores): the peak used heap is the fullest heap any
 * collection found (or the heap in use at the end, if fuller), the peak heap after GC the largest heap
 * a collection left, which still counts old-generation garbage until G1 reclaims it. A full GC before
 * the run starts every run from the same baseline.
 */
final class HeapMeter {

    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** Peaks of one run in MB; -1 when unknown. */
    record Reading(long peakUsedMb, long peakAfterGcMb) {
    }

    private final ConnectWorker worker;
    private final long gcLogStart;

    private HeapMeter(ConnectWorker worker) {
        this.worker = worker;
        run("jcmd", Long.toString(worker.pid()), "GC.run");
        this.gcLogStart = length(worker.gcLogFile());
    }

    /** Starts measuring the worker's heap now. */
    static HeapMeter start(ConnectWorker worker) {
        return new HeapMeter(worker);
    }

    /** The peaks since the start. */
    Reading stop() {
        long[] peaks = gcLogPeaks(worker.gcLogFile(), gcLogStart);
        return new Reading(Math.max(peaks[0], usedNowMb()), peaks[1]);
    }

    /**
     * The largest heap after a collection in a unified GC log ({@code -Xlog:gc}: lines such as
     * {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(1024M) 3.4ms}), from byte
     * {@code from} on; collections forced with System.gc() (our baseline) are left out. -1 when none.
     */
    static long peakAfterGcMb(Path gcLog, long from) {
        return gcLogPeaks(gcLog, from)[1];
    }

    /** The largest heap before and after a collection, in MB, from byte {@code from} of the GC log; -1 when none. */
    static long[] gcLogPeaks(Path gcLog, long from) {
        long[] peaks = {-1, -1};
        try (RandomAccessFile log = new RandomAccessFile(gcLog.toFile(), "r")) {
            log.seek(from);
            String line;
            while ((line = log.readLine()) != null) {
                Matcher m = AFTER_GC.matcher(line);
                if (m.find() && !line.contains("System.gc()")) {
                    peaks[0] = Math.max(peaks[0], Long.parseLong(m.group(1)));
                    peaks[1] = Math.max(peaks[1], Long.parseLong(m.group(2)));
                }
            }
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
        return peaks;
    }

    /** The used heap now (young and old generations), from one jstat call; -1 when it fails. */
    private long usedNowMb() {
        try {
            Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(worker.pid())).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                String[] header = out.readLine().trim().split("\\s+", -1);
                String[] values = out.readLine().trim().split("\\s+", -1);
                double usedKb = 0;
                for (int i = 0; i < header.length; i++) {
                    if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                        usedKb += Double.parseDouble(values[i]);
                    }
                }
                return (long) (usedKb / 1024);
            } finally {
                jstat.waitFor();
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long length(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (a JDK tool; run the benchmarks with a JDK): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
