package io.tributary.source.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * {@code numeric(p,s)} / {@code decimal(p,s)} (and MariaDB {@code bigint unsigned} as
 * {@code decimal(20,0)}) as Connect {@code Decimal} with scale s and parameter
 * {@code connect.decimal.precision} = p. Values are parsed from the database's text, so no digit is
 * lost; PostgreSQL {@code NaN} has no Decimal form and fails with the column's name.
 */
final class DecimalMapping extends BaseMapping {

    static final String PRECISION_PARAM = "connect.decimal.precision";

    private final int precision;
    private final int scale;

    DecimalMapping(ColumnInfo column, DatabaseKind kind, int precision, int scale) {
        super(column, kind);
        this.precision = precision;
        this.scale = scale;
    }

    @Override
    protected SchemaBuilder builder() {
        return Decimal.builder(scale).parameter(PRECISION_PARAM, Integer.toString(precision));
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        if (text == null) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw error("value '" + text + "' has no exact decimal form (Connect Decimal cannot hold NaN or infinity)", e);
        }
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw error("value " + text + " has more than the declared " + scale + " decimal places", e);
        }
    }

    @Override
    public Object offsetValue(ResultSet rs, int index) throws SQLException {
        Object value = read(rs, index);
        return value == null ? null : ((BigDecimal) value).toPlainString();
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.NUMERIC);
        } else {
            ps.setBigDecimal(index, new BigDecimal(offsetValue.toString()));
        }
    }

    /** The number itself for whole-number decimals that fit INT64; null for decimals with a fraction. */
    @Override
    public Long position(Object offsetValue) {
        if (offsetValue == null || scale != 0) {
            return null;
        }
        try {
            return new BigDecimal(offsetValue.toString()).longValueExact();
        } catch (ArithmeticException e) {
            throw error("cursor value " + offsetValue + " does not fit the INT64 source position", e);
        }
    }
}
