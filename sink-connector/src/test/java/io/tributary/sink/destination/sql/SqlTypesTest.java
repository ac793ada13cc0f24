package io.tributary.sink.destination.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.ColumnType.Kind;
import org.junit.jupiter.api.Test;

class SqlTypesTest {

    @Test
    void catalogAndDialectSpellingsReadAsOneType() {
        assertEquals(ColumnType.string(10), SqlTypes.parse("character varying(10)"));
        assertEquals(ColumnType.string(10), SqlTypes.parse("VARCHAR(10)"));
        assertEquals(ColumnType.string(0), SqlTypes.parse("text"));
        assertEquals(ColumnType.decimal(6, 2), SqlTypes.parse("numeric(6,2)"));
        assertEquals(ColumnType.decimal(14, 4), SqlTypes.parse("DECIMAL(14, 4)"));
        assertEquals(ColumnType.decimal(0, 0), SqlTypes.parse("numeric"));
        assertEquals(ColumnType.of(Kind.INT32), SqlTypes.parse("INTEGER"));
        assertEquals(ColumnType.of(Kind.FLOAT64), SqlTypes.parse("double precision"));
        assertEquals(ColumnType.of(Kind.TIMESTAMP), SqlTypes.parse("timestamp without time zone"));
        assertEquals(ColumnType.of(Kind.TIMESTAMPTZ), SqlTypes.parse("TIMESTAMP WITH TIME ZONE"));
        assertEquals(ColumnType.of(Kind.TIMESTAMP), SqlTypes.parse("TIMESTAMP_NTZ(6)"));
        assertNull(SqlTypes.parse("jsonb"));
        assertNull(SqlTypes.parse("integer[]"));
    }
}
