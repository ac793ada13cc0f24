package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * A {@code numeric} without a declared scale as STRING {@code io.tributary.data.VariableDecimal}
 * in plain notation, every digit and trailing zero kept. The special values come out as
 * {@code NaN}, {@code Infinity} and {@code -Infinity}.
 */
public final class VariableDecimalMapping extends BaseMapping {

    public VariableDecimalMapping(ColumnInfo column) {
        super(column);
    }

    @Override
    protected SchemaBuilder builder() {
        return LogicalTypes.variableDecimal();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text).toPlainString();
        } catch (NumberFormatException e) {
            return text; // NaN, Infinity, -Infinity
        }
    }

    @Override
    public Object offsetValue(Object value) {
        return value;
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.NUMERIC);
            return;
        }
        String text = offsetValue.toString();
        try {
            ps.setBigDecimal(index, new BigDecimal(text));
        } catch (NumberFormatException e) {
            ps.setObject(index, text, Types.OTHER); // NaN or infinity: the server parses it
        }
    }
}
