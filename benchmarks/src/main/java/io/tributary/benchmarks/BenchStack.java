package io.tributary.benchmarks;

import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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
    private final Admin admin;
    /** Untimed runs before the timed ones, so no run pays the worker's JIT warm-up for the runs after it. */
    private final int warmups;
    /** Repetition numbers of warm-up runs (their connector, topic and slot names differ from the timed runs'). */
    private static final int WARMUP_INDEX = 90;
    private final Map<String, Double> notes = new LinkedHashMap<>();

    BenchStack(PostgresServer postgres, S3Server s3, KafkaConnectCluster cluster, Results results, int warmups) {
        this.warmups = warmups;
        this.postgres = postgres;
        this.s3 = s3;
        this.cluster = cluster;
        this.results = results;
        this.admin = cluster.broker().admin();
    }

    ConnectWorker worker() {
        return cluster.worker(0);
    }

    /** A figure of the repetition that is running, besides its seconds (e.g. statements sent). */
    void note(String metric, double value) {
        notes.put(metric, value);
    }

    /** One repetition: does the work and returns its seconds; throws when the result is wrong. */
    interface Run {
        double seconds(int repetition) throws Exception;
    }

    /**
     * Runs {@code run} once per warm-up (untimed: the first connector in a fresh worker otherwise pays
     * the JIT compilation of the converter and producer paths that later runs reuse), then {@code times}
     * times, and records the seconds and, when {@code meterHeap}, the worker's peak used and live heap of
     * each timed repetition.
     */
    Results.Result measure(String suite, String name, long rows, int times, boolean meterHeap, Run run) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> peak = new ArrayList<>();
        List<Double> live = new ArrayList<>();
        Map<String, List<Double>> noted = new LinkedHashMap<>();
        for (int w = 0; w < warmups; w++) {
            notes.clear();
            double s = run.seconds(WARMUP_INDEX + w);
            System.out.printf("  %s, %d rows, warm-up %d (not counted): %.2f s, %.0f rows/s%n", name, rows, w + 1, s, rows / s);
        }
        for (int i = 0; i < times; i++) {
            HeapMeter heap = meterHeap ? HeapMeter.start(worker()) : null;
            notes.clear();
            double s = run.seconds(i);
            seconds.add(s);
            notes.forEach((metric, value) -> noted.computeIfAbsent(metric, m -> new ArrayList<>()).add(value));
            HeapMeter.Reading reading = heap == null ? null : heap.stop();
            System.out.printf("  %s, %d rows, repetition %d: %.2f s, %.0f rows/s%s%n", name, rows, i + 1, s, rows / s,
                    reading == null ? "" : ", worker heap peak " + reading.peakUsedMb() + " MB, after GC " + reading.peakAfterGcMb() + " MB");
            if (reading != null) {
                peak.add((double) reading.peakUsedMb());
                live.add((double) reading.peakAfterGcMb());
            }
        }
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        metrics.put(Results.SECONDS, seconds);
        if (meterHeap) {
            metrics.put(Results.PEAK_HEAP, peak);
            metrics.put(Results.LIVE_HEAP, live);
        }
        metrics.putAll(noted);
        Results.Result result = new Results.Result(suite, name, rows, metrics);
        results.add(result);
        return result;
    }

    /** Records in {@code topic} (the sum of its partitions' end offsets); 0 when it does not exist. */
    long recordCount(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The end offset of each partition of {@code topic}; empty when it does not exist. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            return Map.of();
        }
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Whether the sink connector {@code connector} has committed every offset of {@code topic} (its consumer group has no lag). */
    boolean caughtUp(String connector, String topic) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            var offset = committed.get(end.getKey());
            if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
                return false;
            }
        }
        return true;
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
    /**
     * Drops a logical replication slot once the deleted connector's task has let go of it (if it is
     * still there), and the publication of the same name: the next run starts clean and no slot holds WAL.
     */
    void dropSlotAndPublication(String name) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        try (java.sql.Connection c = postgres.connect(); java.sql.Statement s = c.createStatement()) {
            while (true) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + name + "'")) {
                    if (!rs.next()) {
                        break;
                    }
                    if (!rs.getBoolean(1)) {
                        s.execute("SELECT pg_drop_replication_slot('" + name + "')");
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replication slot " + name + " is still in use 2 minutes after its connector was deleted");
                }
                Thread.sleep(100);
            }
            s.execute("DROP PUBLICATION IF EXISTS " + name);
        }
    }

    void deleteTopics(Set<String> topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<String> delete = topics.stream().filter(existing::contains).toList();
        if (!delete.isEmpty()) {
            admin.deleteTopics(delete).all().get();
        }
    }

    /** A consumer of raw key and value bytes that commits nothing: for reading topics back. */
    static KafkaConsumer<byte[], byte[]> byteConsumer(String bootstrapServers, int maxPollRecords) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", Integer.toString(maxPollRecords));
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** The shared admin client. */
    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
        cluster.close();
        s3.close();
        postgres.close();
    }
}
