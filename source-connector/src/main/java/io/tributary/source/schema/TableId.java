package io.tributary.source.schema;

import java.util.Objects;

/**
 * A table in the source database: {@code schema} is the schema, or the database where a database
 * has no schemas of its own (its JDBC catalog).
 *
 * @param schema schema, or database
 * @param table table name, as stored in the catalog (case kept)
 */
public record TableId(String schema, String table) {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (schema.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("Schema and table must not be empty: '" + schema + "." + table + "'");
        }
    }

    /**
     * @param qualified {@code schema.table}; split at the first dot, so a table name may contain dots
     * @return the table id
     * @throws IllegalArgumentException without a dot, or with an empty part
     */
    public static TableId parse(String qualified) {
        int dot = qualified == null ? -1 : qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("Expected schema.table, got '" + qualified + "'");
        }
        return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** @return {@code schema.table} */
    public String qualified() {
        return schema + "." + table;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
