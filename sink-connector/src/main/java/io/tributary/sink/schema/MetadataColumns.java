package io.tributary.sink.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The metadata columns the sink adds to every table, defined here once: names, order, types and
 * values. The staged ones (position, op, topic, partition, offset, unchanged, generation) follow the
 * data columns in every staged file; the first five decide which version wins. Synced-at and deleted-at
 * are set by the merge.
 *
 * @param position the source position of the version (null when unknown)
 * @param op the operation code ({@code c}, {@code u}, {@code r}, {@code d}, {@code t})
 * @param topic the Kafka topic of the version
 * @param partition its Kafka partition
 * @param offset its Kafka offset
 * @param unchanged the columns whose value is not known ({@link UnchangedMarker}): in a staged version,
 *        those the change left out; in a stored row, those no version has given yet
 * @param generation the generation (snapshot) of the source table the version was read under (the
 *        {@code tributary.generation} header; null without it); in a stored row, the greatest generation of
 *        the versions and key marks that wrote or marked it. Not part of the version order
 * @param syncedAt set by the merge to the time the row was written
 * @param deletedAt with soft deletes: set by the merge to the time the row was deleted
 */
public record MetadataColumns(String position, String op, String topic, String partition, String offset, String unchanged,
        String generation, String syncedAt, String deletedAt) {

    public static MetadataColumns withPrefix(String prefix, String deletedAt) {
        return new MetadataColumns(prefix + "position", prefix + "op", prefix + "topic", prefix + "partition",
                prefix + "offset", prefix + "unchanged", prefix + "generation", prefix + "synced_at", deletedAt);
    }

    /** The staged metadata columns, in the order they follow the data columns in every staged file. */
    public List<Column> staged() {
        return List.of(Column.of(position, ColumnType.Kind.INT64), Column.of(op, ColumnType.Kind.STRING),
                Column.of(topic, ColumnType.Kind.STRING), Column.of(partition, ColumnType.Kind.INT32),
                Column.of(offset, ColumnType.Kind.INT64), Column.of(unchanged, ColumnType.Kind.STRING),
                Column.of(generation, ColumnType.Kind.INT64));
    }

    /** The names of {@link #staged()}, in order. */
    public List<String> stagedNames() {
        return names(staged());
    }

    /** The names of the staged columns that make a version: {@link #staged()} but {@link #unchanged()} and {@link #generation()}. */
    public List<String> versionNames() {
        return stagedNames().stream().filter(c -> !c.equals(unchanged) && !c.equals(generation)).toList();
    }

    /**
     * The values of {@link #staged()} for one version, in order; {@code unchangedMarker} null when the version carries every value,
     * {@code sourceGeneration} null when the record names none.
     */
    public List<Object> stagedValues(Long sourcePosition, String operation, SinkRecord record, String unchangedMarker, Long sourceGeneration) {
        return Arrays.asList(sourcePosition, operation, record.topic(), record.kafkaPartition(), record.kafkaOffset(), unchangedMarker,
                sourceGeneration);
    }

    /** What a tombstone keeps next to the deleted key: the deleting version (position, topic, partition, offset). */
    public List<Column> tombstone() {
        return staged().stream().filter(c -> !c.name().equals(op) && !c.name().equals(unchanged) && !c.name().equals(generation)).toList();
    }

    /** The names of {@link #tombstone()}, in order. */
    public List<String> tombstoneNames() {
        return names(tombstone());
    }

    /** The Kafka coordinates of a version (topic, partition, offset): a staged record's identity. */
    public List<String> coordinates() {
        return List.of(topic, partition, offset);
    }

    /**
     * The columns the merge sets to the current time: synced-at, and deleted-at with soft deletes.
     * They are timestamps with time zone, in each warehouse's own spelling.
     */
    public List<String> mergeTimes(boolean softDelete) {
        return softDelete ? List.of(syncedAt, deletedAt) : List.of(syncedAt);
    }

    private static List<String> names(List<Column> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }
}
