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
 * {@link UUID} on PostgreSQL (which will not compare uuid with varchar) and as text on MariaDB.
 */
final class UuidMapping extends StringMapping {

    UuidMapping(ColumnInfo column, DatabaseKind kind) {
        super(column, kind, LogicalTypes::uuid, null, Bind.TEXT);
    }

    @Override
    protected String text(ResultSet rs, int index) throws SQLException {
        String value = rs.getString(index);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (kind != DatabaseKind.POSTGRES) {
            super.bind(ps, index, offsetValue);
        } else if (offsetValue == null) {
            ps.setNull(index, Types.OTHER);
        } else {
            ps.setObject(index, UUID.fromString(offsetValue.toString()));
        }
    }
}
