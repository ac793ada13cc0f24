package io.tributary.sink.schema;

import java.util.Objects;

/** A destination table: schema (dataset) and table name, both kept exactly as given (always quoted in SQL). */
public record TableId(String schema, String table) {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
