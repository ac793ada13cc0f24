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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Connect worker's heap during one run, two ways: the peak used heap (jstat every 250 ms, young
 * and old generations: what the JVM had to hold, garbage included) and the peak live heap (the largest
 * heap left after a collection, from the worker's GC log: what the run really retained). A full GC
 * before the run starts from the same baseline each time.
 */
final class HeapMeter implements AutoCloseable {

    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final ConnectWorker worker;
    private final long gcLogStart;
    private final AtomicLong peakUsedKb = new AtomicLong();
    private final Thread sampler;

    private HeapMeter(ConnectWorker worker) {
        this.worker = worker;
        run("jcmd", Long.toString(worker.pid()), "GC.run");
        this.gcLogStart = length(worker.gcLogFile());
        this.sampler = new Thread(this::sample, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts measuring the worker's heap now. */
    static HeapMeter start(ConnectWorker worker) {
        return new HeapMeter(worker);
    }

    /** Peak used heap in MB since the start: the larger of the sampled peak and the fullest heap a collection found. */
    long peakUsedMb() {
        return Math.max(peakUsedKb.get() / 1024, gcLogPeaks(worker.gcLogFile(), gcLogStart)[0]);
    }

    /** Peak heap after a collection in MB since the start; -1 when no collection ran. */
    long peakLiveMb() {
        return peakAfterGcMb(worker.gcLogFile(), gcLogStart);
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

    @Override
    public void close() {
        sampler.interrupt();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(worker.pid())).redirectErrorStream(true).start();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                    String[] header = out.readLine().trim().split("\\s+");
                    String[] values = out.readLine().trim().split("\\s+");
                    double used = 0;
                    for (int i = 0; i < header.length; i++) {
                        if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                            used += Double.parseDouble(values[i]);
                        }
                    }
                    peakUsedKb.accumulateAndGet((long) used, Math::max);
                }
                jstat.waitFor();
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // this sample is skipped
            }
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
