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
 * never parsed) and types this package does not know. Subclasses change the text they read.
 */
class StringMapping extends BaseMapping {

    /** How an offset value is bound back. */
    enum Bind {
        /** {@code setString}: the column is a character type. */
        TEXT,
        /** PostgreSQL {@code setObject(.., Types.OTHER)}: the server casts the text to the column's own type. */
        SERVER_TYPED,
        /** The type has no order to page by (json). */
        NONE
    }

    private final Supplier<SchemaBuilder> schema;
    private final Integer length;
    private final Bind bind;

    StringMapping(ColumnInfo column, DatabaseKind kind, Supplier<SchemaBuilder> schema, Integer length, Bind bind) {
        super(column, kind);
        this.schema = schema;
        this.length = length;
        this.bind = kind == DatabaseKind.MARIADB && bind == Bind.SERVER_TYPED ? Bind.TEXT : bind;
    }

    static StringMapping text(ColumnInfo column, DatabaseKind kind, Integer length) {
        return new StringMapping(column, kind, SchemaBuilder::string, length, Bind.TEXT);
    }

    static StringMapping json(ColumnInfo column, DatabaseKind kind) {
        return new StringMapping(column, kind, LogicalTypes::json, null, Bind.NONE);
    }

    /** A type without a mapping of its own (inet, cidr, macaddr, money, PostgreSQL enums, ...). */
    static StringMapping other(ColumnInfo column, DatabaseKind kind) {
        return new StringMapping(column, kind, SchemaBuilder::string, null, Bind.SERVER_TYPED);
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
    public Object offsetValue(ResultSet rs, int index) throws SQLException {
        return bind == Bind.NONE ? super.offsetValue(rs, index) : text(rs, index);
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
