package io.tributary.source.dialect.postgres;

import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.Micros;
import io.tributary.source.schema.StringMapping;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.postgresql.util.PGInterval;

/**
 * PostgreSQL {@code interval} as STRING in ISO-8601 with every field, e.g. {@code P1Y2M-3DT4H5M6.5S}.
 * PostgreSQL keeps months, days and seconds apart and lets each carry its own sign, so each field
 * keeps its own sign here too (as Debezium's string mode does); nothing is normalised.
 */
final class IntervalMapping extends StringMapping {

    IntervalMapping(ColumnInfo column) {
        super(column, SchemaBuilder::string, null, Bind.SERVER_TYPED);
    }

    @Override
    protected String text(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        PGInterval interval = value instanceof PGInterval i ? i : new PGInterval(value.toString());
        return iso(interval);
    }

    static String iso(PGInterval interval) {
        long micros = interval.getWholeSeconds() * Micros.PER_SECOND + interval.getMicroSeconds();
        String seconds = BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
        return "P" + interval.getYears() + "Y" + interval.getMonths() + "M" + interval.getDays() + "D"
                + "T" + interval.getHours() + "H" + interval.getMinutes() + "M" + seconds + "S";
    }
}
