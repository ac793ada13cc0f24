package io.tributary.source.dialect.postgres;

import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.Micros;
import io.tributary.source.schema.StringMapping;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * PostgreSQL {@code timetz} as STRING: the time of day in UTC, ISO with six fraction digits and
 * {@code Z}, e.g. {@code 12:34:56.5+05:30} becomes {@code 07:04:56.500000Z}. The stored offset is not
 * kept: pgjdbc's binary transfer (server-prepared statements) hands out only the UTC form, and the
 * value must not depend on the transfer mode. {@code 24:00:00+00} stays {@code 24:00:00.000000Z}.
 * So a timetz cannot be a key: PostgreSQL orders equal UTC times by their offset, and a resume point
 * without the offset would skip rows.
 */
final class TimeTzMapping extends StringMapping {

    TimeTzMapping(ColumnInfo column) {
        super(column, SchemaBuilder::string, null, Bind.SERVER_TYPED);
    }

    @Override
    public String keyProblem() {
        return "its value keeps the UTC time but not the offset, while PostgreSQL orders equal UTC times by offset:"
                + " a resume point could skip rows";
    }

    @Override
    protected String text(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        return text == null ? null : canonical(text);
    }

    String canonical(String text) {
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        int end = text.endsWith("Z") ? text.length() - 1 : sign;
        if (end <= 0) {
            throw error("unexpected timetz text '" + text + "'");
        }
        try {
            String time = text.substring(0, end);
            ZoneOffset offset = end == sign ? ZoneOffset.of(text.substring(sign)) : ZoneOffset.UTC;
            boolean endOfDay = time.startsWith("24:");
            if (endOfDay && offset.getTotalSeconds() == 0) {
                return "24:00:00.000000Z";
            }
            LocalTime local = endOfDay ? LocalTime.MIDNIGHT : LocalTime.parse(time);
            return Micros.TIME.format(local.minusSeconds(offset.getTotalSeconds())) + "Z";
        } catch (DateTimeParseException e) {
            throw error("unexpected timetz text '" + text + "'", e);
        }
    }
}
