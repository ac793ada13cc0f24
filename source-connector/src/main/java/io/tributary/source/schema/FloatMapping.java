package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.SchemaBuilder;

/** {@code real} / {@code float} as FLOAT32 and {@code double} as FLOAT64; offsets are Double. */
final class FloatMapping extends BaseMapping {

    private final boolean single;

    FloatMapping(ColumnInfo column, DatabaseKind kind, boolean single) {
        super(column, kind);
        this.single = single;
    }

    @Override
    protected SchemaBuilder builder() {
        return single ? SchemaBuilder.float32() : SchemaBuilder.float64();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        if (single) {
            float value = rs.getFloat(index);
            return rs.wasNull() ? null : value;
        }
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : value;
    }

    @Override
    public Object offsetValue(ResultSet rs, int index) throws SQLException {
        Object value = read(rs, index);
        return value == null ? null : ((Number) value).doubleValue();
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, single ? Types.REAL : Types.DOUBLE);
        } else {
            double value = offsetValue instanceof Number n ? n.doubleValue() : Double.parseDouble(offsetValue.toString());
            if (single) {
                ps.setFloat(index, (float) value);
            } else {
                ps.setDouble(index, value);
            }
        }
    }
}
