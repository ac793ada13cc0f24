package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * A time of day ({@code time(n)}) as INT64 microseconds {@code MicroTime}, read as {@link LocalTime};
 * {@code 24:00:00} (which a driver reads as {@link LocalTime#MAX}) is 86,400,000,000. Offsets hold the
 * time as text with six fraction digits. (A time type that holds durations beyond a day is its
 * dialect's own mapping.)
 */
public final class TimeOfDayMapping extends BaseMapping {

    private static final String MIDNIGHT_END = "24:00:00.000000";

    public TimeOfDayMapping(ColumnInfo column) {
        super(column);
    }

    @Override
    protected SchemaBuilder builder() {
        return LogicalTypes.microTime();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        LocalTime value = rs.getObject(index, LocalTime.class);
        if (value == null) {
            return null;
        }
        return value.equals(LocalTime.MAX) ? Micros.PER_DAY : Micros.of(value);
    }

    @Override
    public Object offsetValue(Object value) {
        if (value == null) {
            return null;
        }
        long micros = (Long) value;
        return micros == Micros.PER_DAY ? MIDNIGHT_END : Micros.TIME.format(LocalTime.ofNanoOfDay(micros * 1_000L));
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.TIME);
            return;
        }
        String text = offsetValue.toString();
        try {
            ps.setObject(index, text.startsWith("24:") ? LocalTime.MAX : LocalTime.parse(text));
        } catch (DateTimeParseException e) {
            throw error("offset value '" + text + "' is not a time", e);
        }
    }
}
