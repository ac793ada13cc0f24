package io.tributary.source.snapshot;

import io.tributary.common.RecordHeaders;
import io.tributary.source.engine.Snapshot;
import io.tributary.source.offsets.ChunkOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.KeysetSql;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.table.PlanColumnMissingException;
import io.tributary.source.table.SourceRecords;
import io.tributary.source.table.TableSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads one snapshot chunk in key order as a single streamed query: {@code WHERE key > last AND
 * key <= upper ORDER BY key}, with an explicit fetch size so memory holds one fetch, never the chunk.
 * A keys-only plan (a keys-only refresh) selects only the key columns and emits key marks ({@code k}).
 * It resumes after the last key of its checkpoint, and can be reopened after a lost connection.
 * Before it opens, the table is described again when table.monitor.interval.ms has passed; when the
 * query fails because the table's columns changed, the table is described again and the query
 * reopened after the last key returned. A key column that is gone {@link TableSource#fail fails} the
 * table, and the chunk is {@link #abandoned()}.
 */
public final class ChunkReader implements Snapshot.Chunk, AutoCloseable {

    /** Queries of one open or read that may fail on changed columns, each followed by a new description. */
    private static final int MAX_RESHAPES = 3;

    private final TableSource table;
    private final int chunk;
    private final Map<String, Object> partition;
    private final List<String> keyColumns;
    private List<Object> lastKey;
    private long rows;
    private boolean exhausted;
    private boolean abandoned;
    private Connection connection;
    private int fetchSize;
    private PreparedStatement statement;
    private ResultSet resultSet;

    public ChunkReader(TableSource table, int chunk, ChunkOffset resumeFrom) {
        this.table = table;
        this.chunk = chunk;
        this.partition = SourcePartitions.chunk(table.name(), chunk);
        this.keyColumns = table.plan().keyColumns();
        if (resumeFrom != null && resumeFrom.planId().equals(table.plan().planId())) {
            this.lastKey = resumeFrom.lastKey();
            this.rows = resumeFrom.rows();
        }
    }

    public int chunk() {
        return chunk;
    }

    public TableSource table() {
        return table;
    }

    /** Runs the chunk query on {@code connection} (prepared for streaming by the dialect). */
    @Override
    public void open(Connection connection, int fetchSize) throws SQLException {
        closeQuietly();
        this.connection = connection;
        this.fetchSize = fetchSize;
        // read-only before the transaction's first statement, the description's catalog reads included
        table.dialect().beginStreamingRead(connection);
        try {
            if (!table.failed()) {
                table.describeIfDue(connection);
            }
            for (int attempt = 1; !table.failed(); attempt++) {
                try {
                    query();
                    return;
                } catch (SQLException | DataException e) {
                    closeQuietly();
                    if (attempt > MAX_RESHAPES || !table.reshapedAfter(connection, e)) {
                        throw e;
                    }
                }
            }
        } catch (PlanColumnMissingException e) {
            table.fail(e.getMessage());
        }
        abandoned = true;
    }

    private void query() throws SQLException {
        TablePlan plan = table.plan();
        // Without a key the table is one chunk, read whole; a restart reads it again.
        boolean keyed = !keyColumns.isEmpty();
        List<Object> lower = keyed ? (lastKey != null ? lastKey : plan.lowerBound(chunk)) : null;
        List<Object> upper = keyed ? plan.upperBound(chunk) : null;
        if (!keyed) {
            rows = 0;
        }
        List<String> expressions = table.expressions(keyColumns);
        List<String> where = new ArrayList<>();
        List<Object[]> binds = new ArrayList<>();
        if (lower != null) {
            KeysetSql.Condition gt = KeysetSql.greaterThan(expressions);
            where.add(gt.sql());
            gt.bindOrder().forEach(i -> binds.add(new Object[] {keyColumns.get(i), lower.get(i)}));
        }
        if (upper != null) {
            KeysetSql.Condition le = KeysetSql.lessOrEqual(expressions);
            where.add(le.sql());
            le.bindOrder().forEach(i -> binds.add(new Object[] {keyColumns.get(i), upper.get(i)}));
        }
        String select = plan.keysOnly() && keyed ? table.selectKeysFrom() : table.selectFrom();
        String sql = select + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + (keyed ? " ORDER BY " + String.join(", ", expressions) : "");
        statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        for (int i = 0; i < binds.size(); i++) {
            String column = (String) binds.get(i)[0];
            table.mapping(column).bind(statement, i + 1, binds.get(i)[1]);
        }
        resultSet = statement.executeQuery();
        exhausted = false;
    }

    /**
     * Up to {@code max} records; fewer, and {@link #exhausted()} true, at the end of the chunk. If
     * reading fails, the position stays at the last record returned, so a reopen loses nothing.
     */
    @Override
    public List<SourceRecord> read(int max) throws SQLException {
        if (abandoned) {
            return List.of();
        }
        try {
            return readRows(max);
        } catch (SQLException | DataException e) {
            closeQuietly();
            boolean reshaped;
            try {
                reshaped = table.reshapedAfter(connection, e);
            } catch (PlanColumnMissingException missing) {
                table.fail(missing.getMessage());
                abandoned = true;
                return List.of();
            }
            if (!reshaped) {
                throw e;
            }
            open(connection, fetchSize); // after the last key returned: nothing read in this call is lost
            return abandoned ? List.of() : readRows(max);
        }
    }

    private List<SourceRecord> readRows(int max) throws SQLException {
        List<SourceRecord> records = new ArrayList<>(Math.min(max, 4096));
        List<Object> key = lastKey;
        long count = rows;
        boolean end = false;
        boolean keysOnly = table.plan().keysOnly() && !keyColumns.isEmpty();
        while (records.size() < max) {
            if (!resultSet.next()) {
                end = true;
                break;
            }
            Object[] row = keysOnly ? table.converter().readKeys(resultSet) : table.converter().read(resultSet);
            if (!keyColumns.isEmpty()) {
                key = table.converter().keyOffset(row);
            }
            count++;
            ChunkOffset offset = new ChunkOffset(table.plan().planId(), key, false, count);
            records.add(SourceRecords.row(table, row, partition, offset.toLazyMap(),
                    keysOnly ? RecordHeaders.OP_KEY_MARK : RecordHeaders.OP_READ));
        }
        lastKey = key;
        rows = count;
        exhausted = end;
        return records;
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    /** Whether the chunk is not read on: its table failed (a key column is gone). */
    @Override
    public boolean abandoned() {
        return abandoned;
    }

    @Override
    public void measured(int rows, long nanos) {
        table.metrics().snapshotRead(rows, nanos);
    }

    public long rows() {
        return rows;
    }

    /** The checkpoint that marks this chunk done. */
    public ChunkOffset doneOffset() {
        return new ChunkOffset(table.plan().planId(), lastKey, true, rows);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (resultSet != null) {
                resultSet.close();
            }
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            // the connection may be gone; the statement goes with it
        } finally {
            resultSet = null;
            statement = null;
        }
    }
}
