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
 *   <li>{@link Mode#WALL_CLOCK}: PostgreSQL {@code timestamp}, MariaDB {@code datetime(n)} as
 *       {@code MicroTimestamp} (wall clock read as UTC);</li>
 *   <li>{@link Mode#UTC_WALL_CLOCK}: MariaDB {@code timestamp(n)} as {@code MicroTimestampTz}. The
 *       server shows it in the session time zone, so the session must be UTC:
 *       see {@link SessionSettings#apply};</li>
 *   <li>{@link Mode#INSTANT}: PostgreSQL {@code timestamptz} as {@code MicroTimestampTz}, read as an
 *       {@link OffsetDateTime} whatever the session time zone.</li>
 * </ul>
 * PostgreSQL {@code infinity} / {@code -infinity} become {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}
 * (Debezium's convention), and {@code "infinity"} / {@code "-infinity"} in offsets.
 */
final class TimestampMapping extends BaseMapping {

    enum Mode { WALL_CLOCK, UTC_WALL_CLOCK, INSTANT }

    private static final String INFINITY = "infinity";
    private static final String MINUS_INFINITY = "-infinity";

    private final Mode mode;

    TimestampMapping(ColumnInfo column, DatabaseKind kind, Mode mode) {
        super(column, kind);
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
    public Object offsetValue(ResultSet rs, int index) throws SQLException {
        LocalDateTime value = utcWallClock(rs, index);
        if (value == null) {
            return null;
        }
        if (value.equals(LocalDateTime.MAX)) {
            return INFINITY;
        }
        if (value.equals(LocalDateTime.MIN)) {
            return MINUS_INFINITY;
        }
        return mode == Mode.WALL_CLOCK ? Micros.format(value) : Micros.formatUtc(value.toInstant(ZoneOffset.UTC));
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
