package io.tributary.source.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.schema.ColumnInfo;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {

    private static final PostgresDialect DIALECT = new PostgresDialect();

    private static ColumnInfo column(String name, int jdbcType, String typeName) {
        return new ColumnInfo(name, jdbcType, typeName, 0, null, false, 1);
    }

    @Test
    void keysOrderAndCompareByteWiseOnOneExpression() {
        assertEquals("\"k\" COLLATE \"C\"", DIALECT.keyExpression(column("k", Types.VARCHAR, "text")));
        assertEquals("\"k\" COLLATE \"C\"", DIALECT.keyExpression(column("k", Types.VARCHAR, "varchar")));
        assertEquals("\"k\" COLLATE \"C\"", DIALECT.keyExpression(column("k", Types.CHAR, "bpchar")));
        // citext's own operators ignore case under any collation; "char" takes none
        assertEquals("CAST(\"k\" AS text) COLLATE \"C\"", DIALECT.keyExpression(column("k", Types.VARCHAR, "citext")));
        assertEquals("CAST(\"k\" AS text) COLLATE \"C\"", DIALECT.keyExpression(column("k", Types.CHAR, "char")));
        assertEquals("\"id\"", DIALECT.keyExpression(column("id", Types.BIGINT, "int8")));
        assertEquals("\"u\"", DIALECT.keyExpression(column("u", Types.OTHER, "uuid")));
    }

    @Test
    void boundsOfCursorsWithoutTimeZoneAreTheDatabasesNowInCursorTimeZone() {
        ColumnInfo timestamp = column("t", Types.TIMESTAMP, "timestamp");
        ColumnInfo date = column("d", Types.DATE, "date");
        ColumnInfo instant = column("i", Types.TIMESTAMP_WITH_TIMEZONE, "timestamptz");
        assertEquals("CAST((statement_timestamp() AT TIME ZONE 'UTC') AS timestamp) - interval '2000 milliseconds'",
                DIALECT.cursorUpperBound(timestamp, 2000, ZoneId.of("UTC")));
        assertEquals("CAST((statement_timestamp() AT TIME ZONE 'Asia/Kolkata') AS date)",
                DIALECT.cursorUpperBound(date, 2000, ZoneId.of("Asia/Kolkata")));
        assertEquals("statement_timestamp() - interval '2000 milliseconds'",
                DIALECT.cursorUpperBound(instant, 2000, ZoneId.of("Asia/Kolkata")), "instants do not depend on the zone");
        assertNull(DIALECT.cursorUpperBound(column("n", Types.BIGINT, "int8"), 2000, ZoneOffset.UTC), "numbers have no bound");
    }

    @Test
    @SuppressWarnings("ZoneIdOfZ") // "Z" is what a user may configure: it must read as UTC
    void offsetsAreIntervalsBecauseAsTextPostgresReadsThemAsPosixZonesWestOfGreenwich() {
        assertEquals("(statement_timestamp() AT TIME ZONE INTERVAL '19800 seconds')", DIALECT.wallClockNow(ZoneId.of("+05:30")));
        assertEquals("(statement_timestamp() AT TIME ZONE INTERVAL '-28800 seconds')", DIALECT.wallClockNow(ZoneId.of("UTC-08:00")));
        assertEquals("(statement_timestamp() AT TIME ZONE 'UTC')", DIALECT.wallClockNow(ZoneId.of("Z")));
        assertEquals("(statement_timestamp() AT TIME ZONE 'America/Port-au-Prince')", DIALECT.wallClockNow(ZoneId.of("America/Port-au-Prince")));
    }

    @Test
    void anUndefinedColumnAndAStaleCachedPlanAreUndefinedColumns() {
        assertTrue(DIALECT.isUndefinedColumn(new SQLException("ERROR: column \"gone\" does not exist", "42703")));
        assertTrue(DIALECT.isUndefinedColumn(new SQLException("ERROR: cached plan must not change result type", "0A000")));
        assertFalse(DIALECT.isUndefinedColumn(new SQLException("ERROR: some other unsupported feature", "0A000")));
        assertFalse(DIALECT.isUndefinedColumn(new SQLException("ERROR: relation \"t\" does not exist", "42P01")));
    }
}
