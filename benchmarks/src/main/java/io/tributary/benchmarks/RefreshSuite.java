package io.tributary.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Re-snapshots of a running table (issue 14): a full re-snapshot (every column of every row read
 * again) next to a keys-only refresh (only the key columns, which the primary key's index serves),
 * both started the same way, by the periodic setting ({@code snapshot.refresh.tables}) on a connector
 * that already holds the table, and timed from that config change until every chunk of the new
 * generation is done, with the source's block accesses to the table meanwhile (heap and index, from
 * {@code pg_statio_user_tables}: hits and reads, in MB of 8 KB blocks).
 */
final class RefreshSuite {

    private static final String SUITE = "refresh";
    static final String READ_MB = "source_read_mb";
    private static final String CONNECTOR = "refresh";

    private final BenchStack stack;
    private final int repeat;

    RefreshSuite(BenchStack stack, int repeat) {
        this.stack = stack;
        this.repeat = repeat;
    }

    void run(long rows) throws Exception {
        SnapshotSuite.load(stack, rows);
        try (Connection c = stack.postgres.connect(); Statement s = c.createStatement()) {
            // a cursor column is indexed where polling it matters: polls and the start point read the index, not the table
            s.execute("CREATE INDEX bench_updated_at ON bench (updated_at)");
            s.execute("VACUUM ANALYZE bench");
        }
        String topic = CONNECTOR + rows + ".public.bench";
        String name = CONNECTOR + rows;
        ConnectRestClient rest = stack.cluster.rest();
        rest.putConnector(name, config(rows, name, "full", false));
        stack.awaitRecords(name, topic, rows, System.nanoTime());
        awaitGenerationDone(rest, name, "");
        try {
            for (String mode : List.of("full", "keys")) {
                String run = mode.equals("full") ? "Tributary source, full re-snapshot, 1 task" : "Tributary source, keys-only refresh, 1 task";
                stack.measure(SUITE, run, rows, repeat, true, i -> refresh(rest, name, rows, mode));
            }
        } finally {
            rest.deleteConnector(name);
            stack.deleteTopics(Set.of(topic, "__tributary_ledger." + name));
        }
    }

    /** @param refresh whether the table is refreshed periodically (every 5 s once its last snapshot is done) */
    private Map<String, String> config(long rows, String name, String mode, boolean refresh) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tributary.source.ChunkedJdbcSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", stack.postgres.jdbcUrl());
        config.put("connection.user", stack.postgres.user());
        config.put("connection.password", stack.postgres.password());
        config.put("topic.prefix", name);
        config.put("table.include.list", "public\\.bench");
        config.put("cursor.columns", "public\\.bench:updated_at");
        config.put("snapshot.chunk.rows", Long.toString(Math.max(10_000, Math.min(100_000, rows / 40))));
        config.put("batch.max.rows", "5000");
        config.put("table.monitor.interval.ms", "1000");
        config.put("snapshot.end.markers", "true");
        config.put("kafka.bootstrap.servers", stack.cluster.bootstrapServers());
        config.put("snapshot.refresh.mode", mode);
        if (refresh) {
            config.put("snapshot.refresh.tables", "public\\.bench");
            config.put("snapshot.refresh.interval.ms", "5000");
        }
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("producer.override.linger.ms", "20");
        config.put("producer.override.batch.size", "262144");
        return config;
    }

    /**
     * One refresh: the periodic setting turned on (the table's last plan is older than its 5 s), timed
     * until the new generation's chunks are done, then turned off again before another one starts.
     */
    private double refresh(ConnectRestClient rest, String name, long rows, String mode) throws Exception {
        String before = planId(rest, name);
        long blocks = blocksRead();
        long started = System.nanoTime();
        rest.putConnector(name, config(rows, name, mode, true));
        awaitGenerationDone(rest, name, before);
        double seconds = (System.nanoTime() - started) / 1e9;
        rest.putConnector(name, config(rows, name, mode, false));
        stack.note(READ_MB, (blocksRead() - blocks) * 8192.0 / (1 << 20));
        return seconds;
    }

    /** Waits until the table has a plan other than {@code before} whose every chunk is done. */
    private static void awaitGenerationDone(ConnectRestClient rest, String name, String before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
        while (true) {
            JsonNode offsets = rest.offsets(name).path("offsets");
            String plan = "";
            int chunks = -1;
            for (JsonNode entry : offsets) {
                if ("plan".equals(entry.path("partition").path("kind").asText())) {
                    plan = entry.path("offset").path("plan_id").asText("");
                    chunks = chunkCount(entry.path("offset").path("boundaries").asText("[]"));
                }
            }
            if (!plan.isEmpty() && !plan.equals(before) && chunks >= 0 && doneChunks(offsets, plan) >= chunks) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": the re-snapshot did not finish in 60 minutes");
            }
            rest.assertNotFailed(name);
            Thread.sleep(250);
        }
    }

    /** A plan's chunks: its boundaries (a JSON array in a string) plus one. */
    private static int chunkCount(String boundaries) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(boundaries).size() + 1;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable plan boundaries: " + boundaries, e);
        }
    }

    private static int doneChunks(JsonNode offsets, String plan) {
        int done = 0;
        for (JsonNode entry : offsets) {
            JsonNode offset = entry.path("offset");
            if ("chunk".equals(entry.path("partition").path("kind").asText()) && plan.equals(offset.path("plan_id").asText())
                    && offset.path("done").asBoolean()) {
                done++;
            }
        }
        return done;
    }

    private static String planId(ConnectRestClient rest, String name) {
        JsonNode partition = planPartition(rest, name);
        for (JsonNode entry : rest.offsets(name).path("offsets")) {
            if (entry.path("partition").equals(partition)) {
                return entry.path("offset").path("plan_id").asText("");
            }
        }
        return "";
    }

    private static JsonNode planPartition(ConnectRestClient rest, String name) {
        for (JsonNode entry : rest.offsets(name).path("offsets")) {
            if ("plan".equals(entry.path("partition").path("kind").asText())) {
                return entry.path("partition");
            }
        }
        throw new IllegalStateException(name + " has no plan in its offsets");
    }

    /**
     * Blocks of table bench and its indexes the server read or found in its buffers, since it started,
     * once the count has settled (a backend reports its counts when it goes idle, within a second).
     */
    private long blocksRead() throws Exception {
        long last = blocksReported();
        for (int i = 0; i < 10; i++) {
            Thread.sleep(1_000);
            long now = blocksReported();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private long blocksReported() throws SQLException {
        try (Connection c = stack.postgres.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rs = s.executeQuery("SELECT coalesce(heap_blks_read, 0) + coalesce(heap_blks_hit, 0) + coalesce(idx_blks_read, 0)"
                    + " + coalesce(idx_blks_hit, 0) FROM pg_statio_user_tables WHERE relname = 'bench'")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
