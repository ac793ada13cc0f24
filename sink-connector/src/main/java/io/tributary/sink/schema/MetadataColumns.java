package io.tributary.sink.schema;

import java.util.List;

/**
 * Names of the metadata columns the sink adds. The first five are staged with every record (they
 * decide which version wins); synced-at and deleted-at are set by the merge.
 */
public record MetadataColumns(String position, String op, String topic, String partition, String offset,
        String syncedAt, String deletedAt) {

    public static MetadataColumns withPrefix(String prefix, String deletedAt) {
        return new MetadataColumns(prefix + "position", prefix + "op", prefix + "topic", prefix + "partition",
                prefix + "offset", prefix + "synced_at", deletedAt);
    }

    /** The staged metadata columns, after the data columns in every staged file. */
    public List<Column> staged() {
        return List.of(Column.of(position, ColumnType.Kind.INT64), Column.of(op, ColumnType.Kind.STRING),
                Column.of(topic, ColumnType.Kind.STRING), Column.of(partition, ColumnType.Kind.INT32),
                Column.of(offset, ColumnType.Kind.INT64));
    }
}
