package io.tributary.source.table;

import io.tributary.common.RecordHeaders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/** Turns the current row of a result set into a Connect record with the contract's headers. */
public final class SourceRecords {

    private SourceRecords() {
    }

    /**
     * @param position the row's source position (cursor value), or null when the table has no cursor
     */
    public static SourceRecord row(TableSource table, ResultSet rs, Map<String, ?> partition, Map<String, ?> offset,
            String op, Long position) throws SQLException {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, op);
        headers.addString(RecordHeaders.TABLE, table.name());
        if (position != null) {
            headers.addLong(RecordHeaders.POSITION, position);
        }
        return new SourceRecord(partition, offset, table.topic(), null,
                table.converter().keySchema(), table.converter().key(rs),
                table.converter().valueSchema(), table.converter().value(rs),
                null, headers);
    }

    /** The row's position: the first cursor column's value as INT64, or null without a cursor. */
    public static Long position(TableSource table, ResultSet rs) throws SQLException {
        if (!table.plan().hasCursor()) {
            return null;
        }
        String cursor = table.plan().cursorColumns().get(0);
        var mapping = table.mapping(cursor);
        return mapping.position(mapping.offsetValue(rs, table.columnIndex(cursor)));
    }
}
