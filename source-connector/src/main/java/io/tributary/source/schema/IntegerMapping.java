package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Integer columns as INT16, INT32 or INT64; offsets are Long, the position is the number. */
public final class IntegerMapping extends BaseMapping {

    private final Schema.Type type;

    public IntegerMapping(ColumnInfo column, Schema.Type type) {
        super(column);
        if (type != Schema.Type.INT16 && type != Schema.Type.INT32 && type != Schema.Type.INT64) {
            throw new IllegalArgumentException("Not an integer type: " + type);
        }
        this.type = type;
    }

    @Override
    protected SchemaBuilder builder() {
        return SchemaBuilder.type(type);
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        switch (type) {
            case INT16: {
                short value = rs.getShort(index);
                return rs.wasNull() ? null : value;
            }
            case INT32: {
                int value = rs.getInt(index);
                return rs.wasNull() ? null : value;
            }
            default: {
                long value = rs.getLong(index);
                return rs.wasNull() ? null : value;
            }
        }
    }

    @Override
    public Object offsetValue(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, type == Schema.Type.INT16 ? Types.SMALLINT : type == Schema.Type.INT32 ? Types.INTEGER : Types.BIGINT);
            return;
        }
        long value = toLong(offsetValue);
        switch (type) {
            case INT16 -> ps.setShort(index, (short) value);
            case INT32 -> ps.setInt(index, (int) value);
            default -> ps.setLong(index, value);
        }
    }

    @Override
    public Long position(Object offsetValue) {
        return offsetValue == null ? null : toLong(offsetValue);
    }
}
