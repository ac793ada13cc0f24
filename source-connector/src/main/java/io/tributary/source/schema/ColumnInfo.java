package io.tributary.source.schema;

import java.util.Objects;

/**
 * A column as the database describes it.
 *
 * @param name column name
 * @param jdbcType {@link java.sql.Types} code reported by the driver
 * @param typeName database type name in lower case, e.g. {@code int8}, {@code numeric}, {@code _int4},
 *        {@code timestamptz}, {@code varchar}, {@code datetime}, {@code bigint unsigned}, {@code json}
 * @param precision declared precision or length ({@code COLUMN_SIZE}); 0 when unknown
 * @param scale declared scale, or null when none is declared (an unconstrained {@code numeric})
 * @param nullable whether the column accepts NULL
 * @param ordinal 1-based position in the table
 */
public record ColumnInfo(String name, int jdbcType, String typeName, int precision, Integer scale,
                         boolean nullable, int ordinal) {

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }
}
