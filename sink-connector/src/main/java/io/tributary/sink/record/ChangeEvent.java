package io.tributary.sink.record;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.TableSchema;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record, normalized: which row it is about, what happened to it and how new it is.
 *
 * @param record the Kafka record (topic, partition, offset, timestamp)
 * @param op the operation code as the source wrote it ({@code c}, {@code u}, {@code r}, {@code d})
 * @param delete whether the row was deleted
 * @param position the source position (LSN, binlog position, cursor value); null when unknown
 * @param schema the columns of the row
 * @param key the key struct, or null when the key columns are in {@code row}
 * @param row the row values, or null for a delete that carries only the key
 * @param unchanged the columns whose values the change left out (an update that did not carry them):
 *        not data, the stored values stay; empty when every value is there
 * @param generation the generation of the source table the record was built under ({@code tributary.generation});
 *        null when the record names none
 * @param snapshotEnd what an end-of-snapshot marker says ({@link #snapshotEnd(SinkRecord, SnapshotEnd)}); null for other events
 */
public record ChangeEvent(SinkRecord record, String op, boolean delete, Long position, TableSchema schema,
        Struct key, Struct row, Set<String> unchanged, Long generation, SnapshotEnd snapshotEnd) {

    public static final String DELETE_OP = "d";
    public static final String TRUNCATE_OP = "t";
    /** A key mark of a keys-only refresh: the key still exists at the source; no data. */
    public static final String KEY_MARK_OP = "k";
    /** The end of a generation (snapshot) of the table. */
    public static final String SNAPSHOT_END_OP = "e";

    public ChangeEvent {
        unchanged = Set.copyOf(unchanged);
    }

    /** An event of no generation. */
    public ChangeEvent(SinkRecord record, String op, boolean delete, Long position, TableSchema schema, Struct key, Struct row,
            Set<String> unchanged) {
        this(record, op, delete, position, schema, key, row, unchanged, null, null);
    }

    /** An event that carries every value, of no generation. */
    public ChangeEvent(SinkRecord record, String op, boolean delete, Long position, TableSchema schema, Struct key, Struct row) {
        this(record, op, delete, position, schema, key, row, Set.of());
    }

    /** A truncate of the table ({@code truncate.mode=apply}): no key, no row, only its place in the order of versions. */
    public static ChangeEvent truncate(SinkRecord record, Long position) {
        return new ChangeEvent(record, TRUNCATE_OP, false, position, null, null, null);
    }

    /** The end of a generation of the table: no key, no row. */
    public static ChangeEvent snapshotEnd(SinkRecord record, SnapshotEnd end) {
        return new ChangeEvent(record, SNAPSHOT_END_OP, false, null, null, null, null, Set.of(), end.generation(), end);
    }

    /** Whether this is a truncate of the table ({@link #truncate}). */
    public boolean isTruncate() {
        return TRUNCATE_OP.equals(op) && key == null && row == null;
    }

    /** Whether this is the end of a generation ({@link #snapshotEnd(SinkRecord, SnapshotEnd)}). */
    public boolean isSnapshotEnd() {
        return snapshotEnd != null;
    }

    /** Whether this is a key mark: the key exists at the source as of {@link #generation}; its row carries no data. */
    public boolean isKeyMark() {
        return KEY_MARK_OP.equals(op) && row != null;
    }

    /** Whether the event names no row: a truncate or the end of a generation. */
    public boolean isTableEvent() {
        return isTruncate() || isSnapshotEnd();
    }

    /** The value of one column: from the row when it has the field, else from the key. */
    public Object value(Column column) {
        if (row != null && row.schema().field(column.name()) != null) {
            return row.get(column.name());
        }
        if (key != null && key.schema().field(column.name()) != null) {
            return key.get(column.name());
        }
        return null;
    }

    /** topic-partition@offset, for messages. */
    public String coordinates() {
        return coordinates(record);
    }

    public static String coordinates(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
