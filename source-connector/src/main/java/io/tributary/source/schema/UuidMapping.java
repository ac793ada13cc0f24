package io.tributary.source.schema;

import io.tributary.common.LogicalTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code uuid} as STRING {@code io.tributary.data.Uuid}, canonical lower case. Bound back as a
 * {@link UUID} where the database's uuid type does not compare with text, otherwise as text.
 */
public final class UuidMapping extends StringMapping {

    private final boolean bindAsUuid;

    /** @param bindAsUuid whether offset values are bound as {@link UUID} objects rather than text */
    public UuidMapping(ColumnInfo column, boolean bindAsUuid) {
        super(column, LogicalTypes::uuid, null, Bind.TEXT);
        this.bindAsUuid = bindAsUuid;
    }

    @Override
    protected String text(ResultSet rs, int index) throws SQLException {
        String value = rs.getString(index);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (!bindAsUuid) {
            super.bind(ps, index, offsetValue);
        } else if (offsetValue == null) {
            ps.setNull(index, Types.OTHER);
        } else {
            ps.setObject(index, UUID.fromString(offsetValue.toString()));
        }
    }
}
