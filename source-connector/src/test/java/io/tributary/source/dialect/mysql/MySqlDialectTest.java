package io.tributary.source.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.schema.ColumnInfo;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MySqlDialectTest {

    private static final MySqlDialect DIALECT = new MySqlDialect();

    private static ColumnInfo column(String typeName, int jdbcType) {
        return new ColumnInfo("c", jdbcType, typeName, 0, null, false, 1);
    }

    @Test
    void datetimeAndDateBoundsAreTheDatabasesNowInCursorTimeZone() {
        assertEquals("(NOW(6) - INTERVAL 2000000 MICROSECOND)", DIALECT.cursorUpperBound(column("datetime", Types.TIMESTAMP), 2000, ZoneOffset.UTC));
        assertEquals("(CONVERT_TZ(NOW(6), '+00:00', '+05:30') - INTERVAL 2000000 MICROSECOND)",
                DIALECT.cursorUpperBound(column("datetime", Types.TIMESTAMP), 2000, ZoneId.of("UTC+05:30")));
        assertEquals("DATE(CONVERT_TZ(NOW(6), '+00:00', 'Europe/Berlin'))",
                DIALECT.cursorUpperBound(column("date", Types.DATE), 2000, ZoneId.of("Europe/Berlin")));
        assertEquals("DATE(NOW(6))", DIALECT.cursorUpperBound(column("date", Types.DATE), 2000, ZoneId.of("UTC")));
    }

    @Test
    void timestampColumnsAreInstantsShownInTheUtcSession() {
        assertEquals("(NOW(6) - INTERVAL 0 MICROSECOND)", DIALECT.cursorUpperBound(column("timestamp", Types.TIMESTAMP), 0, ZoneId.of("Asia/Kolkata")));
    }

    @Test
    void anUnknownColumnIsAnUndefinedColumn() {
        assertTrue(DIALECT.isUndefinedColumn(new SQLException("Unknown column 'gone' in 'field list'", "42S22", 1054)));
        assertTrue(DIALECT.isUndefinedColumn(new SQLException("wrapped", "HY000", 0,
                new SQLException("Unknown column 'gone' in 'field list'", "42S22", 1054))));
        assertFalse(DIALECT.isUndefinedColumn(new SQLException("Table 't' doesn't exist", "42S02", 1146)));
    }
}
