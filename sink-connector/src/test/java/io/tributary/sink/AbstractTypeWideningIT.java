package io.tributary.sink;

import static io.tributary.sink.WideningRecords.decimal;
import static io.tributary.sink.WideningRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Source columns widened while changes flow, one subclass per database: the warehouse column is widened
 * in place (integer to bigint, varchar(10) to varchar(200), numeric(6,2) to numeric(14,4), real to double,
 * date to timestamp, timestamp to timestamptz) and every value arrives; a column the records no longer
 * carry stays, NULL from then on, and a NOT NULL on it is relaxed.
 */
abstract class AbstractTypeWideningIT extends AbstractWarehouseIT {

    static final long BIG = (1L << 31) + 5;
    static final long DAY_MICROS = 86_400_000_000L;

    @Override
    String schema() {
        return "type_widening";
    }

    @Test
    @SuppressWarnings("JavaUtilDate") // Connect's Date logical type is a java.util.Date
    void widenedSourceColumnsAreWidenedInPlace() throws Exception {
        String long200 = "x".repeat(200);
        try (TaskDriver sink = driver()) {
            sink.batch(record(topic(), 0, 10, WideningRecords.NARROW, 1, 7, "short", decimal("1234.56"), 1.5f,
                    new java.util.Date(19_000L * 86_400_000L), 19_000L * DAY_MICROS + 1));
            sink.batch(record(topic(), 1, 20, WideningRecords.WIDE_WITH_NOTE, 2, BIG, long200, decimal("1234567890.1234"), 0.1d,
                    19_001L * DAY_MICROS + 3_600_000_000L, 19_002L * DAY_MICROS + 7, "new"));
            Map<Long, List<Object>> rows = rows();
            assertEquals(List.of(7L, "short", new BigDecimal("1234.5600"), 1.5d, 19_000L * DAY_MICROS, 19_000L * DAY_MICROS + 1), rows.get(1L).subList(0, 6));
            assertNull(rows.get(1L).get(6));
            assertEquals(Arrays.asList(BIG, long200, new BigDecimal("1234567890.1234"), 0.1d, 19_001L * DAY_MICROS + 3_600_000_000L,
                    19_002L * DAY_MICROS + 7, "new"), rows.get(2L));
            // a task still on the narrow schema (a lagging partition) writes into the wider columns
            sink.batch(record(topic(), 2, 30, WideningRecords.NARROW, 3, 8, "again", decimal("1.10"), 2.5f,
                    new java.util.Date(19_003L * 86_400_000L), 19_003L * DAY_MICROS));
            assertEquals(List.of(8L, "again", new BigDecimal("1.1000"), 2.5d, 19_003L * DAY_MICROS, 19_003L * DAY_MICROS), rows().get(3L).subList(0, 6));
        }
    }

    /**
     * A task still on the narrow schema writes a timestamp (wall-clock time read as UTC) into the column
     * widened to timestamptz: it keeps its UTC time though the worker's JVM runs in another time zone.
     */
    @Test
    void aNarrowTimestampIntoAWidenedColumnKeepsItsUtcTimeInAnyJvmZone() throws Exception {
        long at = 19_000L * DAY_MICROS + 3_600_000_000L;
        try (TaskDriver sink = driver()) {
            sink.batch(record(topic(), 0, 10, WideningRecords.NARROW, 1, 7, "a", decimal("1.00"), 1f, null, at));
            sink.batch(record(topic(), 1, 20, WideningRecords.WIDE, 2, 8L, "b", decimal("2.00"), 2d, null, at));
            java.util.TimeZone zone = java.util.TimeZone.getDefault();
            try {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/New_York"));
                sink.batch(record(topic(), 2, 30, WideningRecords.NARROW, 3, 9, "c", decimal("3.00"), 3f, null, at));
            } finally {
                java.util.TimeZone.setDefault(zone);
            }
            Map<Long, List<Object>> rows = rows();
            assertEquals(at, rows.get(1L).get(5), "widened in place as UTC");
            assertEquals(at, rows.get(2L).get(5));
            assertEquals(at, rows.get(3L).get(5), "a narrow timestamp written into the timestamptz column");
        }
    }

    @Test
    void aColumnTheRecordsNoLongerCarryStaysAndLosesItsNotNull() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(record(topic(), 0, 10, WideningRecords.NARROW, 1, 7, "kept", decimal("1.00"), 1f, null, null));
            execute("ALTER TABLE " + qualified() + " ALTER COLUMN \"label\" SET NOT NULL");
            sink.batch(record(topic(), 1, 20, WideningRecords.WITHOUT_LABEL, 2, 8, decimal("2.00"), 2f, null, null));
            assertEquals("kept", rows().get(1L).get(1));
            assertNull(rows().get(2L).get(1), "a column the records lost is NULL from then on");
            assertTrue(rows().containsKey(2L));
        }
    }

    /** id → n, label, amount, ratio, day and at as epoch microseconds (UTC), note (null when the table has none). */
    Map<Long, List<Object>> rows() throws SQLException {
        Map<Long, List<Object>> rows = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + qualified())) {
            boolean note = false;
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                note |= rs.getMetaData().getColumnName(i).equals("note");
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                row.add(rs.getObject("n") == null ? null : rs.getLong("n"));
                row.add(rs.getString("label"));
                row.add(rs.getBigDecimal("amount"));
                row.add(rs.getObject("ratio") == null ? null : rs.getDouble("ratio"));
                row.add(micros(rs.getString("day")));
                row.add(micros(rs.getString("at")));
                row.add(note ? rs.getString("note") : null);
                rows.put(rs.getLong("id"), row);
            }
        }
        return rows;
    }

    /** A date or timestamp text as epoch microseconds, read as UTC (an offset, when the text has one, is applied). */
    static Long micros(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().replace(' ', 'T');
        if (t.length() == 10) {
            return java.time.LocalDate.parse(t).toEpochDay() * DAY_MICROS;
        }
        java.time.format.DateTimeFormatter format = new java.time.format.DateTimeFormatterBuilder()
                .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendPattern("[XXX][XX][X]").optionalEnd()
                .toFormatter();
        java.time.temporal.TemporalAccessor parsed = format.parse(t);
        java.time.LocalDateTime local = java.time.LocalDateTime.from(parsed);
        java.time.ZoneOffset offset = parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                ? java.time.ZoneOffset.ofTotalSeconds(parsed.get(java.time.temporal.ChronoField.OFFSET_SECONDS)) : java.time.ZoneOffset.UTC;
        java.time.Instant instant = local.toInstant(offset);
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
