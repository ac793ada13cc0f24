package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * {@code date} as Connect {@code Date}: a {@link java.util.Date} at UTC midnight, read through
 * {@link LocalDate} so dates before 1970 and after 9999 stay exact. A date {@code infinity} (a driver
 * reads it as {@link LocalDate#MAX}) has no Connect Date form: reading it fails with the column's name
 * (offsets and positions still accept {@code "infinity"} / {@code "-infinity"}, as
 * {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}).
 */
public final class DateMapping extends BaseMapping {

    private static final String INFINITY = "infinity";
    private static final String MINUS_INFINITY = "-infinity";

    public DateMapping(ColumnInfo column) {
        super(column);
    }

    @Override
    protected SchemaBuilder builder() {
        return Date.builder();
    }

    @Override
    @SuppressWarnings("JavaUtilDate") // Connect's Date logical type is a java.util.Date
    public Object read(ResultSet rs, int index) throws SQLException {
        LocalDate value = rs.getObject(index, LocalDate.class);
        if (value == null) {
            return null;
        }
        if (value.equals(LocalDate.MAX) || value.equals(LocalDate.MIN)) {
            throw error("date " + (value.equals(LocalDate.MAX) ? INFINITY : MINUS_INFINITY)
                    + " has no Connect Date form; cast or filter it in the source");
        }
        return new java.util.Date(Math.multiplyExact(value.toEpochDay(), 86_400_000L));
    }

    @Override
    @SuppressWarnings("JavaUtilDate") // Connect's Date logical type is a java.util.Date
    public Object offsetValue(Object value) {
        return value == null ? null : LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L)).toString();
    }

    private LocalDate parse(Object offsetValue) {
        String text = offsetValue.toString();
        if (text.equals(INFINITY)) {
            return LocalDate.MAX;
        }
        if (text.equals(MINUS_INFINITY)) {
            return LocalDate.MIN;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw error("offset value '" + text + "' is not a date", e);
        }
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, parse(offsetValue));
        }
    }

    @Override
    public Long position(Object offsetValue) {
        if (offsetValue == null) {
            return null;
        }
        LocalDate value = parse(offsetValue);
        return value.equals(LocalDate.MAX) ? Long.MAX_VALUE
                : value.equals(LocalDate.MIN) ? Long.MIN_VALUE : Micros.of(value);
    }
}
