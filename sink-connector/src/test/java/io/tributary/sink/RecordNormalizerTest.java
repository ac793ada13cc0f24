package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.record.ChangeEvent;
import io.tributary.sink.record.RecordNormalizer;
import io.tributary.sink.record.UnconvertibleRecordException;
import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.TableSchema;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordNormalizerTest {

    private final RecordNormalizer merge = new RecordNormalizer(List.of(), true);

    @Test
    void ourSourceRecordsCarryOpAndPositionInHeaders() {
        ChangeEvent event = merge.normalize(TestRecords.ours("p.public.items", 0, 5, 1, "a", 42, "u"));
        assertEquals("u", event.op());
        assertFalse(event.delete());
        assertEquals(42L, event.position());
        TableSchema schema = event.schema();
        assertEquals(List.of("id", "name", "amount", "updated"), schema.columns().stream().map(c -> c.name()).toList());
        assertTrue(schema.column("id").key());
        assertEquals(Kind.DECIMAL, schema.column("amount").kind());
        assertEquals(10, schema.column("amount").type().precision());
        assertEquals(Kind.TIMESTAMP, schema.column("updated").kind());
        assertTrue(merge.normalize(TestRecords.ours("p.public.items", 0, 6, 1, "a", 43, "d")).delete());
    }

    /** Re-snapshot records: every record's generation, key marks, and the end of a generation (null key and value). */
    @Test
    void generationsKeyMarksAndEndsOfGenerations() {
        assertEquals(7L, merge.normalize(GenerationRecords.row("p.public.items", 0, 5, 1, "a", 42, "r", 7)).generation());
        assertNull(merge.normalize(TestRecords.ours("p.public.items", 0, 5, 1, "a", 42, "u")).generation(), "no header: no generation");
        ChangeEvent mark = merge.normalize(GenerationRecords.keyMark("p.public.items", 0, 6, 1, 8));
        assertTrue(mark.isKeyMark());
        assertFalse(mark.delete());
        assertNull(mark.position());
        assertEquals(8L, mark.generation());
        ChangeEvent end = merge.normalize(GenerationRecords.end("p.public.items", 2, 7, 8, 1234L, 3, "keys"));
        assertTrue(end.isSnapshotEnd());
        assertTrue(end.isTableEvent());
        assertEquals(new io.tributary.sink.record.SnapshotEnd(8, 1234L, 3, "keys"), end.snapshotEnd());
        assertNull(merge.normalize(GenerationRecords.end("p.public.items", 2, 7, 8, null, 3, "full")).snapshotEnd().start());
        SinkRecord noCount = GenerationRecords.end("p.public.items", 2, 7, 8, 1L, 3, "full");
        noCount.headers().remove(io.tributary.common.RecordHeaders.GENERATION_PARTITIONS);
        assertTrue(assertThrows(UnconvertibleRecordException.class, () -> merge.normalize(noCount)).getMessage()
                .contains("without the header tributary.generation.partitions"));
        SinkRecord badMode = GenerationRecords.end("p.public.items", 2, 7, 8, 1L, 3, "most");
        assertTrue(assertThrows(UnconvertibleRecordException.class, () -> merge.normalize(badMode)).getMessage()
                .contains("tributary.generation.mode is 'most'"));
        SinkRecord badGeneration = GenerationRecords.row("p.public.items", 0, 5, 1, "a", 42, "r", 7);
        badGeneration.headers().addString(io.tributary.common.RecordHeaders.GENERATION, "seven");
        assertTrue(assertThrows(UnconvertibleRecordException.class, () -> merge.normalize(badGeneration)).getMessage()
                .contains("header tributary.generation is not a number: seven"));
    }

    @Test
    void debeziumEnvelopesUseTheLsnAndBeforeImageOfDeletes() {
        ChangeEvent insert = merge.normalize(TestRecords.debezium("t", 0, 0, 1, "a", 1000, "c"));
        assertEquals(1000L, insert.position());
        assertEquals("a", insert.row().getString("name"));
        ChangeEvent delete = merge.normalize(TestRecords.debezium("t", 0, 1, 1, "a", 2000, "d"));
        assertTrue(delete.delete());
        assertEquals(insert.schema(), delete.schema(), "before and after share the row schema");
        ChangeEvent tombstone = merge.normalize(TestRecords.tombstone("t", 0, 2, 1));
        assertTrue(tombstone.delete());
        assertNull(tombstone.position());
    }

    @Test
    void mysqlPositionsCombineBinlogFileAndPosition() {
        Schema source = SchemaBuilder.struct().field("connector", Schema.STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
                .field("pos", Schema.INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().name("t.Envelope").field("before", TestRecords.OPTIONAL_VALUE).field("after", TestRecords.OPTIONAL_VALUE)
                .field("source", source).field("op", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(envelope).put("op", "u").put("after", TestRecords.row(TestRecords.OPTIONAL_VALUE, 1, "a"))
                .put("source", new Struct(source).put("connector", "mariadb").put("file", "mysql-bin.000003").put("pos", 154L));
        ChangeEvent event = merge.normalize(new SinkRecord("t", 0, TestRecords.KEY, TestRecords.key(1), envelope, value, 0));
        assertEquals((3L << 32) | 154L, event.position());
    }

    @Test
    void otherConnectorsPositionsAreUnknown() {
        Schema sqlServer = SchemaBuilder.struct().field("connector", Schema.STRING_SCHEMA).field("change_lsn", Schema.OPTIONAL_STRING_SCHEMA)
                .field("commit_lsn", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema cassandra = SchemaBuilder.struct().field("connector", Schema.STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
                .field("pos", Schema.INT64_SCHEMA).build();
        assertNull(position(sqlServer, new Struct(sqlServer).put("connector", "sqlserver").put("change_lsn", "00000027:00000758:0005")
                .put("commit_lsn", "00000027:00000758:0003")));
        assertNull(position(cassandra, new Struct(cassandra).put("connector", "cassandra").put("file", "CommitLog-7-1.log").put("pos", 9L)));
    }

    private Long position(Schema source, Struct sourceValue) {
        Schema envelope = SchemaBuilder.struct().name("t.Envelope").field("before", TestRecords.OPTIONAL_VALUE).field("after", TestRecords.OPTIONAL_VALUE)
                .field("source", source).field("op", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(envelope).put("op", "u").put("after", TestRecords.row(TestRecords.OPTIONAL_VALUE, 1, "a")).put("source", sourceValue);
        return merge.normalize(new SinkRecord("t", 0, TestRecords.KEY, TestRecords.key(1), envelope, value, 0)).position();
    }

    @Test
    void plainStructsWithKeyFieldsNeedNoKey() {
        RecordNormalizer byFields = new RecordNormalizer(List.of("id"), true);
        ChangeEvent event = byFields.normalize(new SinkRecord("t", 0, null, null, TestRecords.VALUE, TestRecords.row(3, "c"), 9));
        assertNull(event.position());
        assertTrue(event.schema().column("id").key());
        assertEquals(3L, event.value(event.schema().column("id")));
    }

    @Test
    void unconvertibleRecordsSayWhy() {
        UnconvertibleRecordException noKey = assertThrows(UnconvertibleRecordException.class,
                () -> merge.normalize(new SinkRecord("t", 0, null, null, TestRecords.VALUE, TestRecords.row(3, "c"), 9)));
        assertTrue(noKey.getMessage().contains("no key"), noKey.getMessage());
        UnconvertibleRecordException schemaless = assertThrows(UnconvertibleRecordException.class,
                () -> merge.normalize(new SinkRecord("t", 0, TestRecords.KEY, TestRecords.key(1), null, java.util.Map.of("id", 1), 9)));
        assertTrue(schemaless.getMessage().contains("not a struct"), schemaless.getMessage());
    }

    /** A source table whose own columns are named like Debezium's envelope fields (an audit log, say). */
    private static final Schema LOOKALIKE = SchemaBuilder.struct().name("shop.public.audit.Value")
            .field("id", Schema.INT64_SCHEMA).field("op", Schema.OPTIONAL_STRING_SCHEMA)
            .field("before", Schema.OPTIONAL_STRING_SCHEMA).field("after", Schema.OPTIONAL_STRING_SCHEMA)
            .field("source", Schema.OPTIONAL_STRING_SCHEMA).build();

    private static Struct lookalikeRow(String op) {
        return new Struct(LOOKALIKE).put("id", 7L).put("op", op).put("before", "b").put("after", "a").put("source", "web");
    }

    private static List<String> names(ChangeEvent event) {
        return event.schema().columns().stream().map(c -> c.name()).toList();
    }

    @Test
    void ourRecordWithColumnsNamedLikeAnEnvelopeIsARow() {
        org.apache.kafka.connect.header.ConnectHeaders headers = new org.apache.kafka.connect.header.ConnectHeaders();
        headers.addString(io.tributary.common.RecordHeaders.OP, "u");
        headers.addLong(io.tributary.common.RecordHeaders.POSITION, 99L);
        SinkRecord record = new SinkRecord("shop.public.audit", 0, TestRecords.KEY, TestRecords.key(7), LOOKALIKE, lookalikeRow("t"), 3,
                0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
        ChangeEvent event = merge.normalize(record);
        assertNotNull(event, "a row whose op column says 't' is not a Debezium truncate");
        assertEquals(99L, event.position());
        assertFalse(event.delete());
        assertEquals(List.of("id", "op", "before", "after", "source"), names(event));
        assertEquals("t", event.row().getString("op"));
    }

    @Test
    void aPlainStructWithoutAnEnvelopeSchemaNameIsARow() {
        SinkRecord record = new SinkRecord("shop.public.audit", 0, TestRecords.KEY, TestRecords.key(7), LOOKALIKE, lookalikeRow("d"), 3);
        ChangeEvent event = merge.normalize(record);
        assertFalse(event.delete(), "a row whose op column says 'd' is not a Debezium delete");
        assertNull(event.position());
        assertEquals(List.of("id", "op", "before", "after", "source"), names(event));
    }

    @Test
    void valuesAnUpdateLeftOutAreMarkedUnchangedAndStagedAsNothing() {
        ToastRecords.Doc doc = ToastRecords.Doc.full("t", "alpha");
        ChangeEvent debezium = merge.normalize(ToastRecords.debeziumTitleOnly("t", 0, 100, 1, "t2"));
        assertEquals(java.util.Set.copyOf(ToastRecords.TOASTED), debezium.unchanged());
        ChangeEvent ours = merge.normalize(ToastRecords.ours("t", 1, 10, "u", 1, doc, "body", "doc"));
        assertEquals(java.util.Set.of("body", "doc"), ours.unchanged());
        assertEquals(java.util.Set.of(), merge.normalize(ToastRecords.debezium("t", 2, 100, "u", 1, doc)).unchanged());
        RecordNormalizer off = new RecordNormalizer(List.of(), true, new io.tributary.sink.record.Placeholder(""));
        assertEquals(java.util.Set.of(), off.normalize(ToastRecords.debeziumTitleOnly("t", 0, 100, 1, "t2")).unchanged(),
                "with no placeholder set, only the header marks values");
    }

    @Test
    void anInsertOrReadThatLeavesValuesOutOrAnUnknownHeaderNameCannotBeWritten() {
        ToastRecords.Doc doc = ToastRecords.Doc.full("t", "alpha");
        UnconvertibleRecordException insert = assertThrows(UnconvertibleRecordException.class, () -> merge.normalize(
                ToastRecords.debezium("t", 0, 100, "c", 1, ToastRecords.placeholders(ToastRecords.row(1, doc)))));
        assertTrue(insert.getMessage().startsWith("op=c (an insert) leaves the values of body, doc, tags, data, nums unchanged"),
                insert.getMessage());
        UnconvertibleRecordException read = assertThrows(UnconvertibleRecordException.class,
                () -> merge.normalize(ToastRecords.ours("t", 1, 10, "r", 1, doc, "body")));
        assertTrue(read.getMessage().startsWith("op=r (a snapshot read) leaves the values of body unchanged"), read.getMessage());
        UnconvertibleRecordException unknown = assertThrows(UnconvertibleRecordException.class,
                () -> merge.normalize(ToastRecords.ours("t", 1, 10, "u", 1, doc, "nope")));
        assertEquals("header tributary.unchanged names 'nope', which is not a field of the value", unknown.getMessage());
        UnconvertibleRecordException key = assertThrows(UnconvertibleRecordException.class,
                () -> merge.normalize(ToastRecords.ours("t", 1, 10, "u", 1, doc, "id")));
        assertTrue(key.getMessage().startsWith("key column id is marked unchanged"), key.getMessage());
    }

    /** A truncate (ours: op t, null key and value; Debezium: op=t, null key) is skipped by default, an event with apply; never "no key". */
    @Test
    void truncatesAreSkippedOrBecomeEventsWithoutAKey() {
        assertNull(merge.normalize(TestRecords.truncate("t", 0, 1, 20)));
        assertNull(merge.normalize(TestRecords.debeziumTruncate("t", 0, 2, 120)));
        RecordNormalizer apply = new RecordNormalizer(List.of(), true, new io.tributary.sink.record.Placeholder(""), true);
        ChangeEvent ours = apply.normalize(TestRecords.truncate("t", 0, 1, 20));
        assertTrue(ours.isTruncate());
        assertEquals(20L, ours.position());
        ChangeEvent debezium = apply.normalize(TestRecords.debeziumTruncate("t", 0, 2, 120));
        assertTrue(debezium.isTruncate());
        assertEquals(120L, debezium.position());
    }
}
