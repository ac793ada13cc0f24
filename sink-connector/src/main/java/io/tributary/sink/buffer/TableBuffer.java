package io.tributary.sink.buffer;

import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.record.ChangeEvent;
import io.tributary.sink.record.UnconvertibleRecordException;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import io.tributary.sink.schema.UnchangedMarker;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.DataException;

/**
 * The open batch of one table: the records of one topic, from any of its partitions, streamed into a
 * local Avro object container file as they arrive, so memory stays bounded whatever the batch size.
 * A batch has one schema: a record with another schema needs a new batch ({@link #accepts}); a delete
 * fits any batch whose schema has its key columns, as only key values of deletes are staged.
 */
public final class TableBuffer {

    private final TableId table;
    private final String topic;
    private final TableSchema schema;
    private final List<Column> keyColumns;
    private final List<Column> stagedColumns;
    private final MetadataColumns metadata;
    private final Schema avroSchema;
    private final boolean keyRequired;
    private final Path file;
    private final CountingStream counter;
    private final DataFileWriter<GenericRecord> writer;
    private final long createdAtMs;
    private final ValueGuard guard;
    private final SortedMap<Integer, OffsetRange> ranges = new TreeMap<>();
    private final KeyRange.Tracker keyRanges;

    private final Set<String> unchanged = new HashSet<>();
    private final List<GenerationEnd> generationEnds = new ArrayList<>();
    private Version truncate;
    private long firstTimestamp = -1;
    private int records;

    /** @param guard what the destination cannot hold: such a value fails its record in {@link #add} */
    public TableBuffer(TableId table, String topic, TableSchema schema, MetadataColumns metadata, boolean keyRequired,
            Path dir, BatchFiles files, CodecFactory codec, long nowMs, ValueGuard guard) {
        this.table = table;
        this.topic = topic;
        this.guard = guard;
        this.schema = schema;
        this.keyColumns = schema.keyColumns();
        this.keyRanges = new KeyRange.Tracker(schema.columns());
        this.keyRequired = keyRequired;
        if (keyRequired && keyColumns.isEmpty() && !schema.columns().isEmpty()) {
            throw new UnconvertibleRecordException("no key columns: merge mode needs a key struct or key.fields");
        }
        this.metadata = metadata;
        List<Column> staged = new ArrayList<>(schema.columns());
        staged.addAll(metadata.staged());
        this.stagedColumns = List.copyOf(staged);
        this.avroSchema = AvroSchemas.of(table, stagedColumns);
        this.createdAtMs = nowMs;
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "tributary-batch-", ".avro");
            this.counter = new CountingStream(new BufferedOutputStream(files.open(file), 64 * 1024));
            this.writer = new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(avroSchema)).setCodec(codec);
            writer.create(avroSchema, counter);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a batch file in " + dir, e);
        }
    }

    /** The topic whose records the batch holds. */
    public String topic() {
        return topic;
    }

    /** A batch that starts with a truncate or the end of a generation: no data columns; a row of the table starts another batch. */
    public static TableBuffer forTruncates(TableId table, String topic, MetadataColumns metadata, boolean keyRequired, Path dir,
            BatchFiles files, CodecFactory codec, long nowMs, ValueGuard guard) {
        return new TableBuffer(table, topic, new TableSchema(List.of()), metadata, keyRequired, dir, files, codec, nowMs, guard);
    }

    /**
     * Whether the event can go into this batch without changing its schema; a truncate or the end of a
     * generation goes into any batch of its topic.
     */
    public boolean accepts(ChangeEvent event) {
        if (!event.record().topic().equals(topic)) {
            return false;
        }
        if (event.isTableEvent()) {
            return true;
        }
        if (event.schema().equals(schema)) {
            return true;
        }
        if (!event.delete()) {
            return false;
        }
        for (Column key : event.schema().keyColumns()) {
            Column mine = schema.column(key.name());
            if (mine == null || !mine.key()) {
                return false;
            }
        }
        return event.schema().keyColumns().size() == keyColumns.size();
    }

    /**
     * Appends the event's row. A value the change left out ({@link ChangeEvent#unchanged}) is staged as
     * NULL, and its column is named in the version's {@code unchanged} metadata column. A truncate stages no
     * row: the batch keeps the newest one ({@link Batch#truncate}); nor does the end of a generation: the
     * batch keeps each ({@link Batch#generationEnds}), in Kafka order.
     *
     * @throws UnconvertibleRecordException if a value does not fit its column, the destination cannot
     *         hold it (its {@link ValueGuard}) or a key value is missing; nothing is written then
     */
    public void add(ChangeEvent event) {
        if (event.isTruncate()) {
            Version version = new Version(event.position(), event.record().topic(), event.record().kafkaPartition(), event.record().kafkaOffset());
            if (truncate == null || version.newerThan(truncate)) {
                truncate = version;
            }
            cover(event.record().kafkaPartition(), event.record().kafkaOffset(), event.record().timestamp());
            return;
        }
        if (event.isSnapshotEnd()) {
            generationEnds.add(new GenerationEnd(event.snapshotEnd().generation(), event.snapshotEnd().start(), event.snapshotEnd().partitions(),
                    event.snapshotEnd().mode(), event.record().topic(), event.record().kafkaPartition(), event.record().kafkaOffset()));
            cover(event.record().kafkaPartition(), event.record().kafkaOffset(), event.record().timestamp());
            return;
        }
        GenericRecord row = new GenericData.Record(avroSchema);
        int i = 0;
        List<String> leftOut = event.unchanged().isEmpty() ? List.of() : new ArrayList<>();
        for (Column column : schema.columns()) {
            if (event.unchanged().contains(column.name())) {
                leftOut.add(column.name());
            } else if (!event.delete() || column.key()) {
                Object value = event.value(column);
                if (column.key() && value == null && keyRequired) {
                    throw new UnconvertibleRecordException("key column " + column.name() + " is null");
                }
                Object staged;
                try {
                    staged = AvroValues.toAvro(column, value);
                } catch (DataException e) {
                    throw new UnconvertibleRecordException(e.getMessage(), e);
                }
                String problem = staged == null ? null : guard.problem(column, staged);
                if (problem != null) {
                    throw new UnconvertibleRecordException("column " + column.name() + ": " + problem);
                }
                row.put(i, staged);
                keyRanges.include(i, value);
            }
            i++;
        }
        for (Object value : metadata.stagedValues(event.position(), event.op(), event.record(), UnchangedMarker.of(leftOut), event.generation())) {
            row.put(i++, value);
        }
        try {
            writer.append(row);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to the batch file " + file, e);
        } catch (RuntimeException e) {
            throw new UnconvertibleRecordException("cannot stage the row: " + e.getMessage(), e);
        }
        records++;
        unchanged.addAll(leftOut);
        cover(event.record().kafkaPartition(), event.record().kafkaOffset(), event.record().timestamp());
    }

    /** Extends the batch's offset ranges over a record it holds; the first record's timestamp dates the batch. */
    private void cover(int partition, long offset, Long timestamp) {
        if (ranges.isEmpty()) {
            firstTimestamp = timestamp == null ? -1 : timestamp;
        }
        OffsetRange range = ranges.get(partition);
        ranges.put(partition, range == null ? new OffsetRange(offset, offset) : range.extendTo(offset));
    }

    /** The offsets covered so far, per partition. */
    public SortedMap<Integer, OffsetRange> ranges() {
        return Collections.unmodifiableSortedMap(ranges);
    }

    public int records() {
        return records;
    }

    public long bytes() {
        return counter.count;
    }

    public long ageMs(long nowMs) {
        return nowMs - createdAtMs;
    }

    /** Closes the file and hands it over; the buffer is done. */
    public Batch finish() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the batch file " + file, e);
        }
        List<String> unchangedColumns = schema.columns().stream().map(Column::name).filter(unchanged::contains).toList();
        return new Batch(table, topic, ranges, schema, stagedColumns, file, records, counter.count, firstTimestamp, unchangedColumns,
                truncate, generationEnds, keyRanges.ranges());
    }

    /** Drops the batch and its file. */
    public void discard() {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the file is deleted below anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
