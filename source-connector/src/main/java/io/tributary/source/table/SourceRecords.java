package io.tributary.source.table;

import io.tributary.common.RecordHeaders;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a row (each column read once, {@link io.tributary.source.schema.RowConverter#read}) into a Connect
 * record with the contract's headers: op, table, position (not on key marks) and the plan's generation.
 */
public final class SourceRecords {

    private SourceRecords() {
    }

    /**
     * @param defaultOp the operation unless the row's soft-delete marker is set ({@code k} rows hold only their keys)
     */
    public static SourceRecord row(TableSource table, Object[] row, Map<String, ?> partition, Map<String, ?> offset,
            String defaultOp) {
        ConnectHeaders headers = new ConnectHeaders();
        String op = table.operation(row, defaultOp);
        headers.addString(RecordHeaders.OP, op);
        headers.addString(RecordHeaders.TABLE, table.name());
        Long position = RecordHeaders.OP_KEY_MARK.equals(op) ? null : position(table, row);
        if (position != null) {
            headers.addLong(RecordHeaders.POSITION, position);
        }
        if (table.plan().hasGeneration()) {
            headers.addLong(RecordHeaders.GENERATION, table.plan().generation());
        }
        return new SourceRecord(partition, offset, table.topic(), null,
                table.converter().keySchema(), table.converter().key(row),
                table.converter().valueSchema(), table.converter().value(row),
                null, headers);
    }

    /**
     * The row's position: in log mode just below the table's log start (every change the log may still
     * deliver wins over it); else the first cursor column's value as INT64, or null without a cursor.
     */
    public static Long position(TableSource table, Object[] row) {
        if (table.plan().logMode()) {
            return table.plan().logStart().snapshotPosition();
        }
        if (!table.plan().hasCursor()) {
            return null;
        }
        String cursor = table.plan().cursorColumns().get(0);
        return table.mapping(cursor).position(table.converter().offsetValue(row, cursor));
    }
}
