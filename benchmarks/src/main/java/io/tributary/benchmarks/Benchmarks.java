package io.tributary.benchmarks;

import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks' one command (see docs/benchmarks.md): starts the devstack, runs the chosen suites
 * at each size, prints the results table and writes it as markdown, CSV and JSON.
 *
 * <pre>
 * benchmarks/run.sh [--suites snapshot,refresh,sink,latency] [--rows 100000,1000000,10000000] [--repeat 3] [--warmup 1]
 *                   [--tasks 1,2,4] [--peer-max-rows 1000000] [--debezium-batch-sizes 5000]
 *                   [--latency-rate 50] [--latency-seconds 30] [--worker-heap 2g] [--keep-logs false]
 *                   [--out benchmarks/results]
 * </pre>
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<String> suites = list(options.getOrDefault("suites", "snapshot,sink,latency"));
        List<Long> sizes = list(options.getOrDefault("rows", "100000,1000000")).stream().map(Long::parseLong).toList();
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "3"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
        List<Integer> tasks = list(options.getOrDefault("tasks", "1,2,4")).stream().map(Integer::parseInt).toList();
        long peerMaxRows = Long.parseLong(options.getOrDefault("peer-max-rows", "1000000"));
        List<Integer> debeziumBatchSizes = list(options.getOrDefault("debezium-batch-sizes", "5000")).stream().map(Integer::parseInt).toList();
        String workerHeap = options.getOrDefault("worker-heap", "2g");
        Path out = Path.of(options.getOrDefault("out", "benchmarks/results"));
        List<Path> pluginPath = new ArrayList<>();
        for (String entry : list(options.get("plugin-path"))) {
            pluginPath.add(Path.of(entry));
        }
        boolean debezium = pluginPath.stream().anyMatch(p -> Files.isDirectory(p.resolve("debezium-connector-postgres")));

        Map<String, Object> machine = machine(workerHeap, repeat);
        machine.put("warm_ups", warmup);
        Results results = new Results(machine, out);
        Map<String, String> postgresConfig = new LinkedHashMap<>();
        postgresConfig.put("wal_level", "logical");
        postgresConfig.put("max_replication_slots", "10");
        postgresConfig.put("max_wal_senders", "10");
        postgresConfig.put("shared_buffers", "512MB");
        postgresConfig.put("max_wal_size", "4GB");
        postgresConfig.put("shared_preload_libraries", "pg_stat_statements"); // the sink suite counts statements
        long started = System.nanoTime();
        try (BenchStack stack = new BenchStack(PostgresServer.start(postgresConfig), S3Server.start(),
                KafkaConnectCluster.start(KafkaConnectCluster.options().workers(1).workerHeap(workerHeap).pluginPath(pluginPath)
                        .keepWorkDir(Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")))), results, warmup)) {
            stack.postgres.createDatabase("warehouse");
            for (long rows : sizes) {
                if (suites.contains("snapshot")) {
                    new SnapshotSuite(stack, repeat, tasks, peerMaxRows, debezium).run(rows);
                }
                if (suites.contains("refresh")) {
                    new RefreshSuite(stack, repeat).run(rows);
                }
                if (suites.contains("sink")) {
                    new SinkSuite(stack, repeat, debezium ? peerMaxRows : -1, debeziumBatchSizes).run(rows);
                }
            }
            if (suites.contains("latency")) {
                new LatencySuite(stack, repeat, Integer.parseInt(options.getOrDefault("latency-rate", "50")),
                        Integer.parseInt(options.getOrDefault("latency-seconds", "30"))).run();
            }
        }
        machine.put("total_minutes", Math.round((System.nanoTime() - started) / 6e10 * 10) / 10.0);
        String summary = Summary.of(results);
        results.write(summary);
        System.out.println();
        System.out.println(results.markdown());
        System.out.println(summary);
        System.out.println("written: " + out.resolve("results.md") + ", results.csv, results.json");
    }

    private static Map<String, Object> machine(String workerHeap, int repeat) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gib", memoryGib());
        machine.put("java", System.getProperty("java.version"));
        machine.put("connect_worker_heap", workerHeap);
        machine.put("repetitions", repeat);
        machine.put("commit", commit());
        return machine;
    }

    private static long memoryGib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? head : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs; got " + args[i]);
            }
            options.put(args[i].substring(2).toLowerCase(Locale.ROOT), args[++i]);
        }
        if (!options.containsKey("plugin-path")) {
            throw new IllegalArgumentException("--plugin-path <plugin folders, comma-separated> is required (benchmarks/run.sh sets it)");
        }
        return options;
    }
}
