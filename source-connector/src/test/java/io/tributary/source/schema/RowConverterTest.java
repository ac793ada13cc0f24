package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.LogicalTypes;
import io.tributary.source.dialect.postgres.PostgresDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class RowConverterTest {

    private static final TableDescription ORDERS = new TableDescription(new TableId("shop", "orders"), List.of(
            new ColumnInfo("tenant", Types.INTEGER, "int4", 10, 0, false, 1),
            new ColumnInfo("id", Types.BIGINT, "int8", 19, 0, false, 2),
            new ColumnInfo("note", Types.VARCHAR, "text", Integer.MAX_VALUE, 0, true, 3),
            new ColumnInfo("updated", Types.TIMESTAMP, "timestamp", 29, 6, false, 4)),
            List.of("tenant", "id"));

    private static final LocalDateTime UPDATED = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);

    private static ResultSet row() {
        return Fakes.row(7, 42L, "hi", UPDATED);
    }

    @Test
    void schemasAreNamedAfterPrefixSchemaAndTable() {
        RowConverter converter = new RowConverter(ORDERS, ORDERS.primaryKey(), "tp", new PostgresDialect()::mapping, false);
        assertEquals("tp.shop.orders.Key", converter.keySchema().name());
        assertEquals("tp.shop.orders.Value", converter.valueSchema().name());
        assertEquals(List.of("tenant", "id"), converter.keySchema().fields().stream().map(f -> f.name()).toList());
        assertEquals(List.of("tenant", "id", "note", "updated"), converter.selectColumns());
        assertFalse(converter.keySchema().field("id").schema().isOptional());
        assertFalse(converter.valueSchema().field("id").schema().isOptional(), "key fields are required in the value too");
        assertTrue(converter.valueSchema().field("updated").schema().isOptional(), "non-key fields are optional");
        assertEquals(Schema.Type.INT64, converter.mapping("updated").schema(true).type());
    }

    @Test
    void readsKeyValueAndKeyOffset() throws SQLException {
        RowConverter converter = new RowConverter(ORDERS, ORDERS.primaryKey(), "tp", new PostgresDialect()::mapping, false);
        Struct key = converter.key(converter.read(row()));
        assertEquals(7, key.get("tenant"));
        assertEquals(42L, key.get("id"));
        Struct value = converter.value(converter.read(row()));
        assertEquals("hi", value.get("note"));
        assertEquals(Expected.micros("2024-02-29T23:59:59.123456"), value.get("updated"));
        value.validate();
        assertEquals(List.of(7L, 42L), converter.keyOffset(converter.read(row())));

        Fakes.Bound bound = new Fakes.Bound();
        converter.bindKey(bound.statement, 3, List.of(7L, 42L));
        assertEquals(7, bound.values.get(3));
        assertEquals(42L, bound.values.get(4));
        assertThrows(IllegalArgumentException.class, () -> converter.bindKey(bound.statement, 1, List.of(7L)));
    }

    @Test
    void keyOverrideMayDifferFromThePrimaryKey() throws SQLException {
        RowConverter converter = new RowConverter(ORDERS, List.of("updated", "id"), "tp", new PostgresDialect()::mapping, false);
        assertEquals(List.of("2024-02-29T23:59:59.123456", 42L), converter.keyOffset(converter.read(row())));
        assertFalse(converter.valueSchema().field("updated").schema().isOptional());
        assertTrue(converter.valueSchema().field("tenant").schema().isOptional());
    }

    @Test
    void aTableWithoutKeyHasNoKeySchema() throws SQLException {
        RowConverter converter = new RowConverter(ORDERS, List.of(), "tp", new PostgresDialect()::mapping, false);
        assertNull(converter.keySchema());
        assertNull(converter.key(converter.read(row())));
        assertEquals(List.of(), converter.keyOffset(converter.read(row())));
    }

    @Test
    void badKeysAreClearErrors() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new RowConverter(ORDERS, List.of("nope"), "tp", new PostgresDialect()::mapping, false));
        assertTrue(missing.getMessage().contains("shop.orders") && missing.getMessage().contains("nope"));
        assertThrows(IllegalArgumentException.class,
                () -> new RowConverter(ORDERS, List.of("id", "id"), "tp", new PostgresDialect()::mapping, false));
        RowConverter nullableKey = new RowConverter(ORDERS, List.of("note"), "tp", new PostgresDialect()::mapping, false);
        DataException nullKey = assertThrows(DataException.class, () -> nullableKey.key(nullableKey.read(Fakes.row(7, 42L, null, UPDATED))));
        assertTrue(nullKey.getMessage().contains("note"), nullKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RowConverter(ORDERS, List.of(), "tp", new PostgresDialect()::mapping, false)
                .mapping("nope"));
    }

    @Test
    void sourceTypeNamesAreInTheSchemasOnlyWhenAskedFor() {
        RowConverter lean = new RowConverter(ORDERS, ORDERS.primaryKey(), "tp", new PostgresDialect()::mapping, false);
        RowConverter typed = new RowConverter(ORDERS, ORDERS.primaryKey(), "tp", new PostgresDialect()::mapping, true);
        for (org.apache.kafka.connect.data.Field field : lean.valueSchema().fields()) {
            Map<String, String> parameters = field.schema().parameters();
            assertTrue(parameters == null || !parameters.containsKey(LogicalTypes.PARAM_SOURCE_TYPE), field.name());
            Schema withType = typed.valueSchema().field(field.name()).schema();
            assertNotNull(withType.parameters().get(LogicalTypes.PARAM_SOURCE_TYPE), field.name());
            assertEquals(withType.type(), field.schema().type());
            assertEquals(withType.name(), field.schema().name());
            assertEquals(withType.isOptional(), field.schema().isOptional());
        }
        assertNull(lean.keySchema().field("id").schema().parameters());
    }

    @Test
    void strippingTheSourceTypeKeepsEveryOtherParameterAndArrayElements() {
        Schema decimals = SchemaBuilder.array(org.apache.kafka.connect.data.Decimal.builder(2)
                        .parameter(LogicalTypes.PARAM_SOURCE_TYPE, "numeric").parameter("connect.decimal.precision", "12").optional().build())
                .parameter(LogicalTypes.PARAM_SOURCE_TYPE, "_numeric").optional().build();
        Schema stripped = RowConverter.withoutSourceType(decimals);
        assertEquals(Schema.Type.ARRAY, stripped.type());
        assertNull(stripped.parameters());
        assertTrue(stripped.isOptional());
        Schema element = stripped.valueSchema();
        assertEquals(org.apache.kafka.connect.data.Decimal.LOGICAL_NAME, element.name());
        assertEquals(Map.of("scale", "2", "connect.decimal.precision", "12"), element.parameters());
        assertTrue(element.isOptional());
        Schema varchar = SchemaBuilder.string().parameter(LogicalTypes.PARAM_SOURCE_TYPE, "varchar").parameter(LogicalTypes.PARAM_LENGTH, "20").build();
        assertEquals(Map.of(LogicalTypes.PARAM_LENGTH, "20"), RowConverter.withoutSourceType(varchar).parameters());
        assertFalse(RowConverter.withoutSourceType(varchar).isOptional());
    }
}
