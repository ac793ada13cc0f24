package io.tributary.source.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.source.schema.ColumnInfo;
import java.sql.Types;
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
}
