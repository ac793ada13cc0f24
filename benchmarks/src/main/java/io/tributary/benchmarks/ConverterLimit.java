package io.tributary.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * What any Connect sink pays before its own work: consuming the topic and turning each record into
 * Connect data with the worker's converter (JsonConverter with schemas, as configured on the devstack
 * workers), one thread per partition, nothing written anywhere.
 */
final class ConverterLimit {

    private ConverterLimit() {
    }

    static double seconds(String bootstrapServers, String topic, int partitions, long records) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(partitions);
        long started = System.nanoTime();
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                counts.add(pool.submit(() -> decode(bootstrapServers, new TopicPartition(topic, partition))));
            }
            long decoded = 0;
            for (Future<Long> count : counts) {
                decoded += count.get();
            }
            if (decoded != records) {
                throw new IllegalStateException("the converter limit decoded " + decoded + " records of " + records);
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long decode(String bootstrapServers, TopicPartition partition) {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        long decoded = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = BenchStack.byteConsumer(bootstrapServers, 5000)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long position = 0;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
            while (position < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the converter limit did not read " + partition + " to its end in 30 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.toConnectData(partition.topic(), record.key()).value() != null
                            && values.toConnectData(partition.topic(), record.value()).value() != null) {
                        decoded++;
                    }
                    position = record.offset() + 1;
                }
            }
        }
        return decoded;
    }
}
