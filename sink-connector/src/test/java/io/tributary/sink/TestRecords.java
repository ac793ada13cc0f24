package io.tributary.sink;

import io.tributary.common.LogicalTypes;
import io.tributary.common.RecordHeaders;
import java.math.BigDecimal;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/** Records as our source and Debezium write them, for tests. */
final class TestRecords {

    static final Schema KEY = SchemaBuilder.struct().name("shop.public.items.Key").field("id", Schema.INT64_SCHEMA).build();
    static final Schema VALUE = SchemaBuilder.struct().name("shop.public.items.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
            .field("updated", LogicalTypes.microTimestamp().optional().build())
            .build();
    static final Schema VALUE_WITH_EMAIL = SchemaBuilder.struct().name("shop.public.items.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
            .field("updated", LogicalTypes.microTimestamp().optional().build())
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("connector", Schema.STRING_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
    static final Schema OPTIONAL_VALUE = optional(VALUE);
    static final Schema ENVELOPE = SchemaBuilder.struct().name("shop.public.items.Envelope")
            .field("before", OPTIONAL_VALUE).field("after", OPTIONAL_VALUE).field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();

    private TestRecords() {
    }

    static Struct key(long id) {
        return new Struct(KEY).put("id", id);
    }

    static Struct row(long id, String name) {
        return row(VALUE, id, name);
    }

    static Struct row(Schema schema, long id, String name) {
        return new Struct(schema).put("id", id).put("name", name).put("amount", new BigDecimal("12.34"))
                .put("updated", 1_700_000_000_123_456L);
    }

    /** A record in our source's format (docs/record-contract.md). */
    static SinkRecord ours(String topic, int partition, long offset, long id, String name, long position, String op) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, op);
        headers.addLong(RecordHeaders.POSITION, position);
        headers.addString(RecordHeaders.TABLE, "public.items");
        return new SinkRecord(topic, partition, KEY, key(id), VALUE, row(id, name), offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, headers);
    }

    /** A plain struct: no headers, so no op and no position (ordered by Kafka partition and offset only). */
    static SinkRecord plain(String topic, int partition, long offset, long id, String name) {
        return new SinkRecord(topic, partition, KEY, key(id), VALUE, row(id, name), offset, 1_700_000_000_000L, TimestampType.CREATE_TIME);
    }

    static SinkRecord withEmail(String topic, int partition, long offset, long id, String name, String email, long position) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, "u");
        headers.addLong(RecordHeaders.POSITION, position);
        Struct value = new Struct(VALUE_WITH_EMAIL).put("id", id).put("name", name).put("email", email);
        return new SinkRecord(topic, partition, KEY, key(id), VALUE_WITH_EMAIL, value, offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, headers);
    }

    /** A Debezium PostgreSQL change event; {@code name} null with op d means a delete with a before image. */
    static SinkRecord debezium(String topic, int partition, long offset, long id, String name, long lsn, String op) {
        Struct envelope = new Struct(ENVELOPE).put("op", op).put("source", new Struct(SOURCE).put("connector", "postgresql").put("lsn", lsn));
        if ("d".equals(op)) {
            envelope.put("before", row(OPTIONAL_VALUE, id, name));
        } else {
            envelope.put("after", row(OPTIONAL_VALUE, id, name));
        }
        return new SinkRecord(topic, partition, KEY, key(id), ENVELOPE, envelope, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME);
    }

    /** Our log mode's truncate: op t, null key and value, the truncate's position. */
    static SinkRecord truncate(String topic, int partition, long offset, long position) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, RecordHeaders.OP_TRUNCATE);
        headers.addLong(RecordHeaders.POSITION, position);
        headers.addString(RecordHeaders.TABLE, "public.items");
        return new SinkRecord(topic, partition, null, null, null, null, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME, headers);
    }

    /** Debezium's truncate event (truncate.handling.mode=include): op t, no before or after, no key. */
    static SinkRecord debeziumTruncate(String topic, int partition, long offset, long lsn) {
        Struct envelope = new Struct(ENVELOPE).put("op", "t").put("source", new Struct(SOURCE).put("connector", "postgresql").put("lsn", lsn));
        return new SinkRecord(topic, partition, null, null, ENVELOPE, envelope, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME);
    }

    static SinkRecord tombstone(String topic, int partition, long offset, long id) {
        return new SinkRecord(topic, partition, KEY, key(id), null, null, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME);
    }

    private static Schema optional(Schema struct) {
        SchemaBuilder builder = SchemaBuilder.struct().name(struct.name()).optional();
        struct.fields().forEach(f -> builder.field(f.name(), f.schema()));
        return builder.build();
    }
}
