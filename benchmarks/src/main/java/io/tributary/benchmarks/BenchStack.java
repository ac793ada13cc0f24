package io.tributary.benchmarks;

import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The parts every benchmark runs on (PostgreSQL with logical replication, the S3 server, a KRaft
 * broker and one Connect worker) and the measuring loop they share: repeat a run, time it, meter the
 * worker's heap.
 */
final class BenchStack implements AutoCloseable {

    final PostgresServer postgres;
    final S3Server s3;
    final KafkaConnectCluster cluster;
    final Results results;

    BenchStack(PostgresServer postgres, S3Server s3, KafkaConnectCluster cluster, Results results) {
        this.postgres = postgres;
        this.s3 = s3;
        this.cluster = cluster;
        this.results = results;
    }

    ConnectWorker worker() {
        return cluster.worker(0);
    }

    /** One repetition: does the work and returns its seconds; throws when the result is wrong. */
    interface Run {
        double seconds(int repetition) throws Exception;
    }

    /**
     * Runs {@code run} {@code times} times and records the seconds and, when {@code meterHeap}, the
     * worker's peak used and live heap of each repetition.
     */
    Results.Result measure(String suite, String name, long rows, int times, boolean meterHeap, Run run) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> peak = new ArrayList<>();
        List<Double> live = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            HeapMeter heap = meterHeap ? HeapMeter.start(worker()) : null;
            try {
                double s = run.seconds(i);
                seconds.add(s);
                System.out.printf("  %s, %d rows, repetition %d: %.2f s, %.0f rows/s%s%n", name, rows, i + 1, s, rows / s,
                        heap == null ? "" : ", worker heap peak " + heap.peakUsedMb() + " MB, live " + heap.peakLiveMb() + " MB");
                if (heap != null) {
                    peak.add((double) heap.peakUsedMb());
                    live.add((double) heap.peakLiveMb());
                }
            } finally {
                if (heap != null) {
                    heap.close();
                }
            }
        }
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        metrics.put(Results.SECONDS, seconds);
        if (meterHeap) {
            metrics.put(Results.PEAK_HEAP, peak);
            metrics.put(Results.LIVE_HEAP, live);
        }
        Results.Result result = new Results.Result(suite, name, rows, metrics);
        results.add(result);
        return result;
    }

    /** Records in {@code topic} (the sum of its partitions' end offsets); 0 when it does not exist. */
    long recordCount(String topic) throws Exception {
        try (Admin admin = cluster.broker().admin()) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /**
     * Seconds from {@code startedNanos} until {@code topic} holds {@code rows} records; fails at once
     * when {@code connector} fails.
     */
    double awaitRecords(String connector, String topic, long rows, long startedNanos) throws Exception {
        long deadline = startedNanos + TimeUnit.MINUTES.toNanos(60);
        for (int poll = 0; System.nanoTime() < deadline; poll++) {
            if (recordCount(topic) >= rows) {
                return (System.nanoTime() - startedNanos) / 1e9;
            }
            if (poll % 20 == 19) {
                cluster.rest().assertNotFailed(connector);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(topic + " did not reach " + rows + " records");
    }

    /** Deletes topics so that large runs do not fill the disk. */
    void deleteTopics(Set<String> topics) throws Exception {
        try (Admin admin = cluster.broker().admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<String> delete = topics.stream().filter(existing::contains).toList();
            if (!delete.isEmpty()) {
                admin.deleteTopics(delete).all().get();
            }
        }
    }

    @Override
    public void close() {
        cluster.close();
        s3.close();
        postgres.close();
    }
}
