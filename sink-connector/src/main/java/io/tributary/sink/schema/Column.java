package io.tributary.sink.schema;

import java.util.Objects;

/**
 * One column of a destination table.
 *
 * @param name the column name, as in the Connect schema
 * @param type its warehouse-neutral type
 * @param encoding how its Connect value is represented
 * @param key whether it is part of the row key
 * @param element the element of an {@link ColumnType.Kind#ARRAY} column, else null
 */
public record Column(String name, ColumnType type, Encoding encoding, boolean key, Column element) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(encoding, "encoding");
    }

    public static Column of(String name, ColumnType.Kind kind) {
        return new Column(name, ColumnType.of(kind), Encoding.AS_IS, false, null);
    }

    public Column asKey() {
        return new Column(name, type, encoding, true, element);
    }

    public ColumnType.Kind kind() {
        return type.kind();
    }
}
