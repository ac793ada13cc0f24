package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * {@code bytea}, {@code binary}, {@code varbinary}, the {@code blob} family and MariaDB {@code bit(n > 1)}
 * as BYTES (the stored bytes, e.g. {@code binary(n)} keeps its zero padding); offsets are base64.
 */
final class BytesMapping extends BaseMapping {

    BytesMapping(ColumnInfo column, DatabaseKind kind) {
        super(column, kind);
    }

    @Override
    protected SchemaBuilder builder() {
        return SchemaBuilder.bytes();
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        return rs.getBytes(index);
    }

    @Override
    public Object offsetValue(ResultSet rs, int index) throws SQLException {
        byte[] value = rs.getBytes(index);
        return value == null ? null : Base64.getEncoder().encodeToString(value);
    }

    @Override
    public void bind(PreparedStatement ps, int index, Object offsetValue) throws SQLException {
        if (offsetValue == null) {
            ps.setNull(index, Types.VARBINARY);
        } else {
            ps.setBytes(index, Base64.getDecoder().decode(offsetValue.toString()));
        }
    }
}
