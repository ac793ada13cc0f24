package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Schema;

/**
 * How one column becomes a Connect field, an offset value and a bound parameter. Each source dialect
 * chooses the mapping of a column ({@code SourceDialect#mapping}); see {@code docs/record-contract.md}.
 */
public interface ColumnMapping {

    /** @return the column this mapping reads */
    ColumnInfo column();

    /**
     * @param optional whether the field may be null
     * @return the field schema, with parameter {@code tributary.source.type} (and
     *         {@code tributary.source.length} for strings with a declared length)
     */
    Schema schema(boolean optional);

    /**
     * @param rs a result set on a row
     * @param index 1-based column index in {@code rs}
     * @return the exact Connect value, or null for SQL NULL
     * @throws SQLException if the driver fails
     * @throws org.apache.kafka.connect.errors.DataException if the value has no exact Connect form
     */
    Object read(ResultSet rs, int index) throws SQLException;

    /**
     * A value {@link #read} returned, in a form Connect offsets can store as JSON: Long for integers,
     * plain-notation String for decimals, String for text and UUIDs, ISO String with six fraction digits
     * for dates, times and timestamps ({@code Z} for instants), Boolean, Double, base64 String for bytes.
     * Derived from the value read, so a row's columns are read from the result set once.
     *
     * @param value a value from {@link #read}
     * @return that form, or null for SQL NULL
     * @throws org.apache.kafka.connect.errors.DataException if the column cannot be a key or cursor
     */
    Object offsetValue(Object value);

    /**
     * Why this column cannot be a key or cursor column, or null when it can: chunk boundaries,
     * resume points and cursor checkpoints need a value that reads back exactly and compares as the
     * database orders the column. The planner refuses a table whose key or cursor has a problem.
     */
    String keyProblem();

    /**
     * Binds a value from {@link #offsetValue} with the column's own SQL type, so that
     * {@code column > ?} compares as the database compares column values.
     */
    void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException;

    /**
     * @param offsetValue a value from {@link #offsetValue}
     * @return the INT64 source position of a cursor value (epoch microseconds for timestamps and
     *         dates, the number for integers), or null when the type has none
     */
    Long position(Object offsetValue);
}
