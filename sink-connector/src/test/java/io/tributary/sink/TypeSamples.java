package io.tributary.sink;

import io.tributary.common.LogicalTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.sink.SinkRecord;

/** One row with every type the sink maps (Connect, Tributary and Debezium logical types), and how to read each back. */
final class TypeSamples {

    static final Schema VARIABLE_SCALE = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).optional().build();
    static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    static final Schema VALUE = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
            .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
            .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("dec38", Decimal.builder(10).parameter("connect.decimal.precision", "38").optional().build())
            .field("dec50", Decimal.builder(5).parameter("connect.decimal.precision", "50").optional().build())
            .field("vdec", LogicalTypes.variableDecimal().optional().build())
            .field("dbzvdec", VARIABLE_SCALE)
            .field("txt", Schema.OPTIONAL_STRING_SCHEMA)
            .field("doc", LogicalTypes.json().optional().build())
            .field("uid", LogicalTypes.uuid().optional().build())
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("day", Date.builder().optional().build())
            .field("dbzday", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
            .field("tod", LogicalTypes.microTime().optional().build())
            .field("ctod", Time.builder().optional().build())
            .field("ts", LogicalTypes.microTimestamp().optional().build())
            .field("tstz", LogicalTypes.microTimestampTz().optional().build())
            .field("zts", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
            .field("nts", SchemaBuilder.int64().name("io.debezium.time.NanoTimestamp").optional().build())
            .field("ints", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("empty", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static final BigDecimal DEC38 = new BigDecimal("1234567890123456789012345678.0123456789");
    private static final BigDecimal DEC50 = new BigDecimal("123456789012345678901234567890123456789012345.12345");
    private static final String VDEC = "98765432109876543210987654321.000000000000000000001";
    private static final LocalDateTime TS = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000);

    private TypeSamples() {
    }

    static SinkRecord record(String topic) {
        Struct value = new Struct(VALUE).put("id", 1L).put("i8", (byte) -7).put("i16", (short) 32000)
                .put("f32", 1.5f).put("f64", -2.25e10).put("flag", true)
                .put("dec38", DEC38).put("dec50", DEC50).put("vdec", VDEC)
                .put("dbzvdec", new Struct(VARIABLE_SCALE).put("scale", 3).put("value", BigInteger.valueOf(-1234567).toByteArray()))
                .put("txt", "zß水🙂").put("doc", "{\"a\": 1.10}").put("uid", "123e4567-e89b-12d3-a456-426614174000")
                .put("blob", new byte[] {0, 1, 2, (byte) 255})
                .put("day", java.util.Date.from(LocalDate.of(1969, 7, 20).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .put("dbzday", (int) LocalDate.of(2038, 1, 19).toEpochDay())
                .put("tod", LocalTime.of(23, 59, 59, 999_999_000).toNanoOfDay() / 1000)
                .put("ctod", java.util.Date.from(LocalTime.of(12, 30, 0, 250_000_000).atDate(LocalDate.EPOCH).toInstant(ZoneOffset.UTC)))
                .put("ts", TS.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 999_999)
                .put("tstz", TS.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 999_999)
                .put("zts", "2024-03-01T10:15:30.123456+02:00")
                .put("nts", TS.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + 999_999_000)
                .put("ints", Arrays.asList(1, null, 3))
                .put("tags", Arrays.asList("a", "b\"c", "x,y {z}", null, "back\\slash"))
                .put("empty", "");
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", 1L), VALUE, value, 0, 0L, TimestampType.CREATE_TIME);
    }

    /** A row with only its key: every other column NULL. */
    static SinkRecord nulls(String topic) {
        Struct value = new Struct(VALUE).put("id", 2L);
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", 2L), VALUE, value, 1, 0L, TimestampType.CREATE_TIME);
    }

    /** Column to the value read back, normalized so both databases compare alike. */
    static Map<String, Object> expected() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("i8", -7L);
        values.put("i16", 32000L);
        values.put("f32", 1.5);
        values.put("f64", -2.25e10);
        values.put("flag", true);
        values.put("dec38", DEC38);
        values.put("dec50", DEC50);
        values.put("vdec", new BigDecimal(VDEC));
        values.put("dbzvdec", new BigDecimal("-1234.567"));
        values.put("txt", "zß水🙂");
        values.put("doc", "{\"a\": 1.10}");
        values.put("uid", "123e4567-e89b-12d3-a456-426614174000");
        values.put("blob", List.of(0, 1, 2, 255));
        values.put("day", LocalDate.of(1969, 7, 20));
        values.put("dbzday", LocalDate.of(2038, 1, 19));
        values.put("tod", LocalTime.of(23, 59, 59, 999_999_000));
        values.put("ctod", LocalTime.of(12, 30, 0, 250_000_000));
        values.put("ts", TS);
        values.put("tstz", TS.toInstant(ZoneOffset.UTC));
        values.put("zts", OffsetDateTime.parse("2024-03-01T10:15:30.123456+02:00").toInstant());
        values.put("nts", TS);
        values.put("ints", List.of("1", "null", "3"));
        values.put("tags", List.of("a", "b\"c", "x,y {z}", "null", "back\\slash"));
        values.put("empty", "");
        return values;
    }

    /** Reads one column of the current row the same way from PostgreSQL and DuckDB. */
    static Object read(ResultSet rs, String column) throws SQLException {
        return switch (column) {
            case "i8", "i16" -> rs.getLong(column);
            case "f32", "f64" -> rs.getDouble(column);
            case "flag" -> rs.getBoolean(column);
            case "dec38", "dec50", "vdec", "dbzvdec" -> new BigDecimal(rs.getString(column));
            case "blob" -> {
                byte[] bytes = rs.getBytes(column);
                List<Integer> list = new java.util.ArrayList<>();
                for (byte b : bytes) {
                    list.add(b & 0xFF);
                }
                yield list;
            }
            case "day", "dbzday" -> rs.getObject(column, LocalDate.class);
            case "tod", "ctod" -> rs.getObject(column, LocalTime.class);
            case "ts", "nts" -> rs.getObject(column, LocalDateTime.class);
            case "tstz", "zts" -> rs.getObject(column, OffsetDateTime.class).toInstant();
            case "ints", "tags" -> {
                Array array = rs.getArray(column);
                yield Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
            }
            default -> rs.getString(column);
        };
    }
}
