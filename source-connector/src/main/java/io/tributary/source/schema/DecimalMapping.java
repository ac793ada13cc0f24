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
 * {@code numeric(p,s)} / {@code decimal(p,s)} (and integers wider than INT64, such as unsigned 64-bit
 * ones, as {@code decimal(20,0)}) as Connect {@code Decimal} with scale s and parameter
 * {@code connect.decimal.precision} = p. Values are parsed from the database's text, so no digit is
 * lost; {@code NaN} and infinities have no Decimal form and fail with the column's name.
 */
public final class DecimalMapping extends BaseMapping {

    static final String PRECISION_PARAM = "connect.decimal.precision";

    private final int precision;
    private final int scale;

    public DecimalMapping(ColumnInfo column, int precision, int scale) {
        super(column);
        this.precision = precision;
        this.scale = scale;
    }

    /**
     * The mapping of a {@code numeric}/{@code decimal} column: Connect Decimal when precision and scale
     * are declared, else exact text ({@link VariableDecimalMapping}).
     */
    public static BaseMapping of(ColumnInfo c) {
        if (c.scale() == null || c.precision() <= 0) {
            return new VariableDecimalMapping(c);
        }
        if (c.scale() < 0) {
            // numeric(5,-2) holds whole numbers of up to 7 digits: exact as scale 0, which Avro also accepts.
            return new DecimalMapping(c, c.precision() - c.scale(), 0);
        }
        // numeric(3,5) holds values below 0.001; Avro needs precision >= scale.
        return new DecimalMapping(c, Math.max(c.precision(), c.scale()), c.scale());
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
    public Object offsetValue(Object value) {
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
