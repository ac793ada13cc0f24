package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Timestamps as INT64 microseconds, read through java.time (never {@code java.sql.Timestamp}):
 * <ul>
 *   <li>{@link Mode#WALL_CLOCK}: a timestamp without time zone as {@code MicroTimestamp} (wall clock
 *       read as UTC);</li>
 *   <li>{@link Mode#UTC_WALL_CLOCK}: an instant the server shows in the session's time zone, as
 *       {@code MicroTimestampTz}: the dialect keeps its sessions in UTC, so the wall clock it shows is
 *       the UTC instant;</li>
 *   <li>{@link Mode#INSTANT}: a timestamp with time zone as {@code MicroTimestampTz}, read as an
 *       {@link OffsetDateTime} whatever the session time zone.</li>
 * </ul>
 * {@code infinity} / {@code -infinity} (which drivers read as the java.time MAX / MIN) become
 * {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} (Debezium's convention), and {@code "infinity"} /
 * {@code "-infinity"} in offsets.
 */
public final class TimestampMapping extends BaseMapping {

    /** How the column's value relates to an instant. */
    public enum Mode { WALL_CLOCK, UTC_WALL_CLOCK, INSTANT }

    private static final String INFINITY = "infinity";
    private static final String MINUS_INFINITY = "-infinity";

    private final Mode mode;

    public TimestampMapping(ColumnInfo column, Mode mode) {
        super(column);
        this.mode = mode;
    }

    @Override
    protected SchemaBuilder builder() {
        return mode == Mode.WALL_CLOCK ? LogicalTypes.microTimestamp() : LogicalTypes.microTimestampTz();
    }

    /** @return the value as UTC wall clock, LocalDateTime.MAX / MIN for infinity, or null */
    private LocalDateTime utcWallClock(ResultSet rs, int index) throws SQLException {
        if (mode != Mode.INSTANT) {
            return rs.getObject(index, LocalDateTime.class);
        }
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        if (value == null) {
            return null;
        }
        if (value.equals(OffsetDateTime.MAX)) {
            return LocalDateTime.MAX;
        }
        if (value.equals(OffsetDateTime.MIN)) {
            return LocalDateTime.MIN;
        }
        return value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        LocalDateTime value = utcWallClock(rs, index);
        if (value == null) {
            return null;
        }
        if (value.equals(LocalDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (value.equals(LocalDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        try {
            return Micros.of(value);
        } catch (ArithmeticException e) {
            throw error("value " + value + " is beyond the range of INT64 microseconds", e);
        }
    }

    @Override
    public Object offsetValue(Object value) {
        if (value == null) {
            return null;
        }
        long micros = (Long) value;
        if (micros == Long.MAX_VALUE) {
            return INFINITY;
        }
        if (micros == Long.MIN_VALUE) {
            return MINUS_INFINITY;
        }
        LocalDateTime wallClock = Micros.toLocalDateTime(micros);
        return mode == Mode.WALL_CLOCK ? Micros.format(wallClock) : Micros.formatUtc(wallClock.toInstant(ZoneOffset.UTC));
    }

    /** @return the offset value as UTC wall clock; LocalDateTime.MAX / MIN for infinity */
    private LocalDateTime parse(Object offsetValue) {
        String text = offsetValue.toString();
        if (text.equals(INFINITY)) {
            return LocalDateTime.MAX;
        }
        if (text.equals(MINUS_INFINITY)) {
            return LocalDateTime.MIN;
        }
        try {
            return mode == Mode.WALL_CLOCK ? Micros.parseLocal(text)
                    : Micros.parseUtc(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw error("offset value '" + text + "' is not a timestamp", e);
        }
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, mode == Mode.INSTANT ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
            return;
        }
        LocalDateTime value = parse(offsetValue);
        if (mode != Mode.INSTANT) {
            ps.setObject(index, value);
        } else if (value.equals(LocalDateTime.MAX)) {
            ps.setObject(index, OffsetDateTime.MAX);
        } else if (value.equals(LocalDateTime.MIN)) {
            ps.setObject(index, OffsetDateTime.MIN);
        } else {
            ps.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    @Override
    public Long position(Object offsetValue) {
        if (offsetValue == null) {
            return null;
        }
        LocalDateTime value = parse(offsetValue);
        if (value.equals(LocalDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (value.equals(LocalDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        return Micros.of(Instant.from(value.atOffset(ZoneOffset.UTC)));
    }
}
