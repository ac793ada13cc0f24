package io.tributary.source.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.LogicalTypes;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** Debezium's value forms turned into the snapshot's forms; the IT checks the same on real servers, this pins the edges. */
class DebeziumValuesTest {

    private static Schema named(Schema.Type type, String name) {
        return new SchemaBuilder(type).name(name).optional().build();
    }

    @Test
    void timestampsOfEveryUnitBecomeMicroseconds() {
        Schema target = LogicalTypes.microTimestamp().optional().build();
        assertEquals(1_500_000L, DebeziumValues.convert(1_500L, named(Schema.Type.INT64, DebeziumValues.DBZ_TIMESTAMP), target, "t"));
        assertEquals(1_500_000L, DebeziumValues.convert(1_500_000L, named(Schema.Type.INT64, DebeziumValues.DBZ_MICRO_TIMESTAMP), target, "t"));
        assertEquals(-2L, DebeziumValues.convert(-1_001L, named(Schema.Type.INT64, DebeziumValues.DBZ_NANO_TIMESTAMP), target, "t"),
                "nanoseconds are floored");
        Schema tz = LogicalTypes.microTimestampTz().optional().build();
        assertEquals(1_000_001L, DebeziumValues.convert("1970-01-01T02:00:01.000001+02:00",
                named(Schema.Type.STRING, DebeziumValues.DBZ_ZONED_TIMESTAMP), tz, "t"));
        assertEquals(Long.MAX_VALUE, DebeziumValues.convert("infinity", named(Schema.Type.STRING, DebeziumValues.DBZ_ZONED_TIMESTAMP), tz, "t"));
        assertEquals(Long.MIN_VALUE, DebeziumValues.convert(-9_223_372_036_825_200_000L,
                named(Schema.Type.INT64, DebeziumValues.DBZ_MICRO_TIMESTAMP), target, "t"));
    }

    @Test
    @SuppressWarnings("JavaUtilDate") // Connect's Date logical type is a java.util.Date
    void datesTimesAndZonedTimes() {
        Object date = DebeziumValues.convert(2, named(Schema.Type.INT32, DebeziumValues.DBZ_DATE), Date.builder().optional().build(), "d");
        assertEquals(2L * 86_400_000L, ((java.util.Date) date).getTime());
        Schema time = LogicalTypes.microTime().optional().build();
        assertEquals(3_000L, DebeziumValues.convert(3, named(Schema.Type.INT32, DebeziumValues.DBZ_TIME), time, "t"));
        assertEquals(3L, DebeziumValues.convert(3_999L, named(Schema.Type.INT64, DebeziumValues.DBZ_NANO_TIME), time, "t"));
        assertEquals("22:30:00.500000Z", DebeziumValues.utcTime("01:30:00.5+03:00"));
    }

    @Test
    void decimalsKeepTheirScaleAndNeverRound() {
        Schema money = Decimal.builder(2).optional().build();
        Schema text = Schema.OPTIONAL_STRING_SCHEMA;
        assertEquals(new BigDecimal("12.30"), DebeziumValues.convert("12.3", text, money, "price"));
        DataException rounded = assertThrows(DataException.class, () -> DebeziumValues.convert("12.345", text, money, "price"));
        assertTrue(rounded.getMessage().contains("column price"), rounded.getMessage());
        Schema variable = SchemaBuilder.string().name(LogicalTypes.VARIABLE_DECIMAL).optional().build();
        assertEquals("1.500", DebeziumValues.convert("1.500", text, variable, "n"));
        DataException nan = assertThrows(DataException.class, () -> DebeziumValues.convert("NaN", text, money, "price"));
        assertTrue(nan.getMessage().contains("column price"), nan.getMessage());
    }

    @Test
    void integersNarrowOnlyWhenTheyFit() {
        assertEquals((short) 7, DebeziumValues.convert(7, Schema.OPTIONAL_INT32_SCHEMA, Schema.OPTIONAL_INT16_SCHEMA, "s"));
        assertThrows(DataException.class, () -> DebeziumValues.convert(70_000, Schema.OPTIONAL_INT32_SCHEMA, Schema.OPTIONAL_INT16_SCHEMA, "s"));
        assertEquals(true, DebeziumValues.convert((short) 1, Schema.OPTIONAL_INT16_SCHEMA, Schema.OPTIONAL_BOOLEAN_SCHEMA, "flag"));
    }

    @Test
    void bytesAndArraysKeepTheirValues() {
        assertArrayEquals(new byte[] {1, 2}, (byte[]) DebeziumValues.convert(ByteBuffer.wrap(new byte[] {1, 2}),
                Schema.OPTIONAL_BYTES_SCHEMA, Schema.OPTIONAL_BYTES_SCHEMA, "b"));
        Schema source = SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build();
        Schema target = SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).optional().build();
        assertEquals(List.of(1L, 2L), DebeziumValues.convert(List.of(1, 2), source, target, "a"));
        assertThrows(DataException.class, () -> DebeziumValues.convert(ByteBuffer.wrap(new byte[] {1}), Schema.OPTIONAL_BYTES_SCHEMA,
                Schema.OPTIONAL_STRING_SCHEMA, "s"), "bytes are never turned into text silently");
    }
}
