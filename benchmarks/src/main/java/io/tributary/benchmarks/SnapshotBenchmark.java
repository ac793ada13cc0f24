package io.tributary.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.TopicReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;

/**
 * Snapshot throughput of the Tributary source on this machine: a 10-column PostgreSQL table read
 * into Kafka with 1..N tasks, next to Debezium's PostgreSQL initial snapshot (same cluster, same
 * converter, its throughput settings set like ours) and the database's own limit, all measured in
 * the same run ({@code COPY (SELECT ...) TO STDOUT} into a null sink). Every run is timed until the
 * topic holds the table's row count, and checked: exactly one record per row, or the run fails.
 */
public final class SnapshotBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "3"));
        List<Integer> taskCounts = new ArrayList<>();
        for (String t : options.getOrDefault("tasks", "1,4").split(",")) {
            taskCounts.add(Integer.parseInt(t.trim()));
        }
        List<Path> pluginPath = new ArrayList<>(List.of(Path.of(options.get("plugin-path"))));
        boolean debezium = options.containsKey("debezium-plugin-path");
        if (debezium) {
            pluginPath.add(Path.of(options.get("debezium-plugin-path")));
        }

        try (PostgresServer postgres = PostgresServer.startWithLogicalReplication();
                KafkaConnectCluster cluster = KafkaConnectCluster.start(KafkaConnectCluster.options()
                        .workers(1).workerHeap("2g").pluginPath(pluginPath))) {
            load(postgres, rows);
            List<String> lines = new ArrayList<>();
            lines.add("| run | rows | min s | median s | max s | median rows/s |");
            lines.add("|---|---:|---:|---:|---:|---:|");
            lines.add(row("COPY TO STDOUT (database limit)", rows, repeat(repeat, () -> copyOut(postgres))));
            if (debezium) {
                int[] run = {0};
                lines.add(row("Debezium PostgreSQL connector, initial snapshot (1 task)", rows,
                        repeat(repeat, () -> debeziumSnapshot(cluster, postgres, rows, "dbz" + (run[0]++)))));
            }
            for (int tasks : taskCounts) {
                int[] run = {0};
                lines.add(row("Tributary source, " + tasks + " task(s)", rows,
                        repeat(repeat, () -> snapshot(cluster, postgres, rows, tasks, "bench" + tasks + "r" + (run[0]++)))));
            }
            System.out.println();
            System.out.printf("Snapshot benchmark: %d rows, %d cores, %d MB max heap of this JVM, repeats %d%n", rows,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, repeat);
            lines.forEach(System.out::println);
        }
    }

    interface Run {
        double seconds() throws Exception;
    }

    private static List<Double> repeat(int times, Run run) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            seconds.add(run.seconds());
        }
        seconds.sort(Double::compare);
        return seconds;
    }

    private static String row(String name, long rows, List<Double> seconds) {
        double median = seconds.get(seconds.size() / 2);
        return String.format("| %s | %d | %.2f | %.2f | %.2f | %.0f |", name, rows, seconds.get(0), median,
                seconds.get(seconds.size() - 1), rows / median);
    }

    private static void load(PostgresServer postgres, long rows) throws Exception {
        long started = System.nanoTime();
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench (id bigint PRIMARY KEY, name text, email varchar(100), amount numeric(12,2),"
                    + " quantity int, price double precision, active boolean, born date, updated_at timestamptz, tags jsonb)");
            s.execute("INSERT INTO bench SELECT g * 3, 'name ' || g, 'user' || g || '@example.com', g * 1.25, g % 1000,"
                    + " g / 7.0, g % 2 = 0, date '1950-01-01' + (g % 20000), now() - g * interval '1 second',"
                    + " jsonb_build_object('k', g, 'v', 'x' || g) FROM generate_series(1, " + rows + ") g");
            s.execute("VACUUM ANALYZE bench");
        }
        System.out.printf("loaded %d rows in %d ms%n", rows, (System.nanoTime() - started) / 1_000_000);
    }

    private static double copyOut(PostgresServer postgres) throws Exception {
        long started = System.nanoTime();
        try (Connection c = postgres.connect()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM bench) TO STDOUT", OutputStream.nullOutputStream());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double snapshot(KafkaConnectCluster cluster, PostgresServer postgres, long rows, int tasks, String prefix)
            throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tributary.source.ChunkedJdbcSourceConnector");
        config.put("tasks.max", Integer.toString(tasks));
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("topic.prefix", prefix);
        config.put("mode", "snapshot");
        config.put("table.include.list", "public\\.bench");
        config.put("snapshot.chunk.rows", Long.toString(Math.max(10_000, rows / 40)));
        config.put("batch.max.rows", "5000");
        config.put("table.monitor.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("producer.override.linger.ms", "20");
        config.put("producer.override.batch.size", "262144");
        long started = System.nanoTime();
        cluster.rest().putConnector(prefix, config);
        double seconds = awaitRecords(cluster, prefix + ".public.bench", rows, started);
        awaitDone(cluster, prefix);
        checkExact(cluster, prefix + ".public.bench", rows, prefix);
        cluster.rest().deleteConnector(prefix);
        System.out.printf("%s: %d tasks, %.2f s, %.0f rows/s%n", prefix, tasks, seconds, rows / seconds);
        return seconds;
    }

    /** Debezium's initial snapshot with its throughput settings set like ours (fetch, batch, queue, producer). */
    private static double debeziumSnapshot(KafkaConnectCluster cluster, PostgresServer postgres, long rows, String prefix)
            throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks.max", "1");
        config.put("plugin.name", "pgoutput");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(postgres.port()));
        config.put("database.user", postgres.user());
        config.put("database.password", postgres.password());
        config.put("database.dbname", "postgres");
        config.put("topic.prefix", prefix);
        config.put("table.include.list", "public.bench");
        config.put("slot.name", "bench_" + prefix);
        config.put("publication.name", "bench_" + prefix);
        config.put("publication.autocreate.mode", "filtered");
        config.put("slot.drop.on.stop", "true");
        config.put("snapshot.mode", "initial");
        config.put("snapshot.fetch.size", "10000");
        config.put("max.batch.size", "5000");
        config.put("max.queue.size", "20000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("producer.override.linger.ms", "20");
        config.put("producer.override.batch.size", "262144");
        long started = System.nanoTime();
        cluster.rest().putConnector(prefix, config);
        double seconds = awaitRecords(cluster, prefix + ".public.bench", rows, started);
        checkExact(cluster, prefix + ".public.bench", rows, prefix);
        cluster.rest().deleteConnector(prefix);
        System.out.printf("%s: Debezium, %.2f s, %.0f rows/s%n", prefix, seconds, rows / seconds);
        return seconds;
    }

    /** Seconds from {@code startedNanos} until {@code topic} holds {@code rows} records. */
    private static double awaitRecords(KafkaConnectCluster cluster, String topic, long rows, long startedNanos) throws Exception {
        long deadline = startedNanos + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (recordCount(cluster, topic) >= rows) {
                return (System.nanoTime() - startedNanos) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(topic + " did not reach " + rows + " records");
    }

    /** A fast wrong run is a failure: after a pause the topic must hold exactly one record per row. */
    private static void checkExact(KafkaConnectCluster cluster, String topic, long rows, String run) throws Exception {
        Thread.sleep(1000);
        long inTopic = recordCount(cluster, topic);
        if (inTopic != rows) {
            throw new IllegalStateException("run " + run + " is wrong: " + inTopic + " records for " + rows + " rows");
        }
    }

    /** Waits until every chunk of the plan is done, per the ledger. */
    private static void awaitDone(KafkaConnectCluster cluster, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            int planned = -1;
            java.util.Set<Integer> done = new java.util.HashSet<>();
            try {
                for (var record : new TopicReader(cluster.bootstrapServers()).readAll("__tributary_ledger." + prefix, Duration.ofSeconds(30))) {
                    JsonNode event = JSON.readTree(JSON.readTree(record.value()).path("payload").asText());
                    if (event.path("event").asText().equals("plan")) {
                        planned = event.path("chunks").asInt();
                    } else {
                        done.add(event.path("chunk").asInt());
                    }
                }
            } catch (AssertionError notYet) {
                // the ledger topic does not exist yet
            }
            if (planned > 0 && done.size() >= planned) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("snapshot " + prefix + " did not finish");
    }

    private static long recordCount(KafkaConnectCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.broker().admin()) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            var partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("plugin-path")) {
            throw new IllegalArgumentException("--plugin-path <folder with the built source plugin> is required");
        }
        return options;
    }
}
