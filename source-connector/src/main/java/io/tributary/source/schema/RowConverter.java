package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns rows of one table into Connect key and value structs, and key values into offsets and back.
 *
 * <p>Rows must come from {@code SELECT <selectColumns()> ...}: every table column, in table order.
 * Schemas are named {@code <prefix>.<schema>.<table>.Key} and {@code ...Value}. Key fields are required
 * (in the key and in the value); every other value field is optional, as the record contract says.
 */
public final class RowConverter {

    private final TableDescription table;
    private final List<String> keyColumns;
    private final List<String> selectColumns;
    private final Map<String, ColumnMapping> mappings = new LinkedHashMap<>();
    private final Map<String, Integer> selectIndex = new HashMap<>();
    private final Schema keySchema;
    private final Schema valueSchema;

    /**
     * @param table the table's description
     * @param keyColumns key columns in key order: the primary key or a {@code key.columns} override;
     *        empty when the table has no usable key
     * @param topicPrefix the {@code topic.prefix}, first part of the schema names
     * @param mappingOf the dialect's mapping of each column
     * @param sourceTypes whether fields keep the {@code tributary.source.type} parameter (schema.source.types)
     * @throws IllegalArgumentException if a key column is missing or repeated
     */
    public RowConverter(TableDescription table, List<String> keyColumns, String topicPrefix,
            Function<ColumnInfo, ColumnMapping> mappingOf, boolean sourceTypes) {
        this.table = Objects.requireNonNull(table, "table");
        this.keyColumns = List.copyOf(keyColumns);
        Set<String> keys = new HashSet<>();
        for (String key : this.keyColumns) {
            table.column(key);
            if (!keys.add(key)) {
                throw new IllegalArgumentException("Key column '" + key + "' of " + table.id().qualified() + " is listed twice");
            }
        }
        List<String> select = new ArrayList<>();
        String name = topicPrefix + "." + table.id().schema() + "." + table.id().table();
        SchemaBuilder value = SchemaBuilder.struct().name(name + ".Value");
        for (ColumnInfo column : table.columns()) {
            ColumnMapping mapping = mappingOf.apply(column);
            mappings.put(column.name(), mapping);
            selectIndex.put(column.name(), select.size() + 1);
            select.add(column.name());
            value.field(column.name(), fieldSchema(mapping, !keys.contains(column.name()), sourceTypes));
        }
        this.selectColumns = List.copyOf(select);
        this.valueSchema = value.build();
        if (this.keyColumns.isEmpty()) {
            this.keySchema = null;
        } else {
            SchemaBuilder key = SchemaBuilder.struct().name(name + ".Key");
            this.keyColumns.forEach(k -> key.field(k, fieldSchema(mappings.get(k), false, sourceTypes)));
            this.keySchema = key.build();
        }
    }

    private static Schema fieldSchema(ColumnMapping mapping, boolean optional, boolean sourceTypes) {
        Schema schema = mapping.schema(optional);
        return sourceTypes ? schema : withoutSourceType(schema);
    }

    /** The schema without the {@code tributary.source.type} parameter, in arrays' elements too. */
    static Schema withoutSourceType(Schema schema) {
        SchemaBuilder builder = schema.type() == Schema.Type.ARRAY
                ? SchemaBuilder.array(withoutSourceType(schema.valueSchema()))
                : new SchemaBuilder(schema.type());
        if (schema.name() != null) {
            builder.name(schema.name());
        }
        if (schema.version() != null) {
            builder.version(schema.version());
        }
        if (schema.doc() != null) {
            builder.doc(schema.doc());
        }
        if (schema.parameters() != null) {
            schema.parameters().forEach((name, value) -> {
                if (!LogicalTypes.PARAM_SOURCE_TYPE.equals(name)) {
                    builder.parameter(name, value);
                }
            });
        }
        if (schema.isOptional()) {
            builder.optional();
        }
        if (schema.defaultValue() != null) {
            builder.defaultValue(schema.defaultValue());
        }
        return builder.build();
    }

    /** @return the table */
    public TableDescription table() {
        return table;
    }

    /** @return the key columns in key order; empty when the table has no key */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** @return every table column in table order: what the SELECT must return, in this order */
    public List<String> selectColumns() {
        return selectColumns;
    }

    /** @return the key struct schema, or null when the table has no key */
    public Schema keySchema() {
        return keySchema;
    }

    /** @return the value struct schema */
    public Schema valueSchema() {
        return valueSchema;
    }

    /**
     * @param column a column name
     * @return its mapping
     * @throws IllegalArgumentException if the table has no such column
     */
    public ColumnMapping mapping(String column) {
        ColumnMapping mapping = mappings.get(column);
        if (mapping == null) {
            table.column(column); // throws, naming the table
        }
        return mapping;
    }

    /**
     * Reads the current row, each column once, with its mapping.
     *
     * @return the Connect values of the columns, in {@link #selectColumns()} order
     * @throws org.apache.kafka.connect.errors.DataException if a value has no exact Connect form
     */
    public Object[] read(ResultSet rs) throws SQLException {
        Object[] values = new Object[selectColumns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = mappings.get(selectColumns.get(i)).read(rs, i + 1);
        }
        return values;
    }

    /**
     * Reads the current row of {@code SELECT <keyColumns()> ...} (a keys-only read): a row as from
     * {@link #read} with only the key columns set.
     */
    public Object[] readKeys(ResultSet rs) throws SQLException {
        Object[] values = new Object[selectColumns.size()];
        for (int i = 0; i < keyColumns.size(); i++) {
            String column = keyColumns.get(i);
            values[selectIndex.get(column) - 1] = mappings.get(column).read(rs, i + 1);
        }
        return values;
    }

    /** The value of {@code column} in a row from {@link #read}. */
    public Object get(Object[] row, String column) {
        Integer index = selectIndex.get(column);
        if (index == null) {
            table.column(column); // throws, naming the table
        }
        return row[index - 1];
    }

    /** The offset form of {@code column}'s value in a row from {@link #read}. */
    public Object offsetValue(Object[] row, String column) {
        return mapping(column).offsetValue(get(row, column));
    }

    /**
     * @return the key struct of a row from {@link #read}, or null when the table has no key
     * @throws DataException if a key column is NULL
     */
    public Struct key(Object[] row) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (String column : keyColumns) {
            Object value = get(row, column);
            if (value == null) {
                throw new DataException("Key column " + column + " of " + table.id().qualified() + " is NULL");
            }
            key.put(column, value);
        }
        return key;
    }

    /** @return the value struct of a row from {@link #read} */
    public Struct value(Object[] row) {
        Struct value = new Struct(valueSchema);
        for (int i = 0; i < selectColumns.size(); i++) {
            value.put(selectColumns.get(i), row[i]);
        }
        return value;
    }

    /** @return the key values of a row from {@link #read} as offset values, in key order */
    public List<Object> keyOffset(Object[] row) {
        List<Object> offset = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            offset.add(offsetValue(row, column));
        }
        return offset;
    }

    /**
     * Binds key offset values to consecutive parameters, e.g. for {@code WHERE (k1, k2) > (?, ?)}.
     *
     * @param firstIndex 1-based index of the first parameter
     * @param keyOffset values from {@link #keyOffset}, in key order
     */
    public void bindKey(PreparedStatement ps, int firstIndex, List<Object> keyOffset) throws SQLException {
        if (keyOffset.size() != keyColumns.size()) {
            throw new IllegalArgumentException("Key offset " + keyOffset + " has " + keyOffset.size()
                    + " values; the key of " + table.id().qualified() + " has " + keyColumns.size() + " columns");
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            mappings.get(keyColumns.get(i)).bind(ps, firstIndex + i, keyOffset.get(i));
        }
    }
}
