package io.tributary.source.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.common.RecordHeaders;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Every record of a table carries the generation of the plan it was read under; a key mark carries only the key. */
class GenerationHeadersTest {

    private static final TableDescription ORDERS = new TableDescription(new TableId("shop", "orders"), List.of(
            new ColumnInfo("id", Types.BIGINT, "int8", 19, 0, false, 1),
            new ColumnInfo("note", Types.VARCHAR, "text", 0, null, true, 2),
            new ColumnInfo("version", Types.BIGINT, "int8", 19, 0, false, 3)), List.of("id"));

    private static TableSource table(TablePlan plan) {
        return new TableSource(plan, ORDERS, new RowConverter(ORDERS, List.of("id"), "tp", new PostgresDialect()::mapping, false),
                new PostgresDialect(), "tp.shop.orders", null, null);
    }

    private static TablePlan plan() {
        return new TablePlan("shop.orders", "p1", List.of("id"), List.of(), List.of("version"), 7L, 3, "2026-01-01T00:00:00Z", null);
    }

    private static Object header(SourceRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : header.value();
    }

    @Test
    void snapshotAndPolledRowsCarryThePlansGeneration() {
        TableSource table = table(plan().asGeneration(1_767_225_600_000L, 7L, false));
        for (String op : List.of(RecordHeaders.OP_READ, RecordHeaders.OP_UPSERT)) {
            SourceRecord record = SourceRecords.row(table, new Object[] {1L, "a", 9L}, Map.of(), Map.of(), op);
            assertEquals(1_767_225_600_000L, header(record, RecordHeaders.GENERATION), op);
            assertEquals(9L, header(record, RecordHeaders.POSITION), op);
            assertEquals(op, header(record, RecordHeaders.OP));
        }
    }

    @Test
    void aPlanWithoutGenerationWritesNoGenerationHeader() {
        SourceRecord record = SourceRecords.row(table(plan()), new Object[] {1L, "a", 9L}, Map.of(), Map.of(), RecordHeaders.OP_READ);
        assertNull(record.headers().lastWithName(RecordHeaders.GENERATION), "as records of older versions");
    }

    @Test
    void aKeyMarkHoldsOnlyTheKeyAndNoPosition() {
        TableSource table = table(plan().asGeneration(1_767_225_600_000L, 7L, true));
        Object[] keysOnly = new Object[] {1L, null, null};
        SourceRecord record = SourceRecords.row(table, keysOnly, Map.of(), Map.of(), RecordHeaders.OP_KEY_MARK);
        assertEquals("k", header(record, RecordHeaders.OP));
        assertNull(record.headers().lastWithName(RecordHeaders.POSITION), "a key mark carries no data, so no position");
        assertEquals(1_767_225_600_000L, header(record, RecordHeaders.GENERATION));
        Struct value = (Struct) record.value();
        assertEquals(1L, value.get("id"));
        assertNull(value.get("note"));
        assertNull(value.get("version"));
        assertEquals(1L, ((Struct) record.key()).get("id"));
        assertEquals(table.converter().valueSchema(), record.valueSchema(), "the table's usual value schema");
    }
}
