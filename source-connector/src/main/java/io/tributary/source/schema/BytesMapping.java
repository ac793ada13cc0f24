package io.tributary.source.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Binary columns ({@code binary}, {@code varbinary}, blobs, multi-bit bit strings...) as BYTES: the
 * stored bytes (e.g. {@code binary(n)} keeps its zero padding); offsets are base64.
 */
public final class BytesMapping extends BaseMapping {

    public BytesMapping(ColumnInfo column) {
        super(column);
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
    public Object offsetValue(Object value) {
        return value == null ? null : Base64.getEncoder().encodeToString((byte[]) value);
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
