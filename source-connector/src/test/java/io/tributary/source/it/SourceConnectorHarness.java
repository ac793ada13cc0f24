package io.tributary.source.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the source ITs do again and again: create the connector, read its ledger and topics. */
final class SourceConnectorHarness {

    static final String CONNECTOR_CLASS = "io.tributary.source.ChunkedJdbcSourceConnector";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConnectCluster cluster;

    SourceConnectorHarness(KafkaConnectCluster cluster) {
        this.cluster = cluster;
    }

    ConnectRestClient rest() {
        return cluster.rest();
    }

    /** A config for {@code prefix} with fast test settings; {@code extra} overrides. */
    static Map<String, String> config(String url, String user, String password, String prefix, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("connection.url", url);
        config.put("connection.user", user);
        config.put("connection.password", password);
        config.put("topic.prefix", prefix);
        config.put("table.monitor.interval.ms", "1000");
        config.put("poll.interval.ms", "500");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.putAll(extra);
        return config;
    }

    void create(String name, Map<String, String> config, int tasks) {
        rest().putConnector(name, config);
        rest().awaitRunning(name, tasks, Duration.ofMinutes(2));
    }

    void delete(String name) {
        try {
            rest().deleteConnector(name);
        } catch (RuntimeException e) {
            // already gone
        }
    }

    /**
     * Re-snapshots {@code table} by the documented procedure (docs/source.md): stop the connector, null
     * the table's plan partition (copied as GET .../offsets shows it), resume.
     */
    void resnapshot(String name, String table) throws InterruptedException {
        rest().stopConnector(name);
        awaitState(name, "STOPPED");
        JsonNode partition = null;
        for (JsonNode e : rest().offsets(name).path("offsets")) {
            if (e.path("partition").path("table").asText().equals(table) && e.path("partition").path("kind").asText().equals("plan")) {
                partition = e.path("partition");
            }
        }
        if (partition == null) {
            throw new AssertionError("no plan partition of " + table + " in " + rest().offsets(name));
        }
        Map<String, Object> entry = new HashMap<>();
        entry.put("partition", partition);
        entry.put("offset", null);
        rest().alterOffsets(name, Map.of("offsets", List.of(entry)));
        rest().resumeConnector(name);
    }

    /** Waits until the committed offsets of {@code name} hold an entry matching {@code condition}. */
    void awaitOffset(String name, java.util.function.Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode e : rest().offsets(name).path("offsets")) {
                if (condition.test(e)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no committed offset as expected after " + timeout + ": " + rest().offsets(name));
            }
            Thread.sleep(250);
        }
    }

    private void awaitState(String name, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!state.equals(rest().status(name).path("connector").path("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector " + name + " not " + state + ": " + rest().status(name));
            }
            Thread.sleep(250);
        }
    }

    /** The ledger's events (JSON objects), in topic order. */
    List<JsonNode> ledger(String prefix) {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : new TopicReader(cluster.bootstrapServers())
                .readAll("__tributary_ledger." + prefix, Duration.ofSeconds(60))) {
            events.add(parse(payload(record.value()).asText()));
        }
        return events;
    }

    /** The chunk_done events of {@code table}. */
    List<JsonNode> chunksDone(String prefix, String table) {
        return ledger(prefix).stream()
                .filter(e -> e.path("event").asText().equals("chunk_done") && e.path("table").asText().equals(table))
                .toList();
    }

    /** Waits until {@code chunks} distinct chunks of {@code table} are done; returns their events. */
    List<JsonNode> awaitChunksDone(String prefix, String table, int chunks, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> done = chunksDoneIfAny(prefix, table);
            if (done.stream().map(e -> e.path("chunk").asInt()).distinct().count() >= chunks) {
                return done;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(done.size() + " of " + chunks + " chunks of " + table + " done after " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private List<JsonNode> chunksDoneIfAny(String prefix, String table) {
        try {
            return chunksDone(prefix, table);
        } catch (AssertionError e) {
            return List.of();
        }
    }

    /** Feeds every record of {@code topic} to {@code handler} as (key payload, value payload) until {@code count} are read. */
    void readRows(String topic, long count, Duration timeout, Consumer<Row> handler) {
        long[] seen = {0};
        readRows(topic, () -> seen[0] >= count, timeout, row -> {
            seen[0]++;
            handler.accept(row);
        });
    }

    /** Feeds every record of {@code topic} to {@code handler} until {@code done} holds. */
    void readRows(String topic, java.util.function.BooleanSupplier done, Duration timeout, Consumer<Row> handler) {
        new TopicReader(cluster.bootstrapServers()).read(topic, record -> handler.accept(
                new Row(payload(record.key()), record.value() == null ? null : payload(record.value()), record)), done, timeout);
    }

    /** A record of a data topic: key and value payloads of the JSON converter envelope. */
    record Row(JsonNode key, JsonNode value, ConsumerRecord<byte[], byte[]> record) {
        String header(String name) {
            var header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static JsonNode payload(byte[] json) {
        if (json == null) {
            return JSON.nullNode(); // a table without key has null record keys
        }
        return parse(new String(json, java.nio.charset.StandardCharsets.UTF_8)).path("payload");
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> with(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
