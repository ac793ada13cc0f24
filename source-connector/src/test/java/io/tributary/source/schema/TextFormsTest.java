package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

/** The text forms this package writes: timetz, MariaDB TIME, interval, offset timestamps. */
class TextFormsTest {

    private static ColumnInfo column(String type) {
        return new ColumnInfo("c", Types.OTHER, type, 0, null, true, 1);
    }

    @Test
    void timetzIsTheUtcTimeOfDayWithSixFractionDigits() {
        TimeTzMapping mapping = new TimeTzMapping(column("timetz"), DatabaseKind.POSTGRES);
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
    void mariaDbTimeIsASignedDuration() {
        TimeMapping mapping = new TimeMapping(column("time"), DatabaseKind.MARIADB);
        assertEquals(0L, mapping.durationMicros("00:00:00"));
        assertEquals(86_399_123_456L, mapping.durationMicros("23:59:59.123456"));
        assertEquals(-(838L * 3600 + 59 * 60 + 59) * 1_000_000L - 500_000L, mapping.durationMicros("-838:59:59.500000"));
        assertEquals(100 * 3_600_000_000L + 1_000L, mapping.durationMicros("100:00:00.001"));
        assertThrows(DataException.class, () -> mapping.durationMicros("12:00"));
        assertEquals("-838:59:59.500000", TimeMapping.durationText(mapping.durationMicros("-838:59:59.5")));
        assertEquals("00:00:00.000000", TimeMapping.durationText(0));
        assertEquals("-00:00:00.000001", TimeMapping.durationText(-1));
        assertEquals("100:00:00.001000", TimeMapping.durationText(mapping.durationMicros("100:00:00.001")));
    }

    @Test
    void intervalIsIsoWithSignedFields() throws SQLException {
        assertEquals("P1Y2M-3DT4H5M6.5S", IntervalMapping.iso(new PGInterval("1 year 2 mons -3 days 04:05:06.5")));
        assertEquals("P0Y0M0DT0H0M-1.5S", IntervalMapping.iso(new PGInterval("-00:00:01.5")));
        assertEquals("P0Y0M0DT0H0M0S", IntervalMapping.iso(new PGInterval("00:00:00")));
        assertEquals("P0Y0M0DT0H0M0.000001S", IntervalMapping.iso(new PGInterval("00:00:00.000001")));
    }

    @Test
    void offsetTimestampsAreExactBothWays() {
        LocalDateTime early = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000);
        assertEquals(-1L, Micros.of(early));
        assertEquals(early, Micros.toLocalDateTime(-1L));
        assertEquals("1969-12-31T23:59:59.999999", Micros.format(early));
        assertEquals(early, Micros.parseLocal("1969-12-31T23:59:59.999999"));
        assertEquals("+12345-06-07T00:00:00.000000", Micros.format(LocalDateTime.of(12345, 6, 7, 0, 0)));
        assertEquals("2024-02-29T21:59:59.123456Z", Micros.formatUtc(Instant.parse("2024-02-29T21:59:59.123456Z")));
        assertThrows(ArithmeticException.class, () -> Micros.of(LocalDateTime.of(300_000, 1, 1, 0, 0)));
    }
}
