package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Boolean columns (and those a dialect reads as booleans, such as one-bit or one-digit integer types)
 * as BOOLEAN, read with {@code getBoolean}: a value other than 0 or 1 reads as true (the driver's rule).
 */
public final class BooleanMapping extends BaseMapping {

    public BooleanMapping(ColumnInfo column) {
        super(column);
    }

    @Override
    protected SchemaBuilder builder() {
        return SchemaBuilder.bool();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        boolean value = rs.getBoolean(index);
        return rs.wasNull() ? null : value;
    }

    @Override
    public Object offsetValue(Object value) {
        return value;
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.BOOLEAN);
        } else {
            ps.setBoolean(index, offsetValue instanceof Boolean b ? b : Boolean.parseBoolean(offsetValue.toString()));
        }
    }
}
