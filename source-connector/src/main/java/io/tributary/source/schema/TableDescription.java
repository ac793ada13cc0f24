package io.tributary.source.schema;

import java.util.List;
import java.util.Objects;

/**
 * A table's columns and primary key.
 *
 * @param id the table
 * @param columns every column, in ordinal order
 * @param primaryKey primary-key column names in key order; empty when the table has none
 */
public record TableDescription(TableId id, List<ColumnInfo> columns, List<String> primaryKey) {

    public TableDescription {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /**
     * @param name a column name (exact case)
     * @return that column
     * @throws IllegalArgumentException if the table has no such column
     */
    public ColumnInfo column(String name) {
        for (ColumnInfo column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        throw new IllegalArgumentException("Table " + id.qualified() + " has no column '" + name + "'");
    }
}
