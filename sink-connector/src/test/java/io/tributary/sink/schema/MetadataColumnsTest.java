package io.tributary.sink.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.buffer.AvroFiles;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.BatchFiles;
import io.tributary.sink.buffer.TableBuffer;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.record.ChangeEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataColumnsTest {

    private static final MetadataColumns META = MetadataColumns.withPrefix("m_", "gone_at");

    @Test
    void namesTypesAndOrderAreDefinedOnce() {
        assertEquals(List.of("m_position", "m_op", "m_topic", "m_partition", "m_offset", "m_unchanged", "m_generation"), META.stagedNames());
        assertEquals(List.of(ColumnType.Kind.INT64, ColumnType.Kind.STRING, ColumnType.Kind.STRING, ColumnType.Kind.INT32,
                ColumnType.Kind.INT64, ColumnType.Kind.STRING, ColumnType.Kind.INT64), META.staged().stream().map(Column::kind).toList());
        assertEquals(List.of("m_position", "m_op", "m_topic", "m_partition", "m_offset"), META.versionNames());
        assertEquals(List.of("m_position", "m_topic", "m_partition", "m_offset"), META.tombstoneNames());
        assertEquals(List.of("m_topic", "m_partition", "m_offset"), META.coordinates());
        assertEquals(List.of("m_synced_at"), META.mergeTimes(false));
        assertEquals(List.of("m_synced_at", "gone_at"), META.mergeTimes(true));
    }

    @Test
    void aStagedFileHoldsTheMetadataValuesUnderTheirColumns(@TempDir Path dir) throws Exception {
        Schema value = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        TableSchema schema = new TableSchema(List.of(Column.of("id", ColumnType.Kind.INT64).asKey()));
        SinkRecord record = new SinkRecord("shop.public.items", 3, null, null, value, new Struct(value).put("id", 1L), 42L);
        TableBuffer buffer = new TableBuffer(new TableId("s", "items"), record.topic(), schema, META, true, dir, BatchFiles.LOCAL_DISK,
                CodecFactory.nullCodec(), 0L, ValueGuard.NONE);
        buffer.add(new ChangeEvent(record, "u", false, 7L, schema, null, (Struct) record.value(), java.util.Set.of(), 1_700_000_000_000L, null));
        Batch batch = buffer.finish();
        List<Object> staged = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = AvroFiles.open(batch.file())) {
            GenericRecord row = reader.next();
            for (Column column : batch.stagedColumns().subList(1, batch.stagedColumns().size())) {
                Object field = row.get(column.name());
                staged.add(field instanceof CharSequence text ? text.toString() : field);
            }
        } finally {
            Files.deleteIfExists(batch.file());
        }
        assertEquals(META.staged(), batch.stagedColumns().subList(1, batch.stagedColumns().size()));
        assertEquals(java.util.Arrays.asList(7L, "u", "shop.public.items", 3, 42L, null, 1_700_000_000_000L), staged);
        assertEquals(staged, META.stagedValues(7L, "u", record, null, 1_700_000_000_000L).stream().map(v -> v instanceof CharSequence t ? t.toString() : v).toList());
    }
}
