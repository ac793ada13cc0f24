package io.tributary.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.devstack.TopicReader;
import io.tributary.devstack.Topics;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.postgresql.PGConnection;

/**
 * Snapshot throughput: a 10-column PostgreSQL table read into Kafka by the Tributary source with
 * 1..N tasks, in cursor mode and in log mode (N chunk readers plus the task that streams the WAL), next to Debezium's PostgreSQL initial snapshot (same cluster, same converter, its
 * throughput settings set like ours) and the two limits, all in the same run: the database's
 * ({@code COPY (SELECT ...) TO STDOUT} into a null sink) and Kafka's (a plain producer sending as many
 * records of the same size). Every connector run is timed until the topic holds the table's row count
 * and then checked: exactly one record per row, or the benchmark fails.
 */
final class SnapshotSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUITE = "snapshot";
    /** What both connectors get, so they write alike: a one-partition topic, the same producer batching. */
    private static final Map<String, String> SAME_TOPIC_AND_PRODUCER = Map.of(
            "topic.creation.default.replication.factor", "1",
            "topic.creation.default.partitions", "1",
            "producer.override.linger.ms", "20",
            "producer.override.batch.size", "262144");

    private final BenchStack stack;
    private final int repeat;
    private final List<Integer> taskCounts;
    private final long peerMaxRows;
    private final boolean debezium;

    SnapshotSuite(BenchStack stack, int repeat, List<Integer> taskCounts, long peerMaxRows, boolean debezium) {
        this.stack = stack;
        this.repeat = repeat;
        this.taskCounts = taskCounts;
        this.peerMaxRows = peerMaxRows;
        this.debezium = debezium;
    }

    void run(long rows) throws Exception {
        load(stack, rows);
        stack.measure(SUITE, "COPY TO STDOUT (database limit)", rows, repeat, false, i -> copyOut());
        byte[][] sample = new byte[2][];
        for (int tasks : taskCounts) {
            stack.measure(SUITE, "Tributary source, " + tasks + " task(s)", rows, repeat, true,
                    i -> snapshot(rows, tasks, "snap" + rows + "t" + tasks + "r" + i, sample, false));
        }
        for (int tasks : taskCounts) {
            stack.measure(SUITE, "Tributary source, log mode, " + tasks + " chunk reader(s) + 1 streaming task", rows, repeat, true,
                    i -> snapshot(rows, tasks, "slog" + rows + "t" + tasks + "r" + i, sample, true));
        }
        stack.measure(SUITE, "Kafka producer, same records (Kafka limit)", rows, repeat, false,
                i -> produce(rows, "limit" + rows + "r" + i, sample));
        if (debezium && rows <= peerMaxRows) {
            stack.measure(SUITE, "Debezium PostgreSQL connector, initial snapshot (1 task)", rows, repeat, true,
                    i -> debeziumSnapshot(rows, "dbz" + rows + "r" + i));
        }
    }

    /** (Re)creates table {@code bench} with {@code rows} rows (ids 3, 6, ...), vacuumed and analyzed. */
    static void load(BenchStack stack, long rows) throws Exception {
        long started = System.nanoTime();
        try (Connection c = stack.postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench");
            s.execute("CREATE TABLE bench (id bigint PRIMARY KEY, name text, email varchar(100), amount numeric(12,2),"
                    + " quantity int, price double precision, active boolean, born date, updated_at timestamptz, tags jsonb)");
            s.execute("INSERT INTO bench SELECT g * 3, 'name ' || g, 'user' || g || '@example.com', g * 1.25, g % 1000,"
                    + " g / 7.0, g % 2 = 0, date '1950-01-01' + (g % 20000), now() - g * interval '1 second',"
                    + " jsonb_build_object('k', g, 'v', 'x' || g) FROM generate_series(1, " + rows + ") g");
            s.execute("VACUUM ANALYZE bench");
        }
        System.out.printf("snapshot: loaded %d rows into table bench in %d ms%n", rows, (System.nanoTime() - started) / 1_000_000);
    }

    private double copyOut() throws Exception {
        long started = System.nanoTime();
        try (Connection c = stack.postgres.connect()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM bench) TO STDOUT", OutputStream.nullOutputStream());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** @param log log mode: one more task streams the WAL while {@code tasks} read the chunks */
    private double snapshot(long rows, int tasks, String prefix, byte[][] sample, boolean log) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tributary.source.ChunkedJdbcSourceConnector");
        config.put("tasks.max", Integer.toString(log ? tasks + 1 : tasks));
        config.put("connection.url", stack.postgres.jdbcUrl());
        config.put("connection.user", stack.postgres.user());
        config.put("connection.password", stack.postgres.password());
        config.put("topic.prefix", prefix);
        config.put("mode", log ? "snapshot_and_incremental" : "snapshot");
        if (log) {
            config.put("incremental.method", "log");
        }
        config.put("table.include.list", "public\\.bench");
        config.put("snapshot.chunk.rows", Long.toString(Math.max(10_000, Math.min(100_000, rows / 40))));
        config.put("batch.max.rows", "5000");
        config.put("table.monitor.interval.ms", "1000");
        config.putAll(SAME_TOPIC_AND_PRODUCER);
        String topic = prefix + ".public.bench";
        long started = System.nanoTime();
        stack.cluster.rest().putConnector(prefix, config);
        double seconds = stack.awaitRecords(prefix, topic, rows, started);
        awaitLedgerDone(prefix);
        checkKeys(topic, rows, prefix);
        stack.cluster.rest().deleteConnector(prefix);
        if (log) {
            stack.dropSlotAndPublication("tributary_" + prefix);
        }
        if (sample[0] == null) {
            takeSample(topic, sample);
        }
        stack.deleteTopics(Set.of(topic, "__tributary_ledger." + prefix));
        return seconds;
    }

    /** Debezium's initial snapshot with its throughput settings set like ours (fetch, batch, queue, producer). */
    private double debeziumSnapshot(long rows, String prefix) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks.max", "1");
        config.put("plugin.name", "pgoutput");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(stack.postgres.port()));
        config.put("database.user", stack.postgres.user());
        config.put("database.password", stack.postgres.password());
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
        config.putAll(SAME_TOPIC_AND_PRODUCER);
        String topic = prefix + ".public.bench";
        long started = System.nanoTime();
        stack.cluster.rest().putConnector(prefix, config);
        double seconds = stack.awaitRecords(prefix, topic, rows, started);
        checkKeys(topic, rows, prefix);
        stack.cluster.rest().deleteConnector(prefix);
        stack.deleteTopics(Set.of(topic));
        stack.dropSlotAndPublication("bench_" + prefix); // slot.drop.on.stop drops the slot itself; wait for that

        return seconds;
    }

    /** Kafka's limit: a plain producer (settings as the connectors') sending {@code rows} copies of a record of our topic. */
    // a lost record fails checkExact below: the topic must hold exactly `rows` records
    @SuppressWarnings("FutureReturnValueIgnored")
    private double produce(long rows, String topic, byte[][] sample) throws Exception {
        if (sample[0] == null) {
            throw new IllegalStateException("no sample record: the Kafka limit needs a Tributary run first");
        }
        Topics.create(stack.admin(), topic, 1);
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.cluster.bootstrapServers());
        props.put("acks", "all");
        props.put("linger.ms", "20");
        props.put("batch.size", "262144");
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < rows; i++) {
                producer.send(new ProducerRecord<>(topic, sample[0], sample[1]));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        checkExact(topic, rows, topic);
        stack.deleteTopics(Set.of(topic));
        return seconds;
    }

    private void takeSample(String topic, byte[][] sample) {
        try (KafkaConsumer<byte[], byte[]> consumer = BenchStack.byteConsumer(stack.cluster.bootstrapServers(), 500)) {
            consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sample[0] == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    sample[0] = record.key();
                    sample[1] = record.value();
                    System.out.printf("snapshot: a record of %s is %d key + %d value bytes%n", topic, record.key().length, record.value().length);
                    break;
                }
            }
        }
    }

    /** A fast wrong run is a failure: after a pause the topic must hold exactly one record per row. */
    private void checkExact(String topic, long rows, String run) throws Exception {
        Thread.sleep(1000);
        long inTopic = stack.recordCount(topic);
        if (inTopic != rows) {
            throw new IllegalStateException("run " + run + " is wrong: " + inTopic + " records for " + rows + " rows");
        }
    }

    /**
     * The connector runs are checked record by record: the topic's keys must be exactly the table's
     * ids (3, 6, ... 3 x rows), each once, so a lost row hidden by a duplicate fails too.
     */
    private void checkKeys(String topic, long rows, String run) throws Exception {
        checkExact(topic, rows, run);
        BitSet seen = new BitSet();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = BenchStack.byteConsumer(stack.cluster.bootstrapServers(), 10_000)) {
            org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (read < rows) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(5))) {
                    long id = payloadId(record.key());
                    if (id <= 0 || id % 3 != 0 || id / 3 > rows || seen.get((int) (id / 3))) {
                        throw new IllegalStateException("run " + run + " is wrong: key id " + id + " at offset " + record.offset()
                                + (id > 0 && id % 3 == 0 && id / 3 <= rows ? " is a duplicate" : " is not a row of the table"));
                    }
                    seen.set((int) (id / 3));
                    read++;
                }
            }
        }
        if (seen.cardinality() != rows) {
            throw new IllegalStateException("run " + run + " is wrong: " + seen.cardinality() + " distinct keys for " + rows + " rows");
        }
    }

    /** The id in a JsonConverter key: {"schema":...,"payload":{"id":123}}. */
    private static long payloadId(byte[] key) {
        String text = new String(key, java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("\"payload\":{\"id\":");
        if (at < 0) {
            return -1;
        }
        int start = at + "\"payload\":{\"id\":".length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(start, end));
    }

    /** Waits until every chunk of the plan is done, per the ledger. */
    private void awaitLedgerDone(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            int planned = -1;
            Set<Integer> done = new HashSet<>();
            try {
                for (var record : new TopicReader(stack.cluster.bootstrapServers()).readAll("__tributary_ledger." + prefix, Duration.ofSeconds(30))) {
                    JsonNode event = JSON.readTree(JSON.readTree(record.value()).path("payload").asText());
                    if (event.path("event").asText().equals("plan")) {
                        planned = event.path("chunks").asInt();
                    } else if (event.path("event").asText().equals("chunk_done")) {
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
}
