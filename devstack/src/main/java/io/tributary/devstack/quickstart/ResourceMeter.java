package io.tributary.devstack.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Samples, once a second, the resident memory (VmRSS, Linux) of every process of the stack: this
 * JVM, its child JVMs (broker, Connect worker) and the PostgreSQL server with its backends, and
 * keeps the peak. PostgreSQL's shared buffers count once per backend that touched them, so the sum
 * overstates a little, never understates.
 */
public final class ResourceMeter implements AutoCloseable {

    private final LongSupplier postgresPid;
    private final AtomicLong peakKb = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param postgresPid the postmaster's pid, or 0 while unknown */
    public ResourceMeter(LongSupplier postgresPid) {
        this.postgresPid = postgresPid;
        this.thread = new Thread(this::run, "quickstart-rss");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every pid of the stack now. */
    public Set<Long> pids() {
        Set<Long> pids = new LinkedHashSet<>();
        ProcessHandle self = ProcessHandle.current();
        pids.add(self.pid());
        self.descendants().forEach(p -> pids.add(p.pid()));
        long pg = postgresPid.getAsLong();
        if (pg > 0) {
            ProcessHandle.of(pg).ifPresent(p -> {
                pids.add(p.pid());
                p.descendants().forEach(d -> pids.add(d.pid()));
            });
        }
        return pids;
    }

    /** The current sum of VmRSS of the stack, in kB. */
    public long currentKb() {
        return pids().stream().mapToLong(ResourceMeter::rssKb).sum();
    }

    public long peakMb() {
        return peakKb.get() / 1024;
    }

    private void run() {
        while (running) {
            long now = currentKb();
            peakKb.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static long rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0; // gone, or not Linux
        }
    }

    /** The postmaster's pid from {@code postmaster.pid} in a data folder, or 0. */
    public static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
