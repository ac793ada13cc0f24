package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.mysql.MySqlDialect;
import io.tributary.source.dialect.postgres.PostgresDialect;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** offsetValue, then a JSON trip through Connect's offset format, then bind and position, for each key-able type. */
class OffsetRoundTripTest {

    private static final SourceDialect PG = new PostgresDialect();
    private static final SourceDialect MY = new MySqlDialect();

    private record Trip(Object offset, Fakes.Bound bound, Long position) {
        Object boundValue() {
            return bound.values.get(1);
        }

        String setter() {
            return bound.setters.get(1);
        }
    }

    private static ColumnMapping mapping(SourceDialect dialect, String type, int precision, Integer scale) {
        return dialect.mapping(new ColumnInfo("k", Types.OTHER, type, precision, scale, false, 1));
    }

    private static Trip trip(SourceDialect kind, String type, int precision, Integer scale, Object driverValue)
            throws SQLException {
        ColumnMapping mapping = mapping(kind, type, precision, scale);
        Object offset = mapping.offsetValue(mapping.read(Fakes.row(driverValue), 1));
        Object stored = KeyRoundTrip.throughJson(java.util.Arrays.asList(offset)).get(0);
        Fakes.Bound bound = new Fakes.Bound();
        mapping.bind(bound.statement, 1, stored);
        return new Trip(offset, bound, mapping.position(stored));
    }

    private static Trip pg(String type, Object driverValue) throws SQLException {
        return trip(PG, type, 0, null, driverValue);
    }

    private static Trip maria(String type, Object driverValue) throws SQLException {
        return trip(MY, type, 0, null, driverValue);
    }

    @Test
    void integersAreLongsBoundAsTheirOwnWidth() throws SQLException {
        Trip int2 = pg("int2", (short) -7);
        assertEquals(-7L, int2.offset());
        assertEquals("setShort", int2.setter());
        assertEquals((short) -7, int2.boundValue());
        assertEquals(-7L, int2.position());
        Trip int4 = pg("int4", 2147483647);
        assertEquals("setInt", int4.setter());
        assertEquals(2147483647, int4.boundValue());
        Trip int8 = pg("int8", 9007199254740993L);
        assertEquals("setLong", int8.setter());
        assertEquals(9007199254740993L, int8.boundValue(), "no double on the way");
        assertEquals(9007199254740993L, int8.position());
        Trip unsignedInt = maria("int unsigned", 4294967295L);
        assertEquals(4294967295L, unsignedInt.boundValue());
    }

    @Test
    void decimalsArePlainStringsBoundAsBigDecimal() throws SQLException {
        Trip fixed = trip(PG, "numeric", 30, 10, "12345678901234567890.5000000000");
        assertEquals("12345678901234567890.5000000000", fixed.offset());
        assertEquals(new BigDecimal("12345678901234567890.5000000000"), fixed.boundValue());
        assertNull(fixed.position(), "a decimal with a fraction has no INT64 position");
        Trip unsigned = maria("bigint unsigned", "9223372036854775807");
        assertEquals("9223372036854775807", unsigned.offset());
        assertEquals("setBigDecimal", unsigned.setter());
        assertEquals(Long.MAX_VALUE, unsigned.position());
        ColumnMapping unsignedMapping = mapping(MY, "bigint unsigned", 0, null);
        assertEquals("18446744073709551615", unsignedMapping.offsetValue(unsignedMapping.read(Fakes.row("18446744073709551615"), 1)));
        assertEquals(42L, mapping(MY, "bigint unsigned", 0, null).position("42"));
        assertThrows(DataException.class,
                () -> mapping(MY, "bigint unsigned", 0, null).position("18446744073709551615"));
        Trip variable = pg("numeric", "1.000");
        assertEquals("1.000", variable.offset());
        assertEquals(new BigDecimal("1.000"), variable.boundValue());
        Trip nan = pg("numeric", "NaN");
        assertEquals("setObject", nan.setter());
        assertEquals("NaN", nan.boundValue());
    }

    @Test
    void textAndUuid() throws SQLException {
        Trip text = pg("text", "日本🎉");
        assertEquals("日本🎉", text.offset());
        assertEquals("setString", text.setter());
        assertNull(text.position());
        Trip uuid = pg("uuid", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", uuid.offset());
        assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), uuid.boundValue(), "PostgreSQL binds a UUID");
        Trip mariaUuid = maria("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertEquals("setString", mariaUuid.setter());
        Trip inet = pg("inet", "10.0.0.1");
        assertEquals("setObject", inet.setter(), "bound as Types.OTHER so the server casts it to inet");
    }

    @Test
    void datesAndTimestampsAreIsoStringsWithMicrosAndPositionsInMicros() throws SQLException {
        Trip date = pg("date", LocalDate.of(1969, 7, 20));
        assertEquals("1969-07-20", date.offset());
        assertEquals(LocalDate.of(1969, 7, 20), date.boundValue());
        assertEquals(-165L * 86_400_000_000L, date.position());
        assertThrows(DataException.class, () -> pg("date", LocalDate.MAX), "a date infinity has no Connect Date form to read");
        ColumnMapping dates = mapping(PG, "date", 0, null);
        Fakes.Bound infinity = new Fakes.Bound();
        dates.bind(infinity.statement, 1, "infinity"); // offsets written before still bind and order
        assertEquals(LocalDate.MAX, infinity.values.get(1));
        assertEquals(Long.MAX_VALUE, dates.position("infinity"));

        LocalDateTime leap = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);
        Trip ts = pg("timestamp", leap);
        assertEquals("2024-02-29T23:59:59.123456", ts.offset());
        assertEquals(leap, ts.boundValue());
        assertEquals(Expected.micros("2024-02-29T23:59:59.123456"), ts.position());
        assertEquals("2024-01-01T00:00:00.000000", pg("timestamp", LocalDateTime.of(2024, 1, 1, 0, 0)).offset());
        assertEquals(-1L, pg("timestamp", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)).position());
        Trip tsInfinity = pg("timestamp", LocalDateTime.MIN);
        assertEquals("-infinity", tsInfinity.offset());
        assertEquals(Long.MIN_VALUE, tsInfinity.position());

        Trip tstz = pg("timestamptz", OffsetDateTime.of(leap, ZoneOffset.ofHours(2)));
        assertEquals("2024-02-29T21:59:59.123456Z", tstz.offset());
        assertEquals(OffsetDateTime.of(leap.minusHours(2), ZoneOffset.UTC), tstz.boundValue());
        assertEquals(Expected.instantMicros("2024-02-29T21:59:59.123456Z"), tstz.position());
        assertEquals(OffsetDateTime.MAX, pg("timestamptz", OffsetDateTime.MAX).boundValue());

        Trip mariaTs = maria("timestamp", leap);
        assertEquals("2024-02-29T23:59:59.123456Z", mariaTs.offset());
        assertEquals(leap, mariaTs.boundValue(), "bound as the UTC wall clock of a UTC session");
        Trip datetime = maria("datetime", leap);
        assertEquals("2024-02-29T23:59:59.123456", datetime.offset());
    }

    @Test
    void timesKeepMicrosAndHaveNoPosition() throws SQLException {
        Trip time = pg("time", LocalTime.of(23, 59, 59, 123_456_000));
        assertEquals("23:59:59.123456", time.offset());
        assertEquals(LocalTime.of(23, 59, 59, 123_456_000), time.boundValue());
        assertNull(time.position());
        assertEquals("24:00:00.000000", pg("time", LocalTime.MAX).offset());
        Trip duration = maria("time", "-838:59:59.500000");
        assertEquals("-838:59:59.500000", duration.offset());
        assertEquals("setString", duration.setter());
    }

    @Test
    void booleansFloatsAndBytes() throws SQLException {
        Trip bool = pg("bool", true);
        assertEquals(true, bool.offset());
        assertEquals("setBoolean", bool.setter());
        Trip float8 = pg("float8", 0.1d);
        assertEquals(0.1d, float8.offset());
        assertEquals(0.1d, float8.boundValue());
        Trip bytes = pg("bytea", new byte[] {0, -1, 16});
        assertEquals("AP8Q", bytes.offset());
        assertArrayEquals(new byte[] {0, -1, 16}, (byte[]) bytes.boundValue());
    }

    @Test
    void nullsBindAsSqlNull() throws SQLException {
        Trip nullInt = pg("int8", null);
        assertNull(nullInt.offset());
        assertEquals("setNull", nullInt.setter());
        assertEquals("setNull", pg("timestamp", null).setter());
    }

    @Test
    void typesWithoutOrderCannotBeKeys() {
        DataException json = assertThrows(DataException.class, () -> pg("jsonb", "{}"));
        assertTrue(json.getMessage().contains("k") && json.getMessage().contains("jsonb"), json.getMessage());
        assertThrows(DataException.class, () -> mapping(PG, "_int4", 10, 0).offsetValue(List.of()));
    }
}
