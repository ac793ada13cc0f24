package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.LogicalTypes;
import io.tributary.source.dialect.mysql.MySqlDialect;
import io.tributary.source.dialect.postgres.PostgresDialect;
import java.sql.Types;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class ColumnMappingsTest {

    private static Schema pg(String type, int jdbcType, int precision, Integer scale) {
        return new PostgresDialect().mapping(new ColumnInfo("c", jdbcType, type, precision, scale, true, 1))
                .schema(true);
    }

    private static Schema pg(String type) {
        return pg(type, Types.OTHER, 0, null);
    }

    private static Schema maria(String type, int jdbcType, int precision, Integer scale) {
        return new MySqlDialect().mapping(new ColumnInfo("c", jdbcType, type, precision, scale, true, 1))
                .schema(false);
    }

    private static Schema maria(String type) {
        return maria(type, Types.OTHER, 0, null);
    }

    private static void assertType(Schema schema, Schema.Type type, String name, String sourceType) {
        assertEquals(type, schema.type(), sourceType);
        assertEquals(name, schema.name(), sourceType);
        assertEquals(sourceType, schema.parameters().get(LogicalTypes.PARAM_SOURCE_TYPE), sourceType);
    }

    private static void assertDecimal(Schema schema, int precision, int scale) {
        assertEquals(Decimal.LOGICAL_NAME, schema.name());
        assertEquals(Integer.toString(scale), schema.parameters().get(Decimal.SCALE_FIELD));
        assertEquals(Integer.toString(precision), schema.parameters().get("connect.decimal.precision"));
    }

    @Test
    void postgresTypesFollowTheContract() {
        assertType(pg("int2"), Schema.Type.INT16, null, "int2");
        assertType(pg("int4"), Schema.Type.INT32, null, "int4");
        assertType(pg("int8"), Schema.Type.INT64, null, "int8");
        assertType(pg("float4"), Schema.Type.FLOAT32, null, "float4");
        assertType(pg("float8"), Schema.Type.FLOAT64, null, "float8");
        assertType(pg("bool"), Schema.Type.BOOLEAN, null, "bool");
        assertType(pg("numeric"), Schema.Type.STRING, LogicalTypes.VARIABLE_DECIMAL, "numeric");
        assertDecimal(pg("numeric", Types.NUMERIC, 38, 10), 38, 10);
        assertDecimal(pg("numeric", Types.NUMERIC, 5, -2), 7, 0);
        assertDecimal(pg("numeric", Types.NUMERIC, 3, 5), 5, 5);
        assertType(pg("date"), Schema.Type.INT32, Date.LOGICAL_NAME, "date");
        assertType(pg("time"), Schema.Type.INT64, LogicalTypes.MICRO_TIME, "time");
        assertType(pg("timestamp"), Schema.Type.INT64, LogicalTypes.MICRO_TIMESTAMP, "timestamp");
        assertType(pg("timestamptz"), Schema.Type.INT64, LogicalTypes.MICRO_TIMESTAMP_TZ, "timestamptz");
        assertType(pg("timetz"), Schema.Type.STRING, null, "timetz");
        assertType(pg("interval"), Schema.Type.STRING, null, "interval");
        assertType(pg("json"), Schema.Type.STRING, LogicalTypes.JSON, "json");
        assertType(pg("jsonb"), Schema.Type.STRING, LogicalTypes.JSON, "jsonb");
        assertType(pg("uuid"), Schema.Type.STRING, LogicalTypes.UUID, "uuid");
        assertType(pg("bytea", Types.BINARY, 0, null), Schema.Type.BYTES, null, "bytea");
        assertType(pg("inet"), Schema.Type.STRING, null, "inet");
        assertType(pg("some_user_type", Types.VARBINARY, 0, null), Schema.Type.BYTES, null, "some_user_type");
    }

    @Test
    void stringsCarryTheirDeclaredLength() {
        assertEquals("20", pg("varchar", Types.VARCHAR, 20, 0).parameters().get(LogicalTypes.PARAM_LENGTH));
        assertEquals("5", pg("bpchar", Types.CHAR, 5, 0).parameters().get(LogicalTypes.PARAM_LENGTH));
        assertNull(pg("varchar", Types.VARCHAR, Integer.MAX_VALUE, 0).parameters().get(LogicalTypes.PARAM_LENGTH));
        assertNull(pg("text", Types.VARCHAR, Integer.MAX_VALUE, 0).parameters().get(LogicalTypes.PARAM_LENGTH));
        assertEquals("10", maria("varchar", Types.VARCHAR, 10, null).parameters().get(LogicalTypes.PARAM_LENGTH));
        assertNull(maria("text", Types.LONGVARCHAR, 65535, null).parameters().get(LogicalTypes.PARAM_LENGTH));
    }

    @Test
    void postgresArraysHoldTheElementSchema() {
        Schema array = pg("_numeric", Types.ARRAY, 10, 2);
        assertEquals(Schema.Type.ARRAY, array.type());
        assertEquals("_numeric", array.parameters().get(LogicalTypes.PARAM_SOURCE_TYPE));
        assertDecimal(array.valueSchema(), 10, 2);
        assertEquals("numeric", array.valueSchema().parameters().get(LogicalTypes.PARAM_SOURCE_TYPE));
        assertTrue(array.valueSchema().isOptional());
        assertEquals(Schema.Type.INT32, pg("_int4", Types.ARRAY, 10, 0).valueSchema().type());
        assertEquals(LogicalTypes.MICRO_TIMESTAMP, pg("_timestamp", Types.ARRAY, 29, 6).valueSchema().name());
        assertEquals(LogicalTypes.VARIABLE_DECIMAL, pg("_numeric", Types.ARRAY, 0, null).valueSchema().name());
    }

    @Test
    void mariaDbTypesFollowTheContract() {
        assertType(maria("tinyint"), Schema.Type.INT16, null, "tinyint");
        assertType(maria("tinyint unsigned"), Schema.Type.INT16, null, "tinyint unsigned");
        assertType(maria("boolean", Types.BOOLEAN, 3, 0), Schema.Type.BOOLEAN, null, "boolean");
        assertType(maria("bit", Types.BIT, 1, null), Schema.Type.BOOLEAN, null, "bit");
        assertType(maria("bit", Types.BIT, 8, null), Schema.Type.BYTES, null, "bit");
        assertType(maria("smallint"), Schema.Type.INT16, null, "smallint");
        assertType(maria("smallint unsigned"), Schema.Type.INT32, null, "smallint unsigned");
        assertType(maria("mediumint unsigned"), Schema.Type.INT32, null, "mediumint unsigned");
        assertType(maria("int"), Schema.Type.INT32, null, "int");
        assertType(maria("int unsigned"), Schema.Type.INT64, null, "int unsigned");
        assertType(maria("bigint"), Schema.Type.INT64, null, "bigint");
        assertDecimal(maria("bigint unsigned"), 20, 0);
        assertDecimal(maria("decimal", Types.DECIMAL, 38, 10), 38, 10);
        assertType(maria("float"), Schema.Type.FLOAT32, null, "float");
        assertType(maria("double"), Schema.Type.FLOAT64, null, "double");
        assertType(maria("year", Types.DATE, 0, null), Schema.Type.INT16, null, "year");
        assertType(maria("json"), Schema.Type.STRING, LogicalTypes.JSON, "json");
        assertType(maria("longtext"), Schema.Type.STRING, null, "longtext");
        assertType(maria("enum"), Schema.Type.STRING, null, "enum");
        assertType(maria("set"), Schema.Type.STRING, null, "set");
        assertType(maria("date"), Schema.Type.INT32, Date.LOGICAL_NAME, "date");
        assertType(maria("time"), Schema.Type.INT64, LogicalTypes.MICRO_DURATION, "time"); // a duration: -838:59:59 .. 838:59:59
        assertType(maria("datetime"), Schema.Type.INT64, LogicalTypes.MICRO_TIMESTAMP, "datetime");
        assertType(maria("timestamp"), Schema.Type.INT64, LogicalTypes.MICRO_TIMESTAMP_TZ, "timestamp");
        assertType(maria("varbinary"), Schema.Type.BYTES, null, "varbinary");
        assertType(maria("longblob"), Schema.Type.BYTES, null, "longblob");
        assertType(maria("uuid"), Schema.Type.STRING, LogicalTypes.UUID, "uuid");
        assertType(maria("inet6"), Schema.Type.STRING, null, "inet6");
        assertType(maria("geometry", Types.BINARY, 0, null), Schema.Type.BYTES, null, "geometry");
    }

    @Test
    void optionalIsTheCallersChoice() {
        ColumnMapping mapping = new PostgresDialect().mapping(new ColumnInfo("c", Types.INTEGER, "int4", 10, 0, false, 1));
        assertTrue(mapping.schema(true).isOptional());
        assertFalse(mapping.schema(false).isOptional());
        assertEquals("c", mapping.column().name());
    }

    @Test
    void keysAndCursorsNeedAnExactOrderedOffsetValue() {
        for (String orderable : new String[] {"int8", "numeric", "text", "citext", "uuid", "date", "timestamptz", "interval", "bytea"}) {
            int jdbcType = orderable.equals("bytea") ? Types.BINARY : Types.OTHER;
            assertNull(new PostgresDialect().mapping(new ColumnInfo("c", jdbcType, orderable, 0, null, false, 1))
                    .keyProblem(), orderable);
        }
        for (String unorderable : new String[] {"_int4", "json", "jsonb", "timetz"}) {
            int jdbcType = unorderable.startsWith("_") ? Types.ARRAY : Types.OTHER;
            assertTrue(new PostgresDialect().mapping(new ColumnInfo("c", jdbcType, unorderable, 0, null, false, 1))
                    .keyProblem() != null, unorderable);
        }
    }
}
