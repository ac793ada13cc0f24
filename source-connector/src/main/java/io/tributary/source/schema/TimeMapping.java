package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * {@code time(n)} as INT64 microseconds. PostgreSQL's time is a time of day: {@code MicroTime}, read
 * as {@link LocalTime}, {@code 24:00:00} is 86,400,000,000. MariaDB's TIME is a duration from
 * -838:59:59.999999 to 838:59:59.999999: {@code MicroDuration}, parsed from its text, signed and
 * beyond a day as it is (a consumer must not read it as a time of day). Offsets hold the time as text
 * with six fraction digits.
 */
final class TimeMapping extends BaseMapping {

    private static final Pattern DURATION = Pattern.compile("(-?)(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");
    private static final String MIDNIGHT_END = "24:00:00.000000";

    TimeMapping(ColumnInfo column, DatabaseKind kind) {
        super(column, kind);
    }

    @Override
    protected SchemaBuilder builder() {
        return kind == DatabaseKind.MARIADB ? LogicalTypes.microDuration() : LogicalTypes.microTime();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        if (kind == DatabaseKind.MARIADB) {
            String text = rs.getString(index);
            return text == null ? null : durationMicros(text);
        }
        LocalTime value = rs.getObject(index, LocalTime.class);
        if (value == null) {
            return null;
        }
        return value.equals(LocalTime.MAX) ? Micros.PER_DAY : Micros.of(value); // pgjdbc reads 24:00 as MAX
    }

    long durationMicros(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw error("unexpected time text '" + text + "'");
        }
        String fraction = m.group(5) == null ? "" : m.group(5);
        long micros = ((Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4)))
                * Micros.PER_SECOND + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6)));
        return m.group(1).isEmpty() ? micros : -micros;
    }

    /** @return {@code [-]H:MM:SS.ffffff}, MariaDB's own TIME notation with six fraction digits */
    static String durationText(long micros) {
        long abs = Math.abs(micros);
        long seconds = abs / Micros.PER_SECOND;
        return String.format(java.util.Locale.ROOT, "%s%02d:%02d:%02d.%06d", micros < 0 ? "-" : "",
                seconds / 3600, seconds / 60 % 60, seconds % 60, abs % Micros.PER_SECOND);
    }

    @Override
    public Object offsetValue(ResultSet rs, int index) throws SQLException {
        if (kind == DatabaseKind.MARIADB) {
            String text = rs.getString(index);
            return text == null ? null : durationText(durationMicros(text));
        }
        LocalTime value = rs.getObject(index, LocalTime.class);
        return value == null ? null : value.equals(LocalTime.MAX) ? MIDNIGHT_END : Micros.TIME.format(value);
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.TIME);
        } else if (kind == DatabaseKind.MARIADB) {
            ps.setString(index, offsetValue.toString());
        } else {
            String text = offsetValue.toString();
            try {
                ps.setObject(index, text.startsWith("24:") ? LocalTime.MAX : LocalTime.parse(text));
            } catch (DateTimeParseException e) {
                throw error("offset value '" + text + "' is not a time", e);
            }
        }
    }
}
