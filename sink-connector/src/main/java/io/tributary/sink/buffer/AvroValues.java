package io.tributary.sink.buffer;

import io.tributary.sink.schema.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts a Connect value to its staged Avro value, exactly (no rounding), by the column's encoding.
 * Times of day are never wrapped into a day (a value outside 00:00:00..24:00:00 is for the
 * destination's {@code ValueGuard} to refuse); timestamps of {@link Long#MAX_VALUE} /
 * {@link Long#MIN_VALUE} in any unit are +/-infinity (Debezium's and our source's convention) and are
 * staged as those two values.
 */
public final class AvroValues {

    private AvroValues() {
    }

    /** @throws DataException when the value does not fit the column (the record goes to the DLQ) */
    public static Object toAvro(Column column, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return convert(column, value);
        } catch (ClassCastException | ArithmeticException | IllegalArgumentException | DateTimeException e) {
            throw new DataException("column " + column.name() + ": cannot stage " + value.getClass().getSimpleName()
                    + " as " + column.type() + ": " + e.getMessage(), e);
        }
    }

    private static Object convert(Column column, Object value) {
        return switch (column.encoding()) {
            case AS_IS -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value instanceof Short s ? s.intValue() : value;
            case BYTE -> ((Number) value).intValue();
            case CONNECT_DECIMAL -> decimal(column, (BigDecimal) value);
            case CONNECT_DATE -> Math.toIntExact(Math.floorDiv(epochMillis(value), 86_400_000L));
            case CONNECT_TIME -> epochMillis(value) * 1000L;
            case CONNECT_TIMESTAMP -> Math.multiplyExact(epochMillis(value), 1000L);
            case EPOCH_DAYS -> ((Number) value).intValue();
            case MILLIS -> infinityOr(((Number) value).longValue(), v -> Math.multiplyExact(v, 1000L));
            case MICROS -> ((Number) value).longValue();
            case NANOS -> infinityOr(((Number) value).longValue(), v -> Math.floorDiv(v, 1000L));
            case DURATION_MICROS -> TemporalText.duration(((Number) value).longValue());
            case ZONED_STRING -> micros(OffsetDateTime.parse((String) value));
            case DEBEZIUM_VARIABLE_DECIMAL -> {
                Struct struct = (Struct) value;
                byte[] unscaled = struct.getBytes("value");
                yield new BigDecimal(new BigInteger(unscaled), struct.getInt32("scale")).toPlainString();
            }
            case DECIMAL_STRING -> new BigDecimal(((String) value).trim()).toPlainString();
            case ARRAY -> array(column, (Collection<?>) value);
        };
    }

    /** Long.MAX_VALUE and Long.MIN_VALUE (infinity) stay as they are; other values are converted to microseconds. */
    private static long infinityOr(long value, LongUnaryOperator toMicros) {
        return value == Long.MAX_VALUE || value == Long.MIN_VALUE ? value : toMicros.applyAsLong(value);
    }

    /**
     * The milliseconds of a Connect Date, Time or Timestamp value. Those logical types are
     * {@code java.util.Date} (so the suppression); getTime(), as java.sql.Date and java.sql.Time, which
     * Connect accepts too, throw on toInstant().
     */
    @SuppressWarnings("JavaUtilDate")
    private static long epochMillis(Object connectDate) {
        return ((Date) connectDate).getTime();
    }

    private static ByteBuffer decimal(Column column, BigDecimal value) {
        BigDecimal scaled = value.setScale(column.type().scale(), RoundingMode.UNNECESSARY);
        return ByteBuffer.wrap(scaled.unscaledValue().toByteArray());
    }

    private static long micros(OffsetDateTime time) {
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000L), time.getNano() / 1000L);
    }

    private static List<Object> array(Column column, Collection<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object element : values) {
            out.add(toAvro(column.element(), element));
        }
        return out;
    }
}
