package io.tributary.sink.schema;

import io.tributary.common.LogicalTypes;
import io.tributary.sink.schema.ColumnType.Kind;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps a Connect field schema to a {@link Column}: Connect's logical types, Tributary's
 * ({@link LogicalTypes}) and Debezium's {@code io.debezium.time.*} / {@code io.debezium.data.*}.
 */
public final class ConnectTypes {

    private static final String DECIMAL_PRECISION = "connect.decimal.precision";

    private ConnectTypes() {
    }

    /** @throws DataException if the schema has no column representation (struct, map) */
    public static Column column(String name, Schema schema, boolean key) {
        Column column = mapped(name, schema);
        return key ? column.asKey() : column;
    }

    private static Column mapped(String name, Schema schema) {
        String logical = schema.name();
        if (logical != null) {
            Column byName = byName(name, logical, schema);
            if (byName != null) {
                return byName;
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> simple(name, Kind.BOOLEAN);
            case INT8 -> new Column(name, ColumnType.of(Kind.INT16), Encoding.BYTE, false, null);
            case INT16 -> simple(name, Kind.INT16);
            case INT32 -> simple(name, Kind.INT32);
            case INT64 -> simple(name, Kind.INT64);
            case FLOAT32 -> simple(name, Kind.FLOAT32);
            case FLOAT64 -> simple(name, Kind.FLOAT64);
            case STRING -> new Column(name, ColumnType.string(length(schema)), Encoding.AS_IS, false, null);
            case BYTES -> simple(name, Kind.BYTES);
            case ARRAY -> new Column(name, ColumnType.of(Kind.ARRAY), Encoding.ARRAY, false,
                    mapped("element", schema.valueSchema()));
            default -> throw new DataException("column " + name + ": Connect type " + schema.type()
                    + (logical == null ? "" : " (" + logical + ")") + " has no column type");
        };
    }

    private static Column byName(String name, String logical, Schema schema) {
        return switch (logical) {
            case Decimal.LOGICAL_NAME -> new Column(name, ColumnType.decimal(precision(schema), scale(schema)),
                    Encoding.CONNECT_DECIMAL, false, null);
            case Date.LOGICAL_NAME -> typed(name, Kind.DATE, Encoding.CONNECT_DATE);
            case Time.LOGICAL_NAME -> typed(name, Kind.TIME, Encoding.CONNECT_TIME);
            case Timestamp.LOGICAL_NAME -> typed(name, Kind.TIMESTAMP, Encoding.CONNECT_TIMESTAMP);
            case LogicalTypes.MICRO_TIMESTAMP, "io.debezium.time.MicroTimestamp" -> typed(name, Kind.TIMESTAMP, Encoding.MICROS);
            case LogicalTypes.MICRO_TIMESTAMP_TZ -> typed(name, Kind.TIMESTAMPTZ, Encoding.MICROS);
            case LogicalTypes.MICRO_TIME, "io.debezium.time.MicroTime" -> typed(name, Kind.TIME, Encoding.MICROS);
            case LogicalTypes.MICRO_DURATION -> typed(name, Kind.DURATION, Encoding.DURATION_MICROS);
            case LogicalTypes.JSON, "io.debezium.data.Json" -> typed(name, Kind.JSON, Encoding.AS_IS);
            case LogicalTypes.UUID, "io.debezium.data.Uuid" -> typed(name, Kind.UUID, Encoding.AS_IS);
            case LogicalTypes.VARIABLE_DECIMAL -> typed(name, Kind.VARIABLE_DECIMAL, Encoding.DECIMAL_STRING);
            case "io.debezium.time.Date" -> typed(name, Kind.DATE, Encoding.EPOCH_DAYS);
            case "io.debezium.time.Time" -> typed(name, Kind.TIME, Encoding.MILLIS);
            case "io.debezium.time.NanoTime" -> typed(name, Kind.TIME, Encoding.NANOS);
            case "io.debezium.time.Timestamp" -> typed(name, Kind.TIMESTAMP, Encoding.MILLIS);
            case "io.debezium.time.NanoTimestamp" -> typed(name, Kind.TIMESTAMP, Encoding.NANOS);
            case "io.debezium.time.ZonedTimestamp" -> typed(name, Kind.TIMESTAMPTZ, Encoding.ZONED_STRING);
            case "io.debezium.data.VariableScaleDecimal" -> typed(name, Kind.VARIABLE_DECIMAL, Encoding.DEBEZIUM_VARIABLE_DECIMAL);
            case "io.debezium.data.Xml", "io.debezium.data.Enum", "io.debezium.data.EnumSet",
                    "io.debezium.time.ZonedTime", "io.debezium.time.Interval" -> typed(name, Kind.STRING, Encoding.AS_IS);
            default -> null;
        };
    }

    private static Column simple(String name, Kind kind) {
        return typed(name, kind, Encoding.AS_IS);
    }

    private static Column typed(String name, Kind kind, Encoding encoding) {
        return new Column(name, ColumnType.of(kind), encoding, false, null);
    }

    private static int precision(Schema schema) {
        String value = parameters(schema).get(DECIMAL_PRECISION);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static int scale(Schema schema) {
        String value = parameters(schema).get(Decimal.SCALE_FIELD);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static int length(Schema schema) {
        String value = parameters(schema).get(LogicalTypes.PARAM_LENGTH);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> parameters(Schema schema) {
        return schema.parameters() == null ? Map.of() : schema.parameters();
    }
}
