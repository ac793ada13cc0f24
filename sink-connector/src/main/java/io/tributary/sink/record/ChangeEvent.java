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
 */
public record ChangeEvent(SinkRecord record, String op, boolean delete, Long position, TableSchema schema,
        Struct key, Struct row, Set<String> unchanged) {

    public static final String DELETE_OP = "d";
    public static final String TRUNCATE_OP = "t";

    public ChangeEvent {
        unchanged = Set.copyOf(unchanged);
    }

    /** An event that carries every value. */
    public ChangeEvent(SinkRecord record, String op, boolean delete, Long position, TableSchema schema, Struct key, Struct row) {
        this(record, op, delete, position, schema, key, row, Set.of());
    }

    /** A truncate of the table ({@code truncate.mode=apply}): no key, no row, only its place in the order of versions. */
    public static ChangeEvent truncate(SinkRecord record, Long position) {
        return new ChangeEvent(record, TRUNCATE_OP, false, position, null, null, null);
    }

    /** Whether this is a truncate of the table ({@link #truncate}). */
    public boolean isTruncate() {
        return TRUNCATE_OP.equals(op) && key == null && row == null;
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
