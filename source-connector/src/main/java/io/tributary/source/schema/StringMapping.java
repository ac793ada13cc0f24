package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Columns read as text with {@code getString}: char/varchar/text (parameter
 * {@code tributary.source.length} when declared), enum, set, json (STRING {@code io.tributary.data.Json},
 * never parsed) and types a dialect does not know. Subclasses change the text they read.
 */
public class StringMapping extends BaseMapping {

    /** How an offset value is bound back. */
    public enum Bind {
        /** {@code setString}: the column is a character type. */
        TEXT,
        /** {@code setObject(.., Types.OTHER)}: the server casts the text to the column's own type. */
        SERVER_TYPED,
        /** The type has no order to page by (json). */
        NONE
    }

    private final Supplier<SchemaBuilder> schema;
    private final Integer length;
    private final Bind bind;

    public StringMapping(ColumnInfo column, Supplier<SchemaBuilder> schema, Integer length, Bind bind) {
        super(column);
        this.schema = schema;
        this.length = length;
        this.bind = bind;
    }

    public static StringMapping text(ColumnInfo column, Integer length) {
        return new StringMapping(column, SchemaBuilder::string, length, Bind.TEXT);
    }

    public static StringMapping json(ColumnInfo column) {
        return new StringMapping(column, LogicalTypes::json, null, Bind.NONE);
    }

    /**
     * A type without a mapping of its own (network addresses, money, enums...): text, bound as
     * {@code bind} says; BYTES when the driver reports a binary JDBC type.
     */
    public static BaseMapping other(ColumnInfo column, Bind bind) {
        return switch (column.jdbcType()) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> new BytesMapping(column);
            default -> new StringMapping(column, SchemaBuilder::string, null, bind);
        };
    }

    /** A declared length worth a {@code tributary.source.length} parameter, or null. */
    public static Integer declaredLength(ColumnInfo column) {
        return column.precision() > 0 && column.precision() < Integer.MAX_VALUE ? column.precision() : null;
    }

    @Override
    protected SchemaBuilder builder() {
        SchemaBuilder builder = schema.get();
        return length == null ? builder : builder.parameter(LogicalTypes.PARAM_LENGTH, length.toString());
    }

    /** @return the column's text as the Connect value */
    protected String text(ResultSet rs, int index) throws SQLException {
        return rs.getString(index);
    }

    @Override
    public String keyProblem() {
        return bind == Bind.NONE ? "json has no order to page by" : null;
    }

    @Override
    public final Object read(ResultSet rs, int index) throws SQLException {
        return text(rs, index);
    }

    @Override
    public Object offsetValue(Object value) {
        return bind == Bind.NONE ? super.offsetValue(value) : value;
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (bind == Bind.NONE) {
            super.bind(ps, index, offsetValue);
        } else if (bind == Bind.TEXT) {
            if (offsetValue == null) {
                ps.setNull(index, Types.VARCHAR);
            } else {
                ps.setString(index, offsetValue.toString());
            }
        } else {
            ps.setObject(index, offsetValue == null ? null : offsetValue.toString(), Types.OTHER);
        }
    }
}
