package io.tributary.source.dialect.mysql;

import io.tributary.common.LogicalTypes;
import io.tributary.source.schema.BaseMapping;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.Micros;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * MySQL/MariaDB {@code TIME}: a duration from -838:59:59.999999 to 838:59:59.999999, as INT64
 * microseconds {@code MicroDuration}, parsed from its text, signed and beyond a day as it is (a consumer
 * must not read it as a time of day). Offsets hold it in the server's own notation, six fraction digits.
 */
final class DurationMapping extends BaseMapping {

    private static final Pattern DURATION = Pattern.compile("(-?)(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");

    DurationMapping(ColumnInfo column) {
        super(column);
    }

    @Override
    protected SchemaBuilder builder() {
        return LogicalTypes.microDuration();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        return text == null ? null : micros(text);
    }

    long micros(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw error("unexpected time text '" + text + "'");
        }
        String fraction = m.group(5) == null ? "" : m.group(5);
        long micros = ((Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4)))
                * Micros.PER_SECOND + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6)));
        return m.group(1).isEmpty() ? micros : -micros;
    }

    /** @return {@code [-]H:MM:SS.ffffff}, the server's own TIME notation with six fraction digits */
    static String text(long micros) {
        long abs = Math.abs(micros);
        long seconds = abs / Micros.PER_SECOND;
        return String.format(Locale.ROOT, "%s%02d:%02d:%02d.%06d", micros < 0 ? "-" : "",
                seconds / 3600, seconds / 60 % 60, seconds % 60, abs % Micros.PER_SECOND);
    }

    @Override
    public Object offsetValue(Object value) {
        return value == null ? null : text((Long) value);
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.TIME);
        } else {
            ps.setString(index, offsetValue.toString());
        }
    }
}
