package io.tributary.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency of incremental changes: a steady stream of single-row updates committed to
 * PostgreSQL, read by the Tributary source (cursor polling, or the WAL in log mode), merged by the Tributary sink into a
 * PostgreSQL warehouse; each update's delay is from its commit (as the writer saw it) to the moment
 * a watcher polling the warehouse every 20 ms first sees it. Reported per repetition: p50 and p99.
 */
final class LatencySuite {

    private static final String SUITE = "latency";

    /** A named set of connector settings to measure. */
    record Setting(String name, Map<String, String> source, Map<String, String> sink) {
    }

    static List<Setting> settings() {
        return List.of(
                new Setting("tuned for latency: poll.interval.ms=200, incremental.lag.ms=200, flush.interval.ms=500",
                        Map.of("poll.interval.ms", "200", "incremental.lag.ms", "200"), Map.of("flush.interval.ms", "500")),
                new Setting("source defaults (poll 5 s, lag 2 s), flush.interval.ms=5000",
                        Map.of(), Map.of("flush.interval.ms", "5000")),
                new Setting("log mode, source defaults, flush.interval.ms=500",
                        Map.of("incremental.method", "log"), Map.of("flush.interval.ms", "500")),
                new Setting("log mode, source defaults, flush.interval.ms=5000",
                        Map.of("incremental.method", "log"), Map.of("flush.interval.ms", "5000")));
    }

    private final BenchStack stack;
    private final int repeat;
    private final int perSecond;
    private final int seconds;

    /** Rows updated round robin: enough that a row is not updated again before its last update arrived (60 s at the rate). */
    private final int tableRows;

    LatencySuite(BenchStack stack, int repeat, int perSecond, int seconds) {
        this.tableRows = Math.max(1000, perSecond * 60);
        this.stack = stack;
        this.repeat = repeat;
        this.perSecond = perSecond;
        this.seconds = seconds;
    }

    void run() throws Exception {
        int n = 0;
        for (Setting setting : settings()) {
            run(setting, "lat" + n++);
        }
    }

    private void run(Setting setting, String name) throws Exception {
        try (Connection c = stack.postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + name);
            s.execute("CREATE TABLE " + name + " (id int PRIMARY KEY, seq bigint NOT NULL, changed_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            s.execute("INSERT INTO " + name + " (id, seq) SELECT g, 0 FROM generate_series(1, " + tableRows + ") g");
        }
        Map<String, String> source = new HashMap<>();
        source.put("connector.class", "io.tributary.source.ChunkedJdbcSourceConnector");
        source.put("tasks.max", "1");
        source.put("connection.url", stack.postgres.jdbcUrl());
        source.put("connection.user", stack.postgres.user());
        source.put("connection.password", stack.postgres.password());
        source.put("topic.prefix", name);
        source.put("table.include.list", "public\\." + name);
        boolean log = "log".equals(setting.source().get("incremental.method"));
        if (!log) {
            source.put("cursor.columns", "public\\." + name + ":changed_at");
        }
        source.put("topic.creation.default.replication.factor", "1");
        source.put("topic.creation.default.partitions", "1");
        source.putAll(setting.source());
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "io.tributary.sink.WarehouseSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", name + ".public." + name);
        sink.put("destination", "postgres");
        sink.put("warehouse.url", stack.postgres.jdbcUrl("warehouse"));
        sink.put("warehouse.user", stack.postgres.user());
        sink.put("warehouse.password", stack.postgres.password());
        sink.put("warehouse.schema", name);
        sink.putAll(stack.s3.sinkStagingConfig(name));
        sink.put("consumer.override.auto.offset.reset", "earliest");
        sink.putAll(setting.sink());
        stack.cluster.rest().putConnector(name + "-source", source);
        stack.cluster.rest().putConnector(name + "-sink", sink);
        String warehouseTable = name + ".public_" + name; // table.name.format's default, ${schema}_${table}
        awaitRows(warehouseTable);
        long warmUp = System.nanoTime();
        warmUp(name, warehouseTable);
        System.out.printf("latency %s: snapshot in the warehouse; first incremental change arrived after %d ms%n", name,
                (System.nanoTime() - warmUp) / 1_000_000);

        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        for (String metric : List.of(Results.P50, Results.P99, Results.SAMPLES, Results.PEAK_HEAP, Results.LIVE_HEAP)) {
            metrics.put(metric, new ArrayList<>());
        }
        long seqBase = 0;
        for (int i = 0; i < repeat; i++) {
            HeapMeter heap = HeapMeter.start(stack.worker());
            double[] latencies = measure(name, warehouseTable, seqBase);
            HeapMeter.Reading reading = heap.stop();
            seqBase += latencies.length;
            Arrays.sort(latencies);
            double p50 = latencies[latencies.length / 2];
            double p99 = latencies[(int) Math.ceil(latencies.length * 0.99) - 1];
            metrics.get(Results.P50).add(p50);
            metrics.get(Results.P99).add(p99);
            metrics.get(Results.SAMPLES).add((double) latencies.length);
            metrics.get(Results.PEAK_HEAP).add((double) reading.peakUsedMb());
            metrics.get(Results.LIVE_HEAP).add((double) reading.peakAfterGcMb());
            System.out.printf("  latency %s, repetition %d: %d updates, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", name, i + 1,
                    latencies.length, p50, p99, latencies[latencies.length - 1]);
        }
        stack.results.add(new Results.Result(SUITE, setting.name(), (long) perSecond * seconds, metrics));
        stack.cluster.rest().deleteConnector(name + "-source");
        stack.cluster.rest().deleteConnector(name + "-sink");
        if (log) {
            stack.dropSlotAndPublication("tributary_" + name);
        }
    }

    /** Commits {@code perSecond} updates a second for {@code seconds} s; returns each one's commit-to-visible delay in ms. */
    private double[] measure(String table, String warehouseTable, long seqBase) throws Exception {
        int count = perSecond * seconds;
        long[] committed = new long[count];
        long[] seen = new long[count];
        Thread watcher = new Thread(() -> watch(warehouseTable, seqBase, seen), "latency-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try (Connection c = stack.postgres.connect();
                PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET seq = ?, changed_at = clock_timestamp() WHERE id = ?")) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + TimeUnit.SECONDS.toNanos(1) * i / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long seq = seqBase + i + 1;
                update.setLong(1, seq);
                update.setInt(2, (int) (seq % tableRows) + 1);
                update.executeUpdate();
                committed[i] = System.nanoTime();
            }
        }
        watcher.join(TimeUnit.SECONDS.toMillis(120));
        watcher.interrupt();
        double[] latencies = new double[count];
        for (int i = 0; i < count; i++) {
            if (seen[i] == 0) {
                throw new IllegalStateException("update " + (seqBase + i + 1) + " of " + table + " never reached the warehouse");
            }
            latencies[i] = (seen[i] - committed[i]) / 1e6;
        }
        return latencies;
    }

    /** Polls the warehouse table every 20 ms and notes when each sequence number first shows. */
    private void watch(String warehouseTable, long seqBase, long[] seen) {
        int remaining = seen.length;
        long floor = seqBase;
        try (Connection c = stack.postgres.connect("warehouse");
                PreparedStatement query = c.prepareStatement("SELECT seq FROM " + warehouseTable + " WHERE seq > ?")) {
            while (remaining > 0 && !Thread.currentThread().isInterrupted()) {
                query.setLong(1, floor);
                try (ResultSet rs = query.executeQuery()) {
                    long now = System.nanoTime();
                    while (rs.next()) {
                        int index = (int) (rs.getLong(1) - seqBase - 1);
                        if (index >= 0 && index < seen.length && seen[index] == 0) {
                            seen[index] = now;
                            remaining--;
                        }
                    }
                }
                while (floor - seqBase < seen.length && seen[(int) (floor - seqBase)] != 0) {
                    floor++;
                }
                Thread.sleep(20);
            }
        } catch (SQLException | InterruptedException e) {
            // the run ends; unseen updates fail the measurement
        }
    }

    /** Steady state first: one update must have travelled the whole way before the measured ones start. */
    private void warmUp(String table, String warehouseTable) throws Exception {
        try (Connection c = stack.postgres.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + table + " SET seq = -1, changed_at = clock_timestamp() WHERE id = 1");
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Connection c = stack.postgres.connect("warehouse"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 1 FROM " + warehouseTable + " WHERE id = 1 AND seq = -1")) {
                if (rs.next()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the warm-up update of " + table + " did not reach the warehouse");
    }

    private void awaitRows(String table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Connection c = stack.postgres.connect("warehouse"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                if (rs.getLong(1) == tableRows) {
                    return;
                }
            } catch (SQLException notYet) {
                // not created yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(table + " did not receive the snapshot of " + tableRows + " rows");
    }
}
