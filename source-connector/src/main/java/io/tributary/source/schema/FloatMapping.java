package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.SchemaBuilder;

/** {@code real} / {@code float} as FLOAT32 and {@code double} as FLOAT64; offsets are Double. */
public final class FloatMapping extends BaseMapping {

    private final boolean single;

    public FloatMapping(ColumnInfo column, boolean single) {
        super(column);
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
    public Object offsetValue(Object value) {
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
