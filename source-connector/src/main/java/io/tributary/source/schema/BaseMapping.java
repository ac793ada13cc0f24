package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

/** What every mapping shares: the column, the schema parameters, error messages. */
public abstract class BaseMapping implements ColumnMapping {

    protected final ColumnInfo column;

    protected BaseMapping(ColumnInfo column) {
        this.column = column;
    }

    /** @return a fresh builder of the field's type, without the common parameters */
    protected abstract SchemaBuilder builder();

    @Override
    public final ColumnInfo column() {
        return column;
    }

    @Override
    public Schema schema(boolean optional) {
        SchemaBuilder builder = builder().parameter(LogicalTypes.PARAM_SOURCE_TYPE, column.typeName());
        return (optional ? builder.optional() : builder).build();
    }

    /** Null: a subclass that keeps the throwing {@link #offsetValue} must say why here. */
    @Override
    public String keyProblem() {
        return null;
    }

    @Override
    public Object offsetValue(Object value) {
        throw notOrderable();
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        throw notOrderable();
    }

    @Override
    public Long position(Object offsetValue) {
        return null;
    }

    protected DataException error(String problem) {
        return new DataException("Column " + column.name() + " (" + column.typeName() + "): " + problem);
    }

    protected DataException error(String problem, Throwable cause) {
        return new DataException("Column " + column.name() + " (" + column.typeName() + "): " + problem, cause);
    }

    private DataException notOrderable() {
        return error("this type cannot be a key or cursor column (" + keyProblem() + "); choose other key.columns");
    }

    /** An offset value as a long: offsets store integers as Long, but JSON may hand back Integer or a String. */
    protected long toLong(Object offsetValue) {
        if (offsetValue instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(offsetValue));
        } catch (NumberFormatException e) {
            throw error("offset value '" + offsetValue + "' is not an integer", e);
        }
    }
}
