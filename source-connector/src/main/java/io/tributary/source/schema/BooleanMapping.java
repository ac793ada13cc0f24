package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * PostgreSQL {@code bool}, MariaDB {@code tinyint(1)} / {@code BOOLEAN} and {@code bit(1)} as BOOLEAN.
 * A MariaDB {@code tinyint(1)} holding a value other than 0 or 1 reads as true (the driver's rule).
 */
final class BooleanMapping extends BaseMapping {

    BooleanMapping(ColumnInfo column, DatabaseKind kind) {
        super(column, kind);
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
    public Object offsetValue(ResultSet rs, int index) throws SQLException {
        return read(rs, index);
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
