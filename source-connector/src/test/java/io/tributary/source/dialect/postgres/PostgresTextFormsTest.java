package io.tributary.source.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.source.schema.ColumnInfo;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

/** PostgreSQL's text forms: timetz as the UTC time of day, interval as ISO with signed fields. */
class PostgresTextFormsTest {

    private static ColumnInfo column(String type) {
        return new ColumnInfo("c", Types.OTHER, type, 0, null, true, 1);
    }

    @Test
    void timetzIsTheUtcTimeOfDayWithSixFractionDigits() {
        TimeTzMapping mapping = new TimeTzMapping(column("timetz"));
        assertEquals("07:04:56.500000Z", mapping.canonical("12:34:56.5+05:30"));
        assertEquals("07:04:56.500000Z", mapping.canonical("07:04:56.5Z"), "the binary-transfer form");
        assertEquals("09:02:03.000000Z", mapping.canonical("01:02:03-08"));
        assertEquals("20:00:00.000000Z", mapping.canonical("01:00:00+05"), "wraps around midnight");
        assertEquals("00:00:00.000000Z", mapping.canonical("00:00:00+00"));
        assertEquals("24:00:00.000000Z", mapping.canonical("24:00:00+00"));
        assertEquals("23:00:00.000000Z", mapping.canonical("24:00:00+01"));
        assertThrows(DataException.class, () -> mapping.canonical("noon"));
    }

    @Test
    void intervalIsIsoWithSignedFields() throws SQLException {
        assertEquals("P1Y2M-3DT4H5M6.5S", IntervalMapping.iso(new PGInterval("1 year 2 mons -3 days 04:05:06.5")));
        assertEquals("P0Y0M0DT0H0M-1.5S", IntervalMapping.iso(new PGInterval("-00:00:01.5")));
        assertEquals("P0Y0M0DT0H0M0S", IntervalMapping.iso(new PGInterval("00:00:00")));
        assertEquals("P0Y0M0DT0H0M0.000001S", IntervalMapping.iso(new PGInterval("00:00:00.000001")));
    }

}
