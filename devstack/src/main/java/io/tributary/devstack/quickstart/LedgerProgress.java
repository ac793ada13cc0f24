package io.tributary.devstack.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Snapshot progress as the source writes it to its ledger topic: a {@code plan} event per table
 * (how many chunks) and a {@code chunk_done} event per finished chunk (rows, milliseconds). Nothing
 * is guessed: a table's numbers are the sums of its done chunks. Chunks reported twice (delivery is
 * at least once) count once.
 */
public final class LedgerProgress implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One table's snapshot so far. */
    public static final class TableProgress {
        private final String table;
        private int chunks;
        private long estimatedRows;
        private final Set<Integer> done = new HashSet<>();
        private long rows;
        private Instant plannedAt;
        private Instant firstStartedAt;
        private Instant lastFinishedAt;

        TableProgress(String table) {
            this.table = table;
        }

        public String table() {
            return table;
        }

        public int chunks() {
            return chunks;
        }

        public int chunksDone() {
            return done.size();
        }

        public long rows() {
            return rows;
        }

        public long estimatedRows() {
            return Math.max(estimatedRows, rows);
        }

        public boolean finished() {
            return chunks > 0 && done.size() >= chunks;
        }

        /**
         * Rows per second from the first chunk's {@code started_at} (the plan's {@code planned_at} before
         * that is known) to the last {@code finished_at}, or to now while chunks are still running.
         */
        public double rowsPerSecond() {
            Instant start = firstStartedAt != null ? firstStartedAt : plannedAt;
            if (start == null || rows == 0) {
                return 0;
            }
            Instant end = finished() && lastFinishedAt != null ? lastFinishedAt : Instant.now();
            double seconds = Math.max(0.001, Duration.between(start, end).toNanos() / 1e9);
            return rows / seconds;
        }

        /** Seconds left at the current rate, or -1 when unknown. */
        public long etaSeconds() {
            if (finished()) {
                return 0;
            }
            double rate = rowsPerSecond();
            if (rows == 0 || rate <= 0) {
                return -1;
            }
            return Math.round(Math.max(0, estimatedRows() - rows) / rate);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Map<String, TableProgress> tables = new LinkedHashMap<>();
    private boolean assigned;

    public LedgerProgress(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props);
        this.topic = topic;
    }

    /** Reads what arrived since the last call (waits up to {@code wait}); returns the tables seen so far. */
    public List<TableProgress> poll(Duration wait) {
        if (!assigned) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, wait);
            if (partitions == null || partitions.isEmpty()) {
                return tables();
            }
            List<TopicPartition> assignment = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            assigned = true;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            apply(record.value());
        }
        return tables();
    }

    /** Whether {@code expectedTables} tables are planned and all their chunks are done. */
    public boolean allFinished(int expectedTables) {
        return tables.size() >= expectedTables && tables.values().stream().allMatch(TableProgress::finished);
    }

    /** The tables seen so far, in the order their first event arrived. */
    List<TableProgress> tables() {
        return new ArrayList<>(tables.values());
    }

    void apply(byte[] value) {
        if (value == null) {
            return;
        }
        JsonNode event = parse(value);
        String table = event.path("table").asText();
        if (table.isEmpty()) {
            return;
        }
        TableProgress progress = tables.computeIfAbsent(table, TableProgress::new);
        switch (event.path("event").asText()) {
            case "plan" -> {
                progress.chunks = event.path("chunks").asInt();
                progress.estimatedRows = event.path("estimated_rows").asLong();
                progress.plannedAt = instant(event.path("planned_at").asText());
            }
            case "chunk_done" -> {
                if (progress.chunks == 0) {
                    progress.chunks = event.path("of").asInt();
                }
                if (progress.done.add(event.path("chunk").asInt())) {
                    progress.rows += event.path("rows").asLong();
                    Instant finishedAt = instant(event.path("finished_at").asText());
                    if (finishedAt != null && (progress.lastFinishedAt == null || finishedAt.isAfter(progress.lastFinishedAt))) {
                        progress.lastFinishedAt = finishedAt;
                    }
                    Instant startedAt = instant(event.path("started_at").asText());
                    if (startedAt != null && (progress.firstStartedAt == null || startedAt.isBefore(progress.firstStartedAt))) {
                        progress.firstStartedAt = startedAt;
                    }
                }
            }
            default -> {
                // other events carry nothing the progress bar shows
            }
        }
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The event, whether the worker's converter wrapped it (JSON with schemas: {@code payload}) or not. */
    private static JsonNode parse(byte[] value) {
        try {
            JsonNode node = JSON.readTree(new String(value, StandardCharsets.UTF_8));
            if (node.has("payload")) {
                node = node.get("payload");
            }
            return node.isTextual() ? JSON.readTree(node.asText()) : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
