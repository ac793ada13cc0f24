package io.tributary.source.log;

import io.tributary.common.RecordHeaders;
import io.tributary.source.config.TableFilter;
import io.tributary.source.dialect.LogSupport;
import io.tributary.source.offsets.OffsetJson;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a change event of Debezium's log reader into our record (docs/record-contract.md): the table's
 * topic, key and value schema (the same as its snapshot rows), and the headers {@code tributary.op}
 * ({@code c}, {@code u}, {@code d}, {@code t}), {@code tributary.position} (the event's log position),
 * {@code tributary.table}, {@code tributary.generation} (the table's current generation) and, for values
 * the log did not carry, {@code tributary.unchanged}. A delete is the key with a null value; a truncate has neither. Every record carries the reader's offset under
 * our log partition. Events we do not emit (heartbeats, logical messages, tables outside
 * {@code table.include.list}) return null: their offsets travel with the next record.
 */
final class LogRecordConverter {

    /** What a change event became: the record, or null; and its position and commit time when it was a change. */
    /** The records of one event: one, or for an update that changed the key, the old key's delete and then the change. */
    record Converted(List<SourceRecord> records, long position, long commitMillis) {
    }

    private final LogSupport log;
    private final LogTables tables;
    private final TableFilter filter;
    private final UnchangedValues unchanged;
    private final Map<String, Object> partition;
    private final LogGenerations generations;

    LogRecordConverter(LogSupport log, LogTables tables, TableFilter filter, UnchangedValues unchanged, Map<String, Object> partition,
            LogGenerations generations) {
        this.log = log;
        this.generations = generations;
        this.tables = tables;
        this.filter = filter;
        this.unchanged = unchanged;
        this.partition = partition;
    }

    /** The event as our record, or null when it is not a change of a captured table. */
    Converted convert(SourceRecord event) throws InterruptedException {
        if (!(event.value() instanceof Struct envelope) || envelope.schema().field("op") == null
                || envelope.schema().field("source") == null) {
            return null;
        }
        String op = envelope.getString("op");
        Struct source = envelope.getStruct("source");
        if ("m".equals(op) || source == null) {
            return null;
        }
        TableId id = log.table(source);
        if (!filter.matches(id.qualified())) {
            return null;
        }
        long position = log.position(source);
        Long commit = source.schema().field("ts_ms") == null ? null : source.getInt64("ts_ms");
        Schema rowSchema = envelope.schema().field("after") == null ? null : envelope.schema().field("after").schema();
        LogTables.LogTable table = rowSchema == null ? null : tables.table(id, rowSchema);
        if (table == null && !"t".equals(op)) {
            return null;
        }
        long generation = generations.of(id.qualified());
        ConnectHeaders headers = headers(id, position, generation);
        List<SourceRecord> records = new ArrayList<>(1);
        switch (op) {
            case "c", "r" -> records.add(change(table, envelope.getStruct("after"), op, headers, event));
            case "u" -> {
                SourceRecord change = change(table, envelope.getStruct("after"), op, headers, event);
                Struct before = envelope.getStruct("before");
                if (before != null && table.converter().keySchema() != null && hasKey(table, before)) {
                    // Our key (a key.columns override) need not be the log's key: an update that changed it moves
                    // the row, so the old key's row is deleted first (the replica identity covers the key)
                    ConnectHeaders deleteHeaders = headers(id, position, generation);
                    SourceRecord delete = delete(table, before, deleteHeaders, event);
                    if (!delete.key().equals(change.key())) {
                        records.add(delete);
                    }
                }
                records.add(change);
            }
            case "d" -> records.add(delete(table, envelope.getStruct("before"), headers, event));
            case "t" -> records.add(truncate(id, table, headers, event));
            default -> throw new DataException("table " + id.qualified() + ": unknown operation '" + op + "' in the log");
        }
        return new Converted(records, position, commit == null ? 0L : commit);
    }

    private static ConnectHeaders headers(TableId id, long position, long generation) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.TABLE, id.qualified());
        headers.addLong(RecordHeaders.POSITION, position);
        if (generation > 0) {
            headers.addLong(RecordHeaders.GENERATION, generation);
        }
        return headers;
    }

    /** Whether the row image carries every key column with a value (an update's old image may hold only some). */
    private static boolean hasKey(LogTables.LogTable table, Struct image) {
        for (String key : table.converter().keyColumns()) {
            Field field = image.schema().field(key);
            if (field == null || image.get(field) == null) {
                return false;
            }
        }
        return true;
    }

    private SourceRecord change(LogTables.LogTable table, Struct after, String op, ConnectHeaders headers, SourceRecord event) {
        if (after == null) {
            throw new DataException("table " + table.id().qualified() + ": a log event '" + op + "' without its row");
        }
        RowConverter converter = table.converter();
        Object[] row = new Object[converter.selectColumns().size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            String column = converter.selectColumns().get(i);
            Field field = after.schema().field(column);
            if (field == null) {
                continue; // a column added after this event was written: NULL, as a snapshot of that moment would say
            }
            Object value = after.get(field);
            if (unchanged.isPlaceholder(value)) {
                missing.add(column);
                continue;
            }
            row[i] = DebeziumValues.convert(value, field.schema(), converter.valueSchema().field(column).schema(),
                    table.id().qualified() + "." + column);
        }
        String ourOp = "u".equals(op) ? RecordHeaders.OP_UPSERT : RecordHeaders.OP_INSERT;
        if (!missing.isEmpty() && !RecordHeaders.OP_UPSERT.equals(ourOp)) {
            throw new DataException("table " + table.id().qualified() + ": an insert without the values of " + missing);
        }
        headers.addString(RecordHeaders.OP, ourOp);
        if (!missing.isEmpty()) {
            headers.addString(RecordHeaders.UNCHANGED, OffsetJson.write(missing));
        }
        return new SourceRecord(partition, event.sourceOffset(), table.topic(), null, converter.keySchema(), converter.key(row),
                converter.valueSchema(), converter.value(row), null, headers);
    }

    private SourceRecord delete(LogTables.LogTable table, Struct before, ConnectHeaders headers, SourceRecord event) {
        RowConverter converter = table.converter();
        if (before == null) {
            throw new DataException("table " + table.id().qualified() + ": a delete in the log without the deleted row's key");
        }
        Object[] row = new Object[converter.selectColumns().size()];
        for (String key : converter.keyColumns()) {
            Field field = before.schema().field(key);
            if (field == null) {
                throw new DataException("table " + table.id().qualified() + ": a delete in the log without key column " + key);
            }
            row[converter.selectColumns().indexOf(key)] = DebeziumValues.convert(before.get(field), field.schema(),
                    converter.valueSchema().field(key).schema(), table.id().qualified() + "." + key);
        }
        headers.addString(RecordHeaders.OP, RecordHeaders.OP_DELETE);
        // a tombstone: no value schema either (a required struct schema with a null value cannot be serialised)
        return new SourceRecord(partition, event.sourceOffset(), table.topic(), null, converter.keySchema(), converter.key(row),
                null, null, null, headers);
    }

    private SourceRecord truncate(TableId id, LogTables.LogTable table, ConnectHeaders headers, SourceRecord event) {
        headers.addString(RecordHeaders.OP, RecordHeaders.OP_TRUNCATE);
        String topic = table != null ? table.topic() : tables.topic(id);
        return new SourceRecord(partition, event.sourceOffset(), topic, null, null, null, null, null, null, headers);
    }
}
