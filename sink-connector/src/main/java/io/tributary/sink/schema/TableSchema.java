package io.tributary.sink.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The data columns of a batch, in order, key columns flagged. Metadata columns are not part of it. */
public final class TableSchema {

    private final List<Column> columns;
    private final Map<String, Column> byName = new HashMap<>();

    public TableSchema(List<Column> columns) {
        this.columns = List.copyOf(columns);
        for (Column column : columns) {
            if (byName.put(column.name(), column) != null) {
                throw new IllegalArgumentException("column " + column.name() + " appears twice");
            }
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Column> keyColumns() {
        List<Column> keys = new ArrayList<>();
        for (Column column : columns) {
            if (column.key()) {
                keys.add(column);
            }
        }
        return keys;
    }

    public Column column(String name) {
        return byName.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
