package io.tributary.sink;

import io.tributary.common.LogicalTypes;
import io.tributary.common.RecordHeaders;
import java.math.BigDecimal;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Rows of a table whose source columns are widened: {@link #NARROW} (integer, varchar(10), numeric(6,2),
 * real, date, timestamp) and {@link #WIDE} (bigint, varchar(200), numeric(14,4), double, timestamp,
 * timestamptz), as our source sends them; {@link #WIDE_WITH_NOTE} also gains a column, {@link #WITHOUT_LABEL}
 * lost one.
 */
final class WideningRecords {

    static final Schema KEY = SchemaBuilder.struct().name("shop.public.w.Key").field("id", Schema.INT64_SCHEMA).build();
    static final Schema NARROW = value(Schema.OPTIONAL_INT32_SCHEMA, 10, 6, 2, Schema.OPTIONAL_FLOAT32_SCHEMA,
            Date.builder().optional().build(), SchemaBuilder.int64().name(LogicalTypes.MICRO_TIMESTAMP).optional().build(), false, true);
    static final Schema WIDE = value(Schema.OPTIONAL_INT64_SCHEMA, 200, 14, 4, Schema.OPTIONAL_FLOAT64_SCHEMA,
            SchemaBuilder.int64().name(LogicalTypes.MICRO_TIMESTAMP).optional().build(),
            SchemaBuilder.int64().name(LogicalTypes.MICRO_TIMESTAMP_TZ).optional().build(), false, true);
    static final Schema WIDE_WITH_NOTE = value(Schema.OPTIONAL_INT64_SCHEMA, 200, 14, 4, Schema.OPTIONAL_FLOAT64_SCHEMA,
            SchemaBuilder.int64().name(LogicalTypes.MICRO_TIMESTAMP).optional().build(),
            SchemaBuilder.int64().name(LogicalTypes.MICRO_TIMESTAMP_TZ).optional().build(), true, true);
    static final Schema WITHOUT_LABEL = value(Schema.OPTIONAL_INT32_SCHEMA, 10, 6, 2, Schema.OPTIONAL_FLOAT32_SCHEMA,
            Date.builder().optional().build(), SchemaBuilder.int64().name(LogicalTypes.MICRO_TIMESTAMP).optional().build(), false, false);

    private WideningRecords() {
    }

    private static Schema value(Schema n, int length, int precision, int scale, Schema ratio, Schema day, Schema at, boolean note,
            boolean label) {
        SchemaBuilder builder = SchemaBuilder.struct().name("shop.public.w.Value").field("id", Schema.INT64_SCHEMA).field("n", n);
        if (label) {
            builder.field("label", SchemaBuilder.string().optional().parameter(LogicalTypes.PARAM_LENGTH, String.valueOf(length)).build());
        }
        builder.field("amount", Decimal.builder(scale).parameter("connect.decimal.precision", String.valueOf(precision)).optional().build())
                .field("ratio", ratio).field("day", day).field("at", at);
        if (note) {
            builder.field("note", Schema.OPTIONAL_STRING_SCHEMA);
        }
        return builder.build();
    }

    /** A row of {@code schema}: its fields set from {@code values} in order after id (n, label, amount, ratio, day, at[, note]). */
    static SinkRecord record(String topic, long offset, long position, Schema schema, long id, Object... values) {
        Struct row = new Struct(schema).put("id", id);
        int i = 0;
        for (org.apache.kafka.connect.data.Field field : schema.fields()) {
            if (!field.name().equals("id")) {
                row.put(field, values[i++]);
            }
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, "u");
        headers.addLong(RecordHeaders.POSITION, position);
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), schema, row, offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, headers);
    }

    static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }
}
