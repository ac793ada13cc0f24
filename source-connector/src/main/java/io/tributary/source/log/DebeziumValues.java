package io.tributary.source.log;

import io.tributary.common.LogicalTypes;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns a value of Debezium's log reader into the value the same column has in a snapshot row, so a
 * topic's records look the same whether a chunk or the log produced them (docs/record-contract.md).
 * The target is the column's field schema in our value schema; Debezium's field schema says the unit
 * (its time types are milli-, micro- or nanoseconds); decimals come as plain text
 * ({@code decimal.handling.mode=string}, which keeps the scale as stored). A value with no exact form in the
 * target fails with the column's name, never a rounded value.
 */
final class DebeziumValues {

    static final String DBZ_DATE = "io.debezium.time.Date";
    static final String DBZ_TIME = "io.debezium.time.Time";
    static final String DBZ_MICRO_TIME = "io.debezium.time.MicroTime";
    static final String DBZ_NANO_TIME = "io.debezium.time.NanoTime";
    static final String DBZ_TIMESTAMP = "io.debezium.time.Timestamp";
    static final String DBZ_MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final String DBZ_NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    static final String DBZ_ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    static final String DBZ_ZONED_TIME = "io.debezium.time.ZonedTime";
    static final String DBZ_VARIABLE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    /** Debezium's infinity timestamps, in their own unit, are this far out; ours are Long.MAX_VALUE / MIN_VALUE. */
    private static final long INFINITY_MICROS = 9_223_372_036_825_200_000L;
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private DebeziumValues() {
    }

    /**
     * @param value Debezium's value (null stays null)
     * @param source Debezium's field schema
     * @param target the field schema of the same column in our value schema
     * @param column the column, for errors
     */
    static Object convert(Object value, Schema source, Schema target, String column) {
        if (value == null) {
            return null;
        }
        try {
            return convertNonNull(value, source, target, column);
        } catch (ArithmeticException | ClassCastException | DateTimeParseException | IllegalArgumentException e) {
            throw new DataException("column " + column + ": cannot turn the log's " + describe(source) + " value '" + value
                    + "' into " + describe(target) + ": " + e.getMessage(), e);
        }
    }

    private static Object convertNonNull(Object value, Schema source, Schema target, String column) {
        String name = target.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            int scale = Integer.parseInt(target.parameters().get(Decimal.SCALE_FIELD));
            return decimal(value, source).setScale(scale); // throws rather than round
        }
        if (LogicalTypes.VARIABLE_DECIMAL.equals(name)) {
            return decimal(value, source).toPlainString();
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return connectDate(value, source);
        }
        if (LogicalTypes.MICRO_TIMESTAMP.equals(name) || LogicalTypes.MICRO_TIMESTAMP_TZ.equals(name)) {
            return timestampMicros(value, source);
        }
        if (LogicalTypes.MICRO_TIME.equals(name) || LogicalTypes.MICRO_DURATION.equals(name)) {
            return timeMicros(value, source);
        }
        if (DBZ_ZONED_TIME.equals(source.name())) {
            return utcTime(value.toString());
        }
        return switch (target.type()) {
            case INT8 -> (byte) narrow(integer(value), Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> (short) narrow(integer(value), Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> Math.toIntExact(integer(value));
            case INT64 -> integer(value);
            case FLOAT32 -> ((Number) value).floatValue();
            case FLOAT64 -> ((Number) value).doubleValue();
            case BOOLEAN -> value instanceof Boolean b ? b : integer(value) != 0;
            case STRING -> {
                if (value instanceof ByteBuffer || value instanceof byte[]) {
                    throw noConversion(value);
                }
                yield value.toString();
            }
            case BYTES -> value instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) value;
            case ARRAY -> array(value, source, target, column);
            default -> throw noConversion(value);
        };
    }

    private static BigDecimal decimal(Object value, Schema source) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Struct struct && DBZ_VARIABLE_DECIMAL.equals(source.name())) {
            int scale = struct.getInt32("scale");
            byte[] unscaled = struct.getBytes("value");
            return new BigDecimal(new java.math.BigInteger(unscaled), scale);
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return new BigDecimal(value.toString()); // NaN and Infinity fail here, naming the column
    }

    private static long timestampMicros(Object value, Schema source) {
        String unit = source.name() == null ? "" : source.name();
        if (DBZ_ZONED_TIMESTAMP.equals(unit)) {
            String text = value.toString();
            if ("infinity".equals(text)) {
                return Long.MAX_VALUE;
            }
            if ("-infinity".equals(text)) {
                return Long.MIN_VALUE;
            }
            Instant instant = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text));
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        }
        long raw = isDate(value) ? millis(value) * 1_000L : integer(value);
        long infinity = DBZ_TIMESTAMP.equals(unit) ? INFINITY_MICROS / 1_000 : INFINITY_MICROS;
        if (raw >= infinity) {
            return Long.MAX_VALUE;
        }
        if (raw <= -infinity) {
            return Long.MIN_VALUE;
        }
        return switch (unit) {
            case DBZ_TIMESTAMP -> Math.multiplyExact(raw, 1_000L);
            case DBZ_NANO_TIMESTAMP -> Math.floorDiv(raw, 1_000L);
            default -> raw;
        };
    }

    private static long timeMicros(Object value, Schema source) {
        String unit = source.name() == null ? "" : source.name();
        if (isDate(value)) {
            return millis(value) * 1_000L;
        }
        long raw = integer(value);
        return switch (unit) {
            case DBZ_TIME -> raw * 1_000L;
            case DBZ_NANO_TIME -> Math.floorDiv(raw, 1_000L);
            default -> raw;
        };
    }

    /** Debezium's timetz text (ISO, any offset, 0-9 fraction digits) as ours: UTC, six digits, {@code Z}. */
    static String utcTime(String text) {
        OffsetTime time = OffsetTime.parse(text);
        LocalTime utc = time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
        return UTC_TIME.format(utc) + "Z";
    }

    /** Connect's Date logical type is a java.util.Date at UTC midnight; Debezium's is days since the epoch. */
    @SuppressWarnings("JavaUtilDate")
    private static java.util.Date connectDate(Object value, Schema source) {
        long days = DBZ_DATE.equals(source.name()) ? ((Number) value).longValue() : Math.floorDiv(millis(value), TimeUnit.DAYS.toMillis(1));
        return new java.util.Date(TimeUnit.DAYS.toMillis(days));
    }

    private static boolean isDate(Object value) {
        return value instanceof java.util.Date;
    }

    @SuppressWarnings("JavaUtilDate") // Connect's time logical types are java.util.Date
    private static long millis(Object value) {
        return ((java.util.Date) value).getTime();
    }

    private static List<Object> array(Object value, Schema source, Schema target, String column) {
        List<?> items = (List<?>) value;
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(convert(item, source.valueSchema(), target.valueSchema(), column));
        }
        return out;
    }

    private static long integer(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (value instanceof java.math.BigInteger big) {
            return big.longValueExact();
        }
        return ((Number) value).longValue();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static long narrow(long value, long min, long max) {
        if (value < min || value > max) {
            throw new ArithmeticException(value + " does not fit");
        }
        return value;
    }

    private static IllegalArgumentException noConversion(Object value) {
        return new IllegalArgumentException("no conversion from " + value.getClass().getSimpleName());
    }

    private static String describe(Schema schema) {
        return schema.type() + (schema.name() == null ? "" : " " + schema.name());
    }
}
