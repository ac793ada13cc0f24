package io.tributary.sink;

import io.tributary.common.LogicalTypes;
import io.tributary.common.RecordHeaders;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Writes records exactly as the Tributary source connector does (docs/record-contract.md), through
 * JsonConverter with schemas, with a plain Kafka producer: key struct, value struct with our
 * logical types, headers {@code tributary.op} / {@code tributary.position} / {@code tributary.table}
 * serialized as the worker's default SimpleHeaderConverter writes them.
 */
final class ContractProducer implements AutoCloseable {

    static final Schema KEY = SchemaBuilder.struct().name("src.public.customers.Key").field("id", Schema.INT64_SCHEMA).build();

    static Schema valueSchema(boolean withEmail) {
        SchemaBuilder builder = SchemaBuilder.struct().name("src.public.customers.Value")
                .field("id", SchemaBuilder.int64().parameter(LogicalTypes.PARAM_SOURCE_TYPE, "int8").build())
                .field("name", SchemaBuilder.string().optional().parameter(LogicalTypes.PARAM_LENGTH, "100").build())
                .field("balance", Decimal.builder(2).parameter("connect.decimal.precision", "12").optional().build())
                .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("born", org.apache.kafka.connect.data.Date.builder().optional().build())
                .field("updated", LogicalTypes.microTimestamp().optional().build())
                .field("ref", LogicalTypes.uuid().optional().build())
                .field("doc", LogicalTypes.json().optional().build());
        if (withEmail) {
            builder.field("email", Schema.OPTIONAL_STRING_SCHEMA);
        }
        return builder.build();
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonConverter keys = new JsonConverter();
    private final JsonConverter values = new JsonConverter();
    private volatile Exception firstFailure;

    ContractProducer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        // One request in flight, as Connect's own source producers: with several, a first request to a
        // just-created partition can fail NOT_LEADER_OR_FOLLOWER while the next is appended, and the
        // idempotent retry of the first then spins on OUT_OF_ORDER_SEQUENCE_NUMBER until it expires
        // (KAFKA-15591; seen in CI: SinkPipelineIT lost a partition's records).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"); // idempotent still: no duplicates
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        producer = new KafkaProducer<>(props);
        keys.configure(Map.of("schemas.enable", "true"), true);
        values.configure(Map.of("schemas.enable", "true"), false);
    }

    /** The row a given version of a key has; the test computes expected tables from it. */
    static Struct row(Schema schema, long id, int version) {
        Struct row = new Struct(schema)
                .put("id", id)
                .put("name", "customer " + id + " v" + version + (id % 7 == 0 ? " tab\there" : ""))
                .put("balance", new BigDecimal(id * 100 + version).movePointLeft(2))
                .put("active", version % 2 == 0)
                .put("born", Date.from(LocalDate.of(1970 + (int) (id % 50), 1 + (int) (id % 12), 1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .put("updated", LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L + id * 1000 + version)
                .put("ref", new UUID(id, version).toString())
                .put("doc", "{\"v\": " + version + ", \"n\": 1.10}");
        if (schema.field("email") != null) {
            row.put("email", "c" + id + "@example.com");
        }
        return row;
    }

    /** Sends one version of a row with its op and position headers. */
    @SuppressWarnings("FutureReturnValueIgnored") // a failed send reaches check(); flush() throws it
    void send(String topic, int partition, Schema schema, long id, int version, long position, String op) {
        byte[] key = keys.fromConnectData(topic, KEY, new Struct(KEY).put("id", id));
        byte[] value = values.fromConnectData(topic, schema, row(schema, id, version));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        record.headers().add(new RecordHeader(RecordHeaders.OP, op.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(RecordHeaders.POSITION, Long.toString(position).getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(RecordHeaders.TABLE, "public.customers".getBytes(StandardCharsets.UTF_8)));
        producer.send(record, this::check);
    }

    /** Sends raw bytes (for bad records). */
    @SuppressWarnings("FutureReturnValueIgnored") // a failed send reaches check(); flush() throws it
    void sendRaw(String topic, int partition, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, key, value), this::check);
    }

    byte[] keyBytes(String topic, long id) {
        return keys.fromConnectData(topic, KEY, new Struct(KEY).put("id", id));
    }

    /** Waits for every send; fails naming the first record Kafka did not take. */
    void flush() {
        producer.flush();
        Exception failure = firstFailure;
        if (failure != null) {
            throw new IllegalStateException("a test record was not written to Kafka: " + failure, failure);
        }
    }

    private void check(RecordMetadata metadata, Exception exception) {
        if (exception != null && firstFailure == null) {
            firstFailure = exception;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
